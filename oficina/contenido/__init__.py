"""Initial public content: the guides and the privacy notice in es/ht/en, as Markdown files.

Each `<clave>.<idioma>.md` file in this folder is one PaginaInformativa. It opens with a small
header between two `---` lines, one `campo: valor` per line (titulo, resumen, tema, orden); the
rest is the Markdown body. `{{ retencion_anos }}` in a body is replaced by the RETENCION_ANOS
setting. Office address, hours and phones are never written here: they come from the database.

Loaded by `seed_demo` and by `manage.py cargar_contenido` (production, without demo data).
"""

import re
from dataclasses import dataclass, replace
from pathlib import Path

from django.conf import settings
from django.db import transaction

from .. import cache_publico
from ..choices import IdiomaPublico, Tema
from ..models import PaginaInformativa

# The privacy notice is a PaginaInformativa with this key: editable in the admin per language,
# never listed among the guides.
CLAVE_PRIVACIDAD = "privacidad"

CARPETA = Path(__file__).resolve().parent

_DELIMITADOR = "---"
_CAMPOS = {"titulo", "resumen", "tema", "orden"}
_NOMBRE = re.compile(r"^(?P<clave>[a-z0-9]+(?:-[a-z0-9]+)*)\.(?P<idioma>[a-z]{2})\.md$")
_MARCADOR = re.compile(r"\{\{\s*(\w+)\s*\}\}")


class ContenidoInvalido(ValueError):
    """A content file that cannot be loaded; the message names the file."""


@dataclass(frozen=True)
class Texto:
    """One content file, parsed: a page in one language."""

    clave: str
    idioma: str
    titulo: str
    resumen: str
    tema: str
    orden: int
    cuerpo: str


def leer(ruta: Path) -> Texto:
    """Parse one `<clave>.<idioma>.md` file (header + Markdown body); placeholders stay as written.

    The header is not YAML on purpose: every value is the rest of its line, verbatim, so a title
    with a colon or a leading number needs no quoting.
    """
    nombre = _NOMBRE.match(ruta.name)
    if nombre is None:
        raise ContenidoInvalido(f"{ruta.name}: el nombre debe ser <clave>.<idioma>.md")
    if nombre["idioma"] not in IdiomaPublico.values:
        raise ContenidoInvalido(f"{ruta.name}: idioma desconocido {nombre['idioma']!r}")

    lineas = ruta.read_text(encoding="utf-8").splitlines()
    if not lineas or lineas[0].strip() != _DELIMITADOR:
        raise ContenidoInvalido(f"{ruta.name}: debe empezar con una línea '{_DELIMITADOR}'")
    try:
        fin = lineas.index(_DELIMITADOR, 1)
    except ValueError:
        raise ContenidoInvalido(
            f"{ruta.name}: falta la línea '{_DELIMITADOR}' que cierra la cabecera"
        ) from None

    campos: dict[str, str] = {}
    for numero, linea in enumerate(lineas[1:fin], start=2):
        campo, separador, valor = linea.partition(":")
        campo = campo.strip()
        if not separador or campo not in _CAMPOS:
            raise ContenidoInvalido(f"{ruta.name}, línea {numero}: se espera uno de {sorted(_CAMPOS)}")
        if campo in campos:
            raise ContenidoInvalido(f"{ruta.name}, línea {numero}: {campo!r} repetido")
        campos[campo] = valor.strip()

    if not campos.get("titulo"):
        raise ContenidoInvalido(f"{ruta.name}: falta el título")
    tema = campos.get("tema", "")
    if tema and tema not in Tema.values:
        raise ContenidoInvalido(f"{ruta.name}: tema desconocido {tema!r}")
    orden = campos.get("orden", "0")
    if not orden.isdigit():
        raise ContenidoInvalido(f"{ruta.name}: el orden debe ser un número entero")
    return Texto(
        clave=nombre["clave"],
        idioma=nombre["idioma"],
        titulo=campos["titulo"],
        resumen=campos.get("resumen", ""),
        tema=tema,
        orden=int(orden),
        cuerpo="\n".join(lineas[fin + 1 :]).strip(),
    )


def rellenar(texto: str, valores: dict[str, object]) -> str:
    """Replace each `{{ nombre }}` with its value; an unknown name is an error, never left visible."""

    def valor(marca: re.Match[str]) -> str:
        if marca[1] not in valores:
            raise ContenidoInvalido(f"marcador desconocido {marca[0]!r}")
        return str(valores[marca[1]])

    return _MARCADOR.sub(valor, texto)


def textos(carpeta: Path = CARPETA) -> list[Texto]:
    """Every page in `carpeta`, placeholders filled from the settings, by key then language."""
    valores: dict[str, object] = {"retencion_anos": settings.RETENCION_ANOS}
    resultado = []
    for ruta in sorted(carpeta.glob("*.md")):
        texto = leer(ruta)
        try:
            cuerpo = rellenar(texto.cuerpo, valores)
        except ContenidoInvalido as error:
            raise ContenidoInvalido(f"{ruta.name}: {error}") from None
        resultado.append(replace(texto, cuerpo=cuerpo))

    # Translations of one guide share its place on the list and its topic.
    por_clave: dict[str, tuple[str, int]] = {}
    for texto in resultado:
        if por_clave.setdefault(texto.clave, (texto.tema, texto.orden)) != (texto.tema, texto.orden):
            raise ContenidoInvalido(f"{texto.clave}: tema y orden deben ser iguales en todos los idiomas")
    return resultado


@transaction.atomic
def cargar_contenido_inicial() -> int:
    """Create the guides and the privacy notice that do not exist yet; never overwrite edits."""
    existentes = set(PaginaInformativa.objects.values_list("clave", "idioma"))
    nuevas = [
        PaginaInformativa(
            clave=texto.clave,
            idioma=texto.idioma,
            tema=texto.tema,
            orden=texto.orden,
            titulo=texto.titulo,
            resumen=texto.resumen,
            cuerpo=texto.cuerpo,
        )
        for texto in textos()
        if (texto.clave, texto.idioma) not in existentes
    ]
    PaginaInformativa.objects.bulk_create(nuevas)
    if nuevas:
        # bulk_create sends no post_save: invalidate the public cache here.
        transaction.on_commit(cache_publico.invalidar)
    return len(nuevas)
