"""Hostile input: random and malicious values in every form and search box never give a 500,
and never come back unescaped.

Property-based (hypothesis), bounded to keep the suite fast: few examples per form, no deadline.
Each form is one row of FORMULARIOS (who sends it, where, which fields); search boxes are rows of
BUSQUEDAS. A new form or search box goes in these tables.
"""

import pytest
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from atenciones.models import SolicitudDerecho
from tests.factories import CasoFactory, DerivacionFactory, HogarFactory, PersonaFactory

pytestmark = pytest.mark.django_db

CONFIG = settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

MARCA_SCRIPT = "<script>alert('xss')</script>"
HOSTILES = [
    "",
    " ",
    "a" * 10_000,
    "\x00",
    "Ana\x00Pérez",
    "\x01\x02\x1b[31m\x7f",
    "línea\r\nnueva\ttab",
    MARCA_SCRIPT,
    '"><img src=x onerror=alert(1)>',
    "javascript:alert(1)",
    "' OR 1=1 --",
    "'; DROP TABLE atenciones_persona; --",
    "%00%27%22",
    "../../../../etc/passwd",
    "{{ 7|add:7 }}{% debug %}",
    "9" * 400,
    "-1",
    "0",
    "1e309",
    "NaN",
    "2026-02-30",
    "0000-00-00",
    "9999-12-31",
    "31/12/99999",
    "-2147483649",
    "18446744073709551616",
    "🙂" * 300,
    "\u202eevil\u202c",
    "ñ" * 3000,
]
texto_hostil = st.one_of(st.sampled_from(HOSTILES), st.text(max_size=200))
# Raw query strings with invalid UTF-8 and broken percent-encoding.
CONSULTAS_ROTAS = [b"q=%FF%FE%FD", b"q=%C3%28", b"q=%", b"q=%zz&q=%00", b"persona=%ED%A0%80", b"p=\xff\xfe"]

ESTADOS_ACEPTABLES = {200, 301, 302, 400, 403, 404, 405, 413, 429}


def _revisar(respuesta, valores):
    assert respuesta.status_code in ESTADOS_ACEPTABLES, respuesta.status_code
    if "html" in respuesta.get("Content-Type", ""):
        contenido = respuesta.content.decode(errors="replace")
        for valor in valores:
            if "<script>" in valor or "<img" in valor:
                assert valor not in contenido, "valor devuelto sin escapar"


@pytest.fixture
def clientes(encargada, profesional, enlace_salud):
    resultado = {"anonimo": Client()}
    for rol, usuario in (("encargada", encargada), ("profesional", profesional), ("enlace", enlace_salud)):
        resultado[rol] = Client()
        resultado[rol].force_login(usuario)
    return resultado


PERSONA_CAMPOS = [
    "nombres",
    "apellidos",
    "nombre_social",
    "fecha_nacimiento",
    "edad",
    "sexo",
    "genero",
    "nacionalidad",
    "pais_nacimiento",
    "tipo_documento",
    "documento_numero",
    "telefono",
    "email",
    "direccion",
    "comuna",
    "sector",
    "fecha_llegada_chile",
    "situacion_migratoria",
    "idiomas",
    "version",
]
PERSONA_VALIDA = {
    "nombres": "Marie",
    "apellidos": "Joseph",
    "sexo": "mujer",
    "genero": "femenino",
    "tipo_documento": "ninguno",
    "comuna": "Valparaíso",
    "situacion_migratoria": "no_informa",
    "consentimiento": "on",
}


@pytest.fixture
def datos(salud, profesional):
    hogar = HogarFactory()
    persona = PersonaFactory(hogar=hogar)
    return {
        "hogar": hogar,
        "caso": CasoFactory(persona=persona, asignado_a=profesional),
        "profesional": profesional,
        "solicitud": SolicitudDerecho.objects.create(tipo="supresion", solicitante="Ana", persona=persona),
        "persona": persona,
        "salud": salud,
        "derivacion": DerivacionFactory(persona=persona, departamento=salud),
    }


# (name, role, URL from the fixtures, fields sent by POST[, valid values, free-text fields])
# With valid values, each hostile value is also sent in one free-text field of an otherwise valid
# form, and the page it leads to must show it escaped.
FORMULARIOS = [
    ("login", "anonimo", lambda f: reverse("login"), ["username", "password"]),
    ("recuperar_clave", "anonimo", lambda f: reverse("password_reset"), ["email"]),
    (
        "cambiar_clave",
        "profesional",
        lambda f: reverse("password_change"),
        ["old_password", "new_password1", "new_password2"],
    ),
    (
        "anonimizar",
        "encargada",
        lambda f: reverse("equipo:derecho_anonimizar", args=[f["solicitud"].pk]),
        ["confirmo"],
    ),
    (
        "admin_solicitud",
        "encargada",
        lambda f: reverse("admin:atenciones_solicitudderecho_add"),
        [
            "tipo",
            "solicitante",
            "persona",
            "recibida_el",
            "identidad_verificada_por",
            "documento_verificacion",
            "estado",
            "resultado",
            "respondida_el",
        ],
    ),
    (
        "admin_persona",
        "encargada",
        lambda f: reverse("admin:atenciones_persona_add"),
        ["nombres", "hogar", "tutor", "fecha_nacimiento"],
    ),
    (
        "admin_caso",
        "encargada",
        lambda f: reverse("admin:atenciones_caso_add"),
        ["persona", "motivo", "area", "asignado_a"],
    ),
    (
        "admin_atencion",
        "encargada",
        lambda f: reverse("admin:atenciones_atencion_add"),
        ["persona", "caso", "profesional", "fecha_hora_0"],
    ),
    (
        "admin_derivacion",
        "encargada",
        lambda f: reverse("admin:atenciones_derivacion_add"),
        ["persona", "caso", "atencion", "departamento", "organizacion", "derivado_por", "motivo"],
    ),
    (
        "admin_membresia",
        "encargada",
        lambda f: reverse("admin:oficina_membresia_add"),
        ["usuario", "departamento"],
    ),
    (
        "admin_actividad",
        "encargada",
        lambda f: reverse("admin:oficina_actividad_add"),
        ["programa", "titulo", "inicio_0", "inicio_1", "asistentes"],
    ),
    (
        "admin_brecha",
        "encargada",
        lambda f: reverse("admin:atenciones_brechaseguridad_add"),
        [
            "detectada_el_0",
            "detectada_el_1",
            "naturaleza",
            "categorias_datos",
            "personas_afectadas",
            "medidas",
            "notificada_agencia_el_0",
            "notificada_agencia_el_1",
        ],
    ),
]

# (name, role, URL, query parameter names)
BUSQUEDAS = [
    (
        "admin_personas",
        "encargada",
        lambda f: reverse("admin:atenciones_persona_changelist"),
        ["q", "p", "o"],
    ),
    (
        "admin_derivaciones",
        "encargada",
        lambda f: reverse("admin:atenciones_derivacion_changelist"),
        ["q", "estado__exact"],
    ),
    (
        "admin_accesos",
        "encargada",
        lambda f: reverse("admin:atenciones_registroacceso_changelist"),
        ["q", "persona", "fecha__gte", "usuario__id__exact"],
    ),
    (
        "admin_historial",
        "encargada",
        lambda f: reverse("admin:auditlog_logentry_changelist"),
        ["q", "persona", "cid"],
    ),
    (
        "admin_solicitudes",
        "encargada",
        lambda f: reverse("admin:atenciones_solicitudderecho_changelist"),
        ["q", "vencida", "recibida_el__gte"],
    ),
    (
        "admin_autocompletar",
        "encargada",
        lambda f: reverse("admin:autocomplete"),
        ["term", "app_label", "model_name", "field_name"],
    ),
    ("publico_inicio", "anonimo", lambda f: reverse("publico:inicio"), ["q", "page"]),
    ("publico_buscar", "anonimo", lambda f: reverse("publico:buscar"), ["q", "pagina"]),
    ("publico_red", "anonimo", lambda f: reverse("publico:red_de_apoyo"), ["area", "idioma", "pagina"]),
    ("publico_actividades", "anonimo", lambda f: reverse("publico:actividades"), ["area", "pagina"]),
    ("mi_dia", "profesional", lambda f: reverse("equipo:mi_dia"), ["q", "page"]),
    (
        "derivaciones",
        "profesional",
        lambda f: reverse("equipo:derivaciones"),
        ["destino", "estado", "vencidas", "externas", "desde", "hasta", "pagina"],
    ),
    ("bandeja", "enlace", lambda f: reverse("equipo:bandeja"), ["estado", "pagina"]),
    (
        "indicadores",
        "encargada",
        lambda f: reverse("equipo:indicadores"),
        ["tipo", "anio", "mes", "trimestre", "desde", "hasta"],
    ),
    (
        "indicadores_reporte",
        "encargada",
        lambda f: reverse("equipo:indicadores_reporte"),
        ["tipo", "anio", "mes", "trimestre", "desde", "hasta"],
    ),
    ("personas", "profesional", lambda f: reverse("equipo:personas"), ["q", "page"]),
    ("persona_nueva_desde_busqueda", "profesional", lambda f: reverse("equipo:persona_nueva"), ["q"]),
    (
        "persona_historial",
        "profesional",
        lambda f: reverse("equipo:persona", args=[f["persona"].pk]),
        ["page"],
    ),
    (
        "casos",
        "profesional",
        lambda f: reverse("equipo:casos"),
        ["estado", "prioridad", "asignado", "area", "vencidos", "page", "pagina"],
    ),
    ("hogar", "profesional", lambda f: reverse("equipo:hogar", args=[f["hogar"].pk]), ["q", "page"]),
    ("hogar_nuevo_persona", "profesional", lambda f: reverse("equipo:hogar_nuevo"), ["persona"]),
    (
        "hogar_quitar_confirmar",
        "profesional",
        lambda f: reverse("equipo:hogar_quitar", args=[f["hogar"].pk]),
        ["persona"],
    ),
    ("derivar_tema", "profesional", lambda f: reverse("equipo:derivar", args=[f["persona"].pk]), ["tema"]),
]


def _ids(filas):
    return [fila[0] for fila in filas]


@pytest.mark.parametrize("fila", FORMULARIOS, ids=_ids(FORMULARIOS))
def test_forms_survive_hostile_values(fila, clientes, datos):
    nombre, rol, url_de, campos, *valido = fila
    url = url_de(datos)
    cliente = clientes[rol]

    @CONFIG
    @given(valores=st.lists(texto_hostil, min_size=len(campos), max_size=len(campos)))
    def enviar(valores):
        _revisar(cliente.post(url, dict(zip(campos, valores, strict=True))), valores)

    enviar()
    # And every listed hostile value in every field, deterministically.
    for valor in HOSTILES:
        _revisar(cliente.post(url, dict.fromkeys(campos, valor)), [valor])
    if valido:
        base_de, textos = valido
        for valor in HOSTILES:
            for campo in textos:
                _revisar(cliente.post(url, {**base_de(datos), campo: valor}, follow=True), [valor])


@pytest.mark.parametrize(("nombre", "rol", "url_de", "parametros"), BUSQUEDAS, ids=_ids(BUSQUEDAS))
def test_search_boxes_and_filters_survive_hostile_values(nombre, rol, url_de, parametros, clientes, datos):
    url = url_de(datos)
    cliente = clientes[rol]

    @CONFIG
    @given(valores=st.lists(texto_hostil, min_size=len(parametros), max_size=len(parametros)))
    def buscar(valores):
        _revisar(cliente.get(url, dict(zip(parametros, valores, strict=True))), valores)

    buscar()
    for valor in HOSTILES:
        _revisar(cliente.get(url, dict.fromkeys(parametros, valor)), [valor])
    for consulta in CONSULTAS_ROTAS:
        _revisar(cliente.get(url, QUERY_STRING=consulta.decode("latin-1")), [])


@pytest.mark.parametrize("tipo", ["mes", "trimestre", "anio", "personalizado"])
@pytest.mark.parametrize("url", ["equipo:indicadores", "equipo:indicadores_reporte"])
def test_indicator_periods_survive_extreme_dates_and_numbers(tipo, url, clientes):
    """A valid period type with hostile years, months and dates: a message, never a 500."""
    extremos = [
        "0",
        "-1",
        "1",
        "9999",
        "10000",
        "99999999999999999999",
        "2026-02-30",
        "0001-01-01",
        "9999-12-31",
    ]
    for valor in extremos + ["", "\x00", MARCA_SCRIPT]:
        parametros = {
            "tipo": tipo,
            "anio": valor,
            "mes": valor,
            "trimestre": valor,
            "desde": valor,
            "hasta": valor,
        }
        _revisar(clientes["encargada"].get(reverse(url), parametros), [valor])
    # The widest range that makes sense to type: year 1 to year 9999.
    amplio = {"tipo": "personalizado", "desde": "0001-01-01", "hasta": "9999-12-31"}
    _revisar(clientes["encargada"].get(reverse(url), amplio), [])
