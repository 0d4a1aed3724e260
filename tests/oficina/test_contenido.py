"""Initial content from Markdown files: the same pages as before, the retention filled in, bad files named."""

from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import override_settings

from oficina.contenido import CLAVE_PRIVACIDAD, ContenidoInvalido, leer, rellenar, textos
from oficina.models import PaginaInformativa

# The guides the office has published since the first release: key → (topic, place on the list).
GUIAS = {
    "regularizacion": ("regularizacion", 10),
    "refugio": ("refugio", 20),
    "salud-fonasa": ("salud", 30),
    "educacion-matricula": ("educacion", 40),
    "trabajo-omil": ("trabajo", 50),
    "vivienda": ("vivienda", 60),
    "registro-social-hogares": ("rsh", 70),
    "derechos-no-discriminacion": ("discriminacion", 80),
    "emergencias": ("emergencia", 90),
    "clases-espanol-cultura": ("cultura", 100),
}


@pytest.mark.django_db
def test_loading_creates_every_guide_and_the_privacy_notice_in_three_languages():
    call_command("cargar_contenido", verbosity=0)

    paginas = {(p.clave, p.idioma): p for p in PaginaInformativa.objects.all()}
    esperadas = {(clave, idioma) for clave in [*GUIAS, CLAVE_PRIVACIDAD] for idioma in ("es", "ht", "en")}
    assert set(paginas) == esperadas
    for (clave, _idioma), pagina in paginas.items():
        assert (pagina.tema, pagina.orden) == GUIAS.get(clave, ("", 0))
        assert pagina.publicada

    regularizacion = paginas["regularizacion", "es"]
    assert regularizacion.titulo == "Regularización migratoria: visas, residencias y cédula vencida"
    assert regularizacion.resumen == (
        "Cómo funcionan los permisos de residencia en Chile, cómo hacer trámites en línea "
        "con el SERMIG y qué hacer si su cédula está vencida."
    )
    assert regularizacion.cuerpo.startswith("## ¿Quién decide?\n\nEn Chile, los permisos de residencia")
    assert not regularizacion.cuerpo.endswith("\n")
    assert (
        paginas["regularizacion", "ht"].titulo == "Regilarizasyon: viza, rezidans ak kat idantite ki ekspire"
    )
    assert paginas["emergencias", "es"].titulo == "Emergencias: dónde pedir ayuda ahora"
    assert paginas["refugio", "en"].titulo == "Refugee status: how to ask for international protection"
    privacidad = paginas[CLAVE_PRIVACIDAD, "en"]
    assert (privacidad.titulo, privacidad.resumen) == ("Privacy notice", "")
    assert not any("{{" in p.cuerpo or "}}" in p.cuerpo for p in paginas.values())


@pytest.mark.django_db
@override_settings(RETENCION_ANOS=3)
def test_privacy_notice_states_the_retention_period_from_the_settings():
    call_command("cargar_contenido", verbosity=0)

    def cuerpo(clave: str, idioma: str) -> str:
        return PaginaInformativa.objects.get(clave=clave, idioma=idioma).cuerpo

    assert "Si pasan 3 años sin ninguna actividad en su caso" in cuerpo(CLAVE_PRIVACIDAD, "es")
    assert "Si 3 an pase san okenn aktivite nan dosye w" in cuerpo(CLAVE_PRIVACIDAD, "ht")
    assert "After 3 years with no activity in your case" in cuerpo(CLAVE_PRIVACIDAD, "en")
    assert "5 años" not in cuerpo(CLAVE_PRIVACIDAD, "es")
    # Other numbers of years are the guides' own facts, not the retention period.
    assert "Prekínder y kínder (4 y 5 años)" in cuerpo("educacion-matricula", "es")


def _archivo(tmp_path: Path, nombre: str, texto: str) -> Path:
    ruta = tmp_path / nombre
    ruta.write_text(texto, encoding="utf-8")
    return ruta


def test_header_values_are_taken_verbatim_so_titles_may_contain_colons(tmp_path):
    ruta = _archivo(
        tmp_path,
        "guia-nueva.ht.md",
        "---\ntitulo: Lekòl: enskripsyon\nresumen:  Yon rezime: kout. \ntema: educacion\norden: 45\n---\n\n"
        "## Tit\n\nTèks.\n",
    )
    texto = leer(ruta)
    assert (texto.clave, texto.idioma, texto.tema, texto.orden) == ("guia-nueva", "ht", "educacion", 45)
    assert (texto.titulo, texto.resumen) == ("Lekòl: enskripsyon", "Yon rezime: kout.")
    assert texto.cuerpo == "## Tit\n\nTèks."


@pytest.mark.parametrize(
    ("nombre", "texto", "mensaje"),
    [
        ("guia.md", "---\ntitulo: T\n---\nx", "<clave>.<idioma>.md"),
        ("guia.fr.md", "---\ntitulo: T\n---\nx", "idioma desconocido 'fr'"),
        ("guia.es.md", "titulo: T\n---\nx", "debe empezar"),
        ("guia.es.md", "---\ntitulo: T\nx", "falta la línea '---'"),
        ("guia.es.md", "---\ntitle: T\n---\nx", "línea 2"),
        ("guia.es.md", "---\ntitulo: T\ntitulo: U\n---\nx", "'titulo' repetido"),
        ("guia.es.md", "---\nresumen: R\n---\nx", "falta el título"),
        ("guia.es.md", "---\ntitulo: T\ntema: astrologia\n---\nx", "tema desconocido"),
        ("guia.es.md", "---\ntitulo: T\norden: diez\n---\nx", "número entero"),
    ],
)
def test_a_malformed_file_is_refused_with_its_name(tmp_path, nombre, texto, mensaje):
    with pytest.raises(ContenidoInvalido, match=r"^" + nombre.replace(".", r"\.")) as error:
        leer(_archivo(tmp_path, nombre, texto))
    assert mensaje in str(error.value)


def test_placeholders_are_filled_and_an_unknown_one_is_an_error():
    assert rellenar("Tras {{ retencion_anos }} años ({{retencion_anos}}).", {"retencion_anos": 7}) == (
        "Tras 7 años (7)."
    )
    assert rellenar("Sin marcadores: {llaves} sueltas.", {}) == "Sin marcadores: {llaves} sueltas."
    with pytest.raises(ContenidoInvalido, match="retencion_meses"):
        rellenar("{{ retencion_meses }}", {"retencion_anos": 7})


def test_translations_of_one_guide_must_share_topic_and_order(tmp_path):
    _archivo(tmp_path, "guia.es.md", "---\ntitulo: T\ntema: salud\norden: 5\n---\nx")
    _archivo(tmp_path, "guia.en.md", "---\ntitulo: T\ntema: salud\norden: 6\n---\nx")
    with pytest.raises(ContenidoInvalido, match="^guia: tema y orden"):
        textos(tmp_path)


def test_an_unknown_placeholder_names_its_file(tmp_path):
    _archivo(tmp_path, "guia.es.md", "---\ntitulo: T\n---\nHola {{ nombre }}")
    with pytest.raises(ContenidoInvalido, match=r"^guia\.es\.md: marcador desconocido"):
        textos(tmp_path)
