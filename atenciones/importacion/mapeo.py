"""Which column holds what: the import's fields, the headings offices use for them, and the
automatic proposal that the office head corrects on the mapping screen."""

from __future__ import annotations

from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..busqueda import normalizar_texto
from .lectura import FILAS_BUSCAR_ENCABEZADO, ArchivoInvalido, Hoja


@dataclass(frozen=True)
class Campo:
    clave: str
    etiqueta: Any  # lazy translation
    encabezados: tuple[str, ...]
    obligatorio: bool = False


# The fields a row can fill, with the headings (normalised) that propose them.
CAMPOS = (
    Campo("nombres", gettext_lazy("Nombres"), ("nombres", "nombre", "nombre s", "primer nombre"), True),
    Campo("apellidos", gettext_lazy("Apellidos"), ("apellidos", "apellido")),
    Campo("apellido_paterno", gettext_lazy("Apellido paterno"), ("apellido paterno", "primer apellido")),
    Campo("apellido_materno", gettext_lazy("Apellido materno"), ("apellido materno", "segundo apellido")),
    Campo(
        "nombre_completo",
        gettext_lazy("Nombre completo"),
        ("nombre completo", "nombre y apellido", "nombres y apellidos", "usuario", "persona", "beneficiario"),
    ),
    Campo(
        "documento",
        gettext_lazy("Número de documento"),
        (
            "rut",
            "run",
            "rut pasaporte",
            "run pasaporte",
            "documento",
            "n documento",
            "no documento",
            "numero de documento",
            "nro documento",
            "pasaporte",
            "dni",
            "identificacion",
            "rut o pasaporte",
        ),
    ),
    Campo(
        "tipo_documento",
        gettext_lazy("Tipo de documento"),
        ("tipo documento", "tipo de documento", "tipo doc"),
    ),
    Campo(
        "fecha_nacimiento",
        gettext_lazy("Fecha de nacimiento"),
        ("fecha de nacimiento", "fecha nacimiento", "f nacimiento", "fecha nac", "f nac", "nacimiento"),
    ),
    Campo("edad", gettext_lazy("Edad"), ("edad", "anos", "edad anos")),
    Campo("sexo", gettext_lazy("Sexo"), ("sexo", "sexo f m", "genero sexo")),
    Campo(
        "nacionalidad",
        gettext_lazy("Nacionalidad"),
        ("nacionalidad", "pais", "pais de origen", "pais origen", "procedencia"),
    ),
    Campo(
        "telefono",
        gettext_lazy("Teléfono"),
        ("telefono", "fono", "celular", "movil", "telefono contacto", "contacto", "numero de contacto"),
    ),
    Campo(
        "email",
        gettext_lazy("Correo electrónico"),
        ("correo", "email", "e mail", "correo electronico", "mail"),
    ),
    Campo("direccion", gettext_lazy("Dirección"), ("direccion", "domicilio", "direccion domicilio")),
    Campo("sector", gettext_lazy("Sector o cerro"), ("sector", "cerro", "barrio", "poblacion")),
    Campo(
        "fecha_llegada_chile",
        gettext_lazy("Fecha de llegada a Chile"),
        ("fecha de llegada", "llegada a chile", "fecha llegada", "fecha de ingreso", "ingreso a chile"),
    ),
    Campo(
        "fecha_atencion",
        gettext_lazy("Fecha de la atención"),
        ("fecha", "fecha atencion", "fecha de atencion", "dia", "fecha consulta"),
        True,
    ),
    Campo(
        "hora_atencion", gettext_lazy("Hora de la atención"), ("hora", "hora atencion", "hora de atencion")
    ),
    Campo(
        "canal",
        gettext_lazy("Canal"),
        ("canal", "via", "medio", "modalidad", "tipo de atencion", "via de atencion"),
    ),
    Campo(
        "temas",
        gettext_lazy("Temas"),
        ("tema", "temas", "motivo", "motivo de consulta", "materia", "area", "motivo consulta", "consulta"),
    ),
    Campo(
        "notas",
        gettext_lazy("Notas"),
        ("observaciones", "observacion", "notas", "detalle", "comentarios", "obs"),
    ),
    Campo(
        "resultado",
        gettext_lazy("Resultado"),
        ("resultado", "gestion", "accion realizada", "gestion realizada"),
    ),
)
CAMPOS_POR_CLAVE = {c.clave: c for c in CAMPOS}
_ENCABEZADOS = {e: c.clave for c in CAMPOS for e in c.encabezados}
# Below this similarity a heading proposes nothing (the office head maps it by hand).
SIMILITUD_MINIMA = 0.86


def campo_para(encabezado: Any) -> str | None:
    """The field a heading proposes: an exact known heading, else the most similar one."""
    return _campo_para(normalizar_texto("" if encabezado is None else str(encabezado)))


@lru_cache(maxsize=2048)
def _campo_para(normal: str) -> str | None:
    # Cached: the rows scanned for the header hold the same words again and again.
    if not normal:
        return None
    if normal in _ENCABEZADOS:
        return _ENCABEZADOS[normal]
    mejor, puntaje = None, 0.0
    for conocido, clave in _ENCABEZADOS.items():
        comparador = SequenceMatcher(None, normal, conocido)
        # Cheap upper bounds first: most cells (names, dates) are far from every heading.
        if comparador.real_quick_ratio() < SIMILITUD_MINIMA or comparador.quick_ratio() < SIMILITUD_MINIMA:
            continue
        razon = comparador.ratio()
        if razon > puntaje:
            mejor, puntaje = clave, razon
    return mejor if puntaje >= SIMILITUD_MINIMA else None


def buscar_encabezado(hoja: Hoja) -> tuple[int, list[str]]:
    """(row number, headings) of the header row: the row, among the first ones, naming most fields.

    Titles, logos and blank lines above the table are skipped. ArchivoInvalido when no row names
    at least two fields.
    """
    mejor: tuple[int, int, list[str]] = (0, 0, [])
    for numero, valores in hoja.filas():
        if numero > FILAS_BUSCAR_ENCABEZADO:
            break
        textos = ["" if v is None else str(v).strip() for v in valores]
        reconocidos = {campo_para(t) for t in textos} - {None}
        if len(reconocidos) > mejor[1]:
            mejor = (numero, len(reconocidos), textos)
    if mejor[1] < 2:
        raise ArchivoInvalido(
            _(
                "La hoja «%(hoja)s» no tiene una fila de encabezados reconocible (por ejemplo «Nombre», "
                "«RUT», «Fecha»). Agregue los títulos de las columnas y vuelva a subirla."
            )
            % {"hoja": hoja.nombre}
        )
    while mejor[2] and not mejor[2][-1]:
        mejor[2].pop()
    return mejor[0], mejor[2]


def proponer_mapeo(encabezados: list[str]) -> dict[int, str]:
    """Column index → field, each field proposed for one column at most (the first that names it)."""
    mapeo: dict[int, str] = {}
    usados: set[str] = set()
    for indice, encabezado in enumerate(encabezados):
        clave = campo_para(encabezado)
        if clave and clave not in usados:
            mapeo[indice] = clave
            usados.add(clave)
    return mapeo


def validar_mapeo(mapeo: dict[int, str]) -> list[str]:
    """The problems of a mapping (empty when it can be used)."""
    errores = []
    vistos: dict[str, int] = {}
    for indice, clave in sorted(mapeo.items()):
        if clave not in CAMPOS_POR_CLAVE:
            errores.append(_("Campo desconocido: «%(campo)s».") % {"campo": clave})
        elif clave in vistos:
            errores.append(
                _("El campo «%(campo)s» está asignado a dos columnas (%(a)s y %(b)s).")
                % {"campo": CAMPOS_POR_CLAVE[clave].etiqueta, "a": vistos[clave] + 1, "b": indice + 1}
            )
        else:
            vistos[clave] = indice
    claves = set(vistos)
    if not claves & {"nombres", "nombre_completo"}:
        errores.append(_("Asigne la columna con el nombre de la persona (Nombres o Nombre completo)."))
    if "fecha_atencion" not in claves:
        errores.append(_("Asigne la columna con la fecha de la atención."))
    return errores
