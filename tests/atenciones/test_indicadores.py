"""Sello Migrante indicators: every number checked against a small dataset counted by hand."""

import datetime
import io
from decimal import Decimal
from zoneinfo import ZoneInfo

import openpyxl
import pytest
import time_machine
from django.core.cache import cache
from django.urls import reverse

from atenciones import indicadores as ind
from atenciones.choices import Canal, EstadoDerivacion, MotivoRechazo, Sexo
from oficina.choices import Tema
from oficina.models import Actividad, AsistenteCapacitacion, Capacitacion, Programa
from tests.factories import (
    AtencionFactory,
    DerivacionFactory,
    OrganizacionFactory,
    PaginaInformativaFactory,
    PersonaFactory,
)

pytestmark = pytest.mark.django_db

SCL = ZoneInfo("America/Santiago")
HOY = datetime.datetime(2026, 6, 15, 12, 0, tzinfo=SCL)
FEBRERO = ind.Periodo(datetime.date(2026, 2, 1), datetime.date(2026, 2, 28))
MARZO = ind.Periodo(datetime.date(2026, 3, 1), datetime.date(2026, 3, 31))
PRIMER_TRIMESTRE = ind.Periodo(datetime.date(2026, 1, 1), datetime.date(2026, 3, 31))


def scl(*args):
    return datetime.datetime(*args, tzinfo=SCL)


@pytest.fixture(autouse=True)
def hoy():
    cache.clear()  # the page keeps computed indicators in the cache
    with time_machine.travel(HOY, tick=False):
        yield


@pytest.fixture
def datos(salud, educacion, encargada, profesional):
    """The hand-counted dataset (see each comment for what it should produce)."""
    ana = PersonaFactory(nacionalidad="VE", sexo=Sexo.MUJER, fecha_nacimiento=datetime.date(1990, 5, 1))
    bob = PersonaFactory(nacionalidad="HT", sexo=Sexo.HOMBRE, fecha_nacimiento=datetime.date(2010, 1, 1))
    cata = PersonaFactory(nacionalidad="PE", sexo=Sexo.NO_INFORMA, fecha_nacimiento=None)
    dora = PersonaFactory(nacionalidad="VE", sexo=Sexo.MUJER, fecha_nacimiento=datetime.date(1960, 1, 1))
    # Turns 18 on the last day of March: counted in 18-29.
    eli = PersonaFactory(nacionalidad="CO", sexo=Sexo.HOMBRE, fecha_nacimiento=datetime.date(2008, 3, 31))

    # February: Ana (her first ever: new) and Dora (attended in December: returning).
    AtencionFactory(persona=ana, fecha_hora=scl(2026, 2, 10, 10, 0), temas=[Tema.TRABAJO])
    AtencionFactory(persona=dora, fecha_hora=scl(2025, 12, 1, 10, 0))
    AtencionFactory(persona=dora, fecha_hora=scl(2026, 2, 28, 23, 59))
    # March: Ana returns; Bob at 23:30 on 31 March (already April in UTC); Cata at the first instant.
    AtencionFactory(persona=ana, fecha_hora=scl(2026, 3, 5, 11, 0), temas=[Tema.TRABAJO])
    AtencionFactory(
        persona=bob,
        fecha_hora=scl(2026, 3, 31, 23, 30),
        canal=Canal.WHATSAPP,
        temas=[Tema.SALUD, Tema.EDUCACION],
    )
    AtencionFactory(persona=cata, fecha_hora=scl(2026, 3, 1, 0, 0))
    AtencionFactory(persona=dora, fecha_hora=scl(2026, 3, 15, 9, 0))
    AtencionFactory(persona=eli, fecha_hora=scl(2026, 3, 20, 9, 0), canal=Canal.TELEFONO, temas=[Tema.OTRO])
    # April, half an hour after March ends: outside.
    AtencionFactory(persona=cata, fecha_hora=scl(2026, 4, 1, 0, 30))

    oim = OrganizacionFactory(nombre="Organización Internacional para las Migraciones", sigla="OIM")

    def derivacion(destino, enviada, estado=EstadoDerivacion.ENVIADA, cerrada=None, limite=None, **extra):
        campos = {"departamento": destino, "organizacion": None}
        if destino == oim:
            campos = {"departamento": None, "organizacion": oim}
        if estado == EstadoDerivacion.RESUELTA:
            extra.setdefault("respuesta", "Atendida.")
        if estado == EstadoDerivacion.RECHAZADA:
            extra.setdefault("motivo_rechazo", MotivoRechazo.SIN_CUPO)
        return DerivacionFactory(
            persona=ana,
            fecha_envio=enviada,
            estado=estado,
            fecha_cierre=cerrada,
            fecha_limite=limite or (enviada.date() + datetime.timedelta(days=7)),
            **campos,
            **extra,
        )

    # Salud: resolved in 4 and 10 days (median 7), one cancelled, one open and overdue (sent 23:30 on 31 March).
    derivacion(salud, scl(2026, 3, 2, 10), EstadoDerivacion.RESUELTA, scl(2026, 3, 6, 10))
    derivacion(salud, scl(2026, 3, 10, 10), EstadoDerivacion.RESUELTA, scl(2026, 3, 20, 10))
    derivacion(salud, scl(2026, 3, 12, 10), EstadoDerivacion.CANCELADA, scl(2026, 3, 13, 10))
    derivacion(salud, scl(2026, 3, 31, 23, 30), limite=datetime.date(2026, 4, 7))
    # Educación: one resolved in a day, one rejected.
    derivacion(educacion, scl(2026, 3, 4, 10), EstadoDerivacion.RESUELTA, scl(2026, 3, 5, 10))
    derivacion(educacion, scl(2026, 3, 6, 10), EstadoDerivacion.RECHAZADA, scl(2026, 3, 7, 10))
    # OIM: one received in March, not yet due; one from January, overdue (outside the period).
    derivacion(oim, scl(2026, 3, 3, 10), EstadoDerivacion.RECIBIDA, limite=datetime.date(2026, 7, 1))
    derivacion(oim, scl(2026, 1, 10, 10), limite=datetime.date(2026, 1, 24))

    programa = Programa.objects.create(nombre="Clases de español", area="educacion")
    Actividad.objects.create(programa=programa, titulo="Clase 1", inicio=scl(2026, 3, 10, 18), asistentes=12)
    Actividad.objects.create(programa=programa, titulo="Clase 2", inicio=scl(2026, 3, 20, 18))
    Actividad.objects.create(
        programa=programa, titulo="Clase 3", inicio=scl(2026, 4, 1, 0, 30), asistentes=30
    )

    cap1 = Capacitacion.objects.create(titulo="Ley 21.325", fecha=datetime.date(2026, 3, 5), horas=2)
    cap2 = Capacitacion.objects.create(
        titulo="Enfoque de derechos", fecha=datetime.date(2026, 3, 25), horas=3.5
    )
    cap3 = Capacitacion.objects.create(titulo="Fuera del período", fecha=datetime.date(2026, 4, 2), horas=1)
    for cap, asistentes in (
        (cap1, [encargada, profesional, None]),
        (cap2, [profesional, None]),
        (cap3, [None]),
    ):
        for usuario in asistentes:
            AsistenteCapacitacion.objects.create(
                capacitacion=cap,
                usuario=usuario,
                nombre=usuario.get_full_name() if usuario else "Funcionaria CESFAM Barón",
            )

    PaginaInformativaFactory(idioma="es")
    PaginaInformativaFactory(idioma="es")
    PaginaInformativaFactory(idioma="es", publicada=False)
    PaginaInformativaFactory(idioma="ht")
    return {"personas": [ana, bob, cata, dora, eli], "oim": oim}


def _por_clave(filas, campo):
    return {f["clave"]: f[campo] for f in filas}


def test_persons_attended_new_and_returning_across_two_periods(datos):
    assert ind.personas_atendidas(FEBRERO) == {"atenciones": 2, "personas": 2, "nuevas": 1, "recurrentes": 1}
    # Ana was new in February and returns in March; Bob (23:30 on the 31st) and Cata (00:00 on the 1st) count.
    assert ind.personas_atendidas(MARZO) == {"atenciones": 5, "personas": 5, "nuevas": 3, "recurrentes": 2}


def test_attentions_by_month_count_the_last_evening_in_its_month(datos):
    assert [(f["clave"], f["atenciones"]) for f in ind.atenciones_por_mes(PRIMER_TRIMESTRE)] == [
        ("2026-01", 0),
        ("2026-02", 2),
        ("2026-03", 5),
    ]


def test_attentions_by_topic_and_channel(datos):
    temas = _por_clave(ind.atenciones_por_tema(MARZO), "atenciones")
    assert {k: v for k, v in temas.items() if v} == {
        "regularizacion": 2,
        "trabajo": 1,
        "salud": 1,
        "educacion": 1,
        "otro": 1,
    }
    assert len(temas) == len(Tema.values)
    canales = _por_clave(ind.atenciones_por_canal(MARZO), "atenciones")
    assert {k: v for k, v in canales.items() if v} == {"presencial": 3, "whatsapp": 1, "telefono": 1}


def test_attentions_by_nationality_sex_and_age_group(datos):
    nacionalidad = {
        f["clave"]: (f["atenciones"], f["personas"]) for f in ind.atenciones_por_nacionalidad(MARZO)
    }
    assert nacionalidad == {"VE": (2, 2), "HT": (1, 1), "PE": (1, 1), "CO": (1, 1)}
    assert _por_clave(ind.atenciones_por_sexo(MARZO), "personas") == {
        "mujer": 2,
        "hombre": 2,
        "intersexual": 0,
        "no_informa": 1,
    }
    assert _por_clave(ind.atenciones_por_edad(MARZO), "atenciones") == {
        "0-17": 1,
        "18-29": 1,
        "30-44": 1,
        "45-59": 0,
        "60+": 1,
        "sin_dato": 1,
    }


def test_referrals_by_destination_with_rate_and_median(datos, salud, educacion):
    filas = {f["etiqueta"]: f for f in ind.derivaciones_por_destino(MARZO)}
    assert set(filas) == {"Salud", "SLEP", "OIM"}
    s = filas["Salud"]
    assert (s["total"], s["resueltas"], s["canceladas"], s["abiertas"], s["vencidas"]) == (4, 2, 1, 1, 1)
    assert s["tasa"] == 66.7  # 2 resolved of 3 (the cancelled one is left out)
    assert s["mediana_dias"] == 7.0  # median of 4 and 10 days
    e = filas["SLEP"]
    assert (e["total"], e["resueltas"], e["rechazadas"], e["tasa"], e["mediana_dias"]) == (2, 1, 1, 50.0, 1.0)
    o = filas["OIM"]
    assert (o["total"], o["resueltas"], o["tasa"], o["mediana_dias"]) == (1, 0, 0.0, None)


def test_median_of_an_odd_number_of_referrals(datos, salud):
    DerivacionFactory(
        departamento=salud,
        fecha_envio=scl(2026, 3, 15, 10),
        estado=EstadoDerivacion.RESUELTA,
        respuesta="Listo.",
        fecha_cierre=scl(2026, 3, 17, 22),  # 2.5 days
    )
    filas = {f["etiqueta"]: f for f in ind.derivaciones_por_destino(MARZO)}
    assert filas["Salud"]["mediana_dias"] == 4.0  # 2.5, 4, 10


def test_overdue_and_external_referrals_are_counted_today(datos):
    assert {f["etiqueta"]: f["vencidas"] for f in ind.derivaciones_vencidas()} == {"Salud": 1, "OIM": 1}
    assert [
        (f["etiqueta"], f["pendientes"], f["vencidas"]) for f in ind.derivaciones_externas_pendientes()
    ] == [("OIM", 2, 1)]


def test_activities_trainings_and_guides(datos):
    assert [
        (f["etiqueta"], f["actividades"], f["asistentes"], f["sin_registro"]) for f in ind.actividades(MARZO)
    ] == [("Clases de español", 2, 12, 1)]
    datos_todos = ind.calcular(MARZO)
    assert [(f["etiqueta"], f["asistentes"]) for f in datos_todos["capacitaciones"]] == [
        ("Ley 21.325", 3),
        ("Enfoque de derechos", 2),
    ]
    assert datos_todos["capacitaciones_total"] == {
        "sesiones": 2,
        "horas": Decimal("5.5"),
        "asistencias": 5,
        "personas": 3,
    }
    assert _por_clave(datos_todos["guias"], "publicadas") == {"es": 2, "ht": 1, "en": 0}


def test_small_counts_are_masked_for_publication():
    assert [ind.enmascarar(n) for n in (0, 1, 4, 5, 12)] == [0, "<5", "<5", 5, 12]


# --- the page -------------------------------------------------------------------------------------


def test_indicators_page_shows_the_period_numbers(client, encargada, datos):
    client.force_login(encargada)
    respuesta = client.get(reverse("equipo:indicadores"), {"tipo": "mes", "anio": 2026, "mes": 3})
    assert respuesta.status_code == 200
    contenido = respuesta.content.decode()
    assert respuesta.context["datos"]["personas"]["nuevas"] == 3
    assert "Atenciones por tema" in contenido
    # Accessible charts: an SVG image with its title and description, and a table beside it.
    assert contenido.count('role="img"') == 12
    assert "<desc id=" in contenido and "<caption>" in contenido
    assert "Descargar reporte Sello Migrante" in contenido


def test_month_chart_is_a_timeline_and_other_charts_skip_zeros(client, encargada, datos):
    client.force_login(encargada)
    respuesta = client.get(reverse("equipo:indicadores"), {"tipo": "trimestre", "anio": 2026, "trimestre": 1})
    graficos = respuesta.context["graficos"]
    assert [(b["etiqueta"], b["valor"]) for b in graficos["mes"]["barras"]] == [
        ("enero de 2026", 0),
        ("febrero de 2026", 2),
        ("marzo de 2026", 5),
    ]
    assert all(b["valor"] for b in graficos["tema"]["barras"])
    assert "El valor mayor es marzo de 2026, con 5." in graficos["mes"]["descripcion"]


def test_professionals_see_the_page_and_liaisons_get_404(client, profesional, enlace_salud):
    client.force_login(profesional)
    assert client.get(reverse("equipo:indicadores")).status_code == 200
    client.force_login(enlace_salud)
    assert client.get(reverse("equipo:indicadores")).status_code == 404
    assert client.get(reverse("equipo:indicadores_reporte")).status_code == 404


def test_anonymous_visitor_is_sent_to_login(client):
    respuesta = client.get(reverse("equipo:indicadores"))
    assert respuesta.status_code == 302 and "/cuentas/login/" in respuesta["Location"]


@pytest.mark.parametrize(
    ("consulta", "mensaje"),
    [
        ({"tipo": "personalizado", "desde": "2026-05-01", "hasta": "2026-01-01"}, "anterior a la de inicio"),
        ({"tipo": "personalizado", "desde": "31/02/2026", "hasta": "2026-03-01"}, "dd-mm-aaaa"),
        ({"tipo": "personalizado", "desde": "ayer", "hasta": "hoy"}, "dd-mm-aaaa"),
        ({"tipo": "personalizado", "desde": "2016-01-01", "hasta": "2025-12-31"}, "como máximo tres años"),
        ({"tipo": "personalizado", "desde": "2026-01-01", "hasta": "9999-12-31"}, "como máximo tres años"),
        ({"tipo": "personalizado", "desde": "2026-12-01", "hasta": "2028-06-01"}, "demasiado lejos"),
        ({"tipo": "mes", "anio": "99999", "mes": "3"}, "Elija un año entre"),
        ({"tipo": "mes", "anio": "2026", "mes": "13"}, "Escoja una opción válida"),
        ({"tipo": "semana"}, "Escoja una opción válida"),
    ],
)
def test_bad_periods_get_a_clear_message_never_a_500(client, encargada, consulta, mensaje):
    client.force_login(encargada)
    respuesta = client.get(reverse("equipo:indicadores"), consulta)
    assert respuesta.status_code == 200
    assert mensaje in respuesta.content.decode()
    assert "datos" not in respuesta.context
    assert client.get(reverse("equipo:indicadores_reporte"), consulta).status_code == 400


def test_custom_period_keeps_what_was_typed(client, encargada):
    client.force_login(encargada)
    respuesta = client.get(
        reverse("equipo:indicadores"), {"tipo": "personalizado", "desde": "2026-05-01", "hasta": "2026-01-01"}
    )
    assert 'value="2026-05-01"' in respuesta.content.decode()


def test_indicators_page_runs_a_fixed_number_of_queries(
    client, encargada, datos, django_assert_max_num_queries
):
    # One aggregate query per indicator: more attentions, persons and referrals must not add queries.
    client.force_login(encargada)
    url = reverse("equipo:indicadores")
    consulta = {"tipo": "anio", "anio": 2026}
    client.get(url, consulta)
    for i in range(30):
        AtencionFactory(fecha_hora=scl(2026, 1 + i % 5, 1 + i % 28, 10), temas=[Tema.SALUD, Tema.VIVIENDA])
        DerivacionFactory(
            fecha_envio=scl(2026, 2, 1 + i % 27, 10), organizacion=datos["oim"], departamento=None
        )
    cache.clear()
    # session, user, groups, permissions for the menu, for the period and the previous one 11
    # indicator queries each (+1: the median on SQLite, or SET LOCAL jit on PostgreSQL) and a
    # savepoint, and the session save.
    with django_assert_max_num_queries(36):
        assert client.get(url, consulta).status_code == 200
    # Within ten minutes the same period comes from the cache: no indicator query at all.
    with django_assert_max_num_queries(8):
        assert client.get(url, consulta).status_code == 200


# --- the Sello Migrante report ---------------------------------------------------------------------


def test_report_workbook_has_a_cover_and_a_sheet_per_indicator_without_personal_data(
    client, encargada, datos
):
    client.force_login(encargada)
    respuesta = client.get(reverse("equipo:indicadores_reporte"), {"tipo": "mes", "anio": 2026, "mes": 3})
    assert respuesta.status_code == 200
    assert respuesta["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "sello-migrante-20260301-20260331" in respuesta["Content-Disposition"]
    libro = openpyxl.load_workbook(io.BytesIO(respuesta.content))
    assert libro.sheetnames[0] == "Portada"
    assert len(libro.sheetnames) == 14
    portada = {fila[0]: fila[1] for fila in libro["Portada"].iter_rows(min_row=2, values_only=True)}
    assert portada["Oficina"] == "Oficina Comunal de Migrantes"
    assert portada["Comuna"] == "Valparaíso"
    assert portada["Desde"].date() == datetime.date(2026, 3, 1)
    assert portada["Hasta"].date() == datetime.date(2026, 3, 31)
    assert portada["Generado el"].date() == datetime.date(2026, 6, 15)

    resumen = {f[0]: f[1] for f in libro["Personas atendidas"].iter_rows(min_row=2, values_only=True)}
    # 3 new and 2 returning are small counts. The 5 persons fall in five age groups of one each
    # (and the 5 attentions likewise), so the totals are reserved ("*"): shown, they would give
    # every group's 1 away (complementary suppression, atenciones/supresion.py).
    assert resumen == {
        "Personas atendidas": "*",
        "Personas nuevas": "<5",
        "Personas que vuelven": "<5",
        "Atenciones": "*",
    }

    textos = {
        str(c) for hoja in libro for fila in hoja.iter_rows(values_only=True) for c in fila if c is not None
    }
    for persona in datos["personas"]:
        assert persona.nombres not in textos and persona.apellidos not in textos
        assert persona.documento_numero not in textos


def test_report_masks_every_small_count_in_the_sheets(client, encargada, datos):
    client.force_login(encargada)
    respuesta = client.get(reverse("equipo:indicadores_reporte"), {"tipo": "mes", "anio": 2026, "mes": 3})
    libro = openpyxl.load_workbook(io.BytesIO(respuesta.content))
    for nombre in (
        "Atenciones por tema",
        "Por nacionalidad",
        "Derivaciones por destino",
        "Externas sin respuesta",
    ):
        for fila in libro[nombre].iter_rows(min_row=2, values_only=True):
            for valor in fila[1:]:
                assert not (isinstance(valor, int) and 0 < valor < 5), (nombre, fila)
