"""Issue #13, point 1: a resolved referral records its outcome, and the indicators count outcomes."""

import datetime
import importlib
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.apps import apps
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.urls import reverse

from atenciones import indicadores as ind
from atenciones.choices import RESULTADOS_RESUELTOS, EstadoDerivacion, ResultadoDerivacion
from atenciones.models import Derivacion
from atenciones.services import TransicionInvalida, cambiar_estado_derivacion
from tests.factories import DerivacionFactory, OrganizacionFactory

pytestmark = pytest.mark.django_db

E = EstadoDerivacion
R = ResultadoDerivacion
SCL = ZoneInfo("America/Santiago")
HOY = datetime.datetime(2026, 6, 15, 12, 0, tzinfo=SCL)
JUNIO = ind.Periodo(datetime.date(2026, 6, 1), datetime.date(2026, 6, 30))


@pytest.fixture(autouse=True)
def hoy():
    cache.clear()
    with time_machine.travel(HOY, tick=False):
        yield


def _en_atencion(**kwargs):
    kwargs.setdefault("fecha_envio", datetime.datetime(2026, 6, 5, 10, 0, tzinfo=SCL))
    derivacion = DerivacionFactory(**kwargs)
    Derivacion.objects.filter(pk=derivacion.pk).update(estado=E.EN_ATENCION)
    derivacion.refresh_from_db()
    return derivacion


def _resolver(derivacion, usuario, resultado, **extra):
    extra.setdefault("respuesta", "Registrado.")
    return cambiar_estado_derivacion(
        derivacion=derivacion, nuevo_estado=E.RESUELTA, usuario=usuario, resultado=resultado, **extra
    )


def _tasa_desde_filas(destino_id):
    """The resolution rate counted by hand from the raw rows (not through the indicators module)."""
    filas = list(Derivacion.objects.filter(departamento_id=destino_id).values_list("estado", "resultado"))
    base = [f for f in filas if f[0] != E.CANCELADA]
    resueltas = [f for f in base if f[0] == E.RESUELTA and f[1] in RESULTADOS_RESUELTOS]
    return round(100 * len(resueltas) / len(base), 1)


def test_resolving_records_the_outcome_and_date_on_the_referral_and_its_event(enlace_salud, salud):
    derivacion = _en_atencion(departamento=salud)
    _resolver(derivacion, enlace_salud, R.ATENDIDA_PENDIENTE, fecha_atendida=datetime.date(2026, 6, 10))
    derivacion.refresh_from_db()
    assert derivacion.estado == E.RESUELTA
    assert derivacion.resultado == R.ATENDIDA_PENDIENTE
    assert derivacion.fecha_atendida == datetime.date(2026, 6, 10)
    assert derivacion.eventos.last().resultado == R.ATENDIDA_PENDIENTE


def test_attended_outcome_without_a_date_is_recorded_today(enlace_salud, salud):
    derivacion = _resolver(_en_atencion(departamento=salud), enlace_salud, R.ATENDIDA_RESUELTA)
    assert derivacion.fecha_atendida == datetime.date(2026, 6, 15)


def test_a_no_show_lowers_the_resolution_rate_and_is_left_out_of_the_median(enlace_salud, salud):
    # Two attended and resolved (3 and 5 days after sending): rate 100 %, median 4 days.
    for dias in (3, 5):
        with time_machine.travel(datetime.datetime(2026, 6, 5 + dias, 10, 0, tzinfo=SCL), tick=False):
            _resolver(_en_atencion(departamento=salud), enlace_salud, R.ATENDIDA_RESUELTA)
    fila = ind.derivaciones_por_destino(JUNIO)[0]
    assert (fila["resueltas"], fila["tasa"], fila["mediana_dias"]) == (2, 100.0, 4.0)

    # The person never showed up at the third (closed after 9 days): closed, not resolved.
    with time_machine.travel(datetime.datetime(2026, 6, 14, 10, 0, tzinfo=SCL), tick=False):
        _resolver(_en_atencion(departamento=salud), enlace_salud, R.NO_SE_PRESENTO)
    fila = ind.derivaciones_por_destino(JUNIO)[0]
    assert fila["total"] == 3
    assert fila["resueltas"] == 2
    assert fila["no_se_presento"] == 1
    assert fila["cerradas_sin_resolver"] == 1
    assert fila["tasa"] == 66.7 == _tasa_desde_filas(salud.pk)
    assert fila["mediana_dias"] == 4.0  # the no-show's 9 days do not count
    por_resultado = {f["clave"]: f["derivaciones"] for f in ind.derivaciones_por_resultado(JUNIO)}
    assert por_resultado[R.ATENDIDA_RESUELTA] == 2
    assert por_resultado[R.NO_SE_PRESENTO] == 1


@pytest.mark.parametrize(
    ("resultado", "cuenta_como_resuelta"),
    [
        (R.ATENDIDA_RESUELTA, True),
        (R.ATENDIDA_PENDIENTE, False),
        (R.NO_SE_PRESENTO, False),
        (R.NO_ELEGIBLE, False),
        (R.OTRO, False),
    ],
)
def test_only_attended_and_resolved_counts_as_resolved(enlace_salud, salud, resultado, cuenta_como_resuelta):
    _resolver(_en_atencion(departamento=salud), enlace_salud, resultado, resultado_detalle="Detalle.")
    fila = ind.derivaciones_por_destino(JUNIO)[0]
    assert fila["resueltas"] == int(cuenta_como_resuelta)
    assert fila["tasa"] == (100.0 if cuenta_como_resuelta else 0.0) == _tasa_desde_filas(salud.pk)


def test_indicators_page_shows_the_no_shows(client, encargada, enlace_salud, salud):
    _resolver(_en_atencion(departamento=salud), enlace_salud, R.NO_SE_PRESENTO)
    client.force_login(encargada)
    html = client.get(reverse("equipo:indicadores"), {"tipo": "mes", "anio": 2026, "mes": 6}).content.decode()
    assert "No se presentó" in html
    assert "Cerradas sin resolver" in html


@pytest.mark.parametrize(
    ("extra", "campo"),
    [
        ({"resultado": R.OTRO, "resultado_detalle": "  "}, "resultado_detalle"),
        ({"resultado": R.ATENDIDA_RESUELTA, "fecha_atendida": datetime.date(2026, 6, 16)}, "fecha_atendida"),
        ({"resultado": R.ATENDIDA_RESUELTA, "fecha_atendida": datetime.date(2026, 6, 1)}, "fecha_atendida"),
        ({"resultado": "inventado"}, "resultado"),
        ({"resultado": R.DERIVADA}, "siguiente_destino"),
    ],
)
def test_bad_outcome_is_refused_and_changes_nothing(enlace_salud, salud, extra, campo):
    derivacion = _en_atencion(departamento=salud)
    with pytest.raises(ValidationError) as error:
        cambiar_estado_derivacion(
            derivacion=derivacion, nuevo_estado=E.RESUELTA, usuario=enlace_salud, respuesta="R.", **extra
        )
    assert campo in error.value.message_dict
    derivacion.refresh_from_db()
    assert (derivacion.estado, derivacion.resultado) == (E.EN_ATENCION, "")
    assert derivacion.eventos.count() == 1


def test_referred_onward_creates_the_linked_onward_referral(enlace_salud, salud, educacion):
    derivacion = _en_atencion(departamento=salud)
    _resolver(derivacion, enlace_salud, R.DERIVADA, siguiente_departamento=educacion)
    siguiente = Derivacion.objects.get(derivada_desde=derivacion)
    assert siguiente.departamento == educacion
    assert siguiente.estado == E.ENVIADA
    assert (siguiente.persona, siguiente.tema, siguiente.consentimiento) == (
        derivacion.persona,
        derivacion.tema,
        derivacion.consentimiento,
    )
    assert siguiente.derivado_por == enlace_salud
    assert derivacion.codigo in siguiente.eventos.get().nota


def test_referred_onward_to_the_same_destination_is_refused(enlace_salud, salud):
    derivacion = _en_atencion(departamento=salud)
    with pytest.raises(ValidationError, match="mismo destino"):
        _resolver(derivacion, enlace_salud, R.DERIVADA, siguiente_departamento=salud)
    derivacion.refresh_from_db()
    assert derivacion.estado == E.EN_ATENCION
    assert not Derivacion.objects.filter(derivada_desde=derivacion).exists()


def test_outcome_from_the_page_with_the_other_text_missing_keeps_what_was_typed(client, enlace_salud, salud):
    derivacion = _en_atencion(departamento=salud)
    client.force_login(enlace_salud)
    respuesta = client.post(
        reverse("equipo:derivacion_mover", args=[derivacion.pk]),
        {
            "nuevo_estado": E.RESUELTA,
            "estado_esperado": E.EN_ATENCION,
            "resultado": R.OTRO,
            "respuesta": "Texto escrito por el enlace.",
        },
    )
    assert respuesta.status_code == 400
    html = respuesta.content.decode()
    assert "Describa el resultado «Otro»." in html
    assert "Texto escrito por el enlace." in html
    derivacion.refresh_from_db()
    assert derivacion.estado == E.EN_ATENCION


def test_no_show_from_the_page_shows_on_the_referral(client, enlace_salud, profesional, salud):
    derivacion = _en_atencion(departamento=salud)
    client.force_login(enlace_salud)
    respuesta = client.post(
        reverse("equipo:derivacion_mover", args=[derivacion.pk]),
        {
            "nuevo_estado": E.RESUELTA,
            "estado_esperado": E.EN_ATENCION,
            "resultado": R.NO_SE_PRESENTO,
            "respuesta": "No llegó a la hora.",
        },
    )
    assert respuesta.status_code == 302
    client.force_login(profesional)
    html = client.get(reverse("equipo:derivacion", args=[derivacion.pk])).content.decode()
    assert "No se presentó" in html


def test_onward_referral_is_offered_with_destinations_and_linked_both_ways(
    client, enlace_salud, salud, educacion
):
    derivacion = _en_atencion(departamento=salud)
    client.force_login(enlace_salud)
    html = client.get(reverse("equipo:derivacion", args=[derivacion.pk])).content.decode()
    assert f'value="departamento:{educacion.pk}"' in html
    client.post(
        reverse("equipo:derivacion_mover", args=[derivacion.pk]),
        {
            "nuevo_estado": E.RESUELTA,
            "estado_esperado": E.EN_ATENCION,
            "resultado": R.DERIVADA,
            "siguiente_destino": f"departamento:{educacion.pk}",
            "respuesta": "Corresponde al SLEP.",
        },
    )
    siguiente = Derivacion.objects.get(derivada_desde=derivacion)
    html = client.get(reverse("equipo:derivacion", args=[derivacion.pk])).content.decode()
    assert siguiente.codigo in html


def test_an_open_referral_cannot_carry_an_outcome():
    derivacion = DerivacionFactory()
    derivacion.resultado = R.NO_SE_PRESENTO
    with pytest.raises(ValidationError):
        derivacion.full_clean()


def test_existing_resolved_referrals_are_migrated_to_attended_and_resolved():
    cerrada = datetime.datetime(2026, 3, 6, 23, 30, tzinfo=SCL)  # already 7 March in UTC
    antigua = DerivacionFactory(estado=E.RESUELTA, respuesta="Listo.", fecha_cierre=cerrada)
    Derivacion.objects.filter(pk=antigua.pk).update(resultado="", fecha_atendida=None)
    abierta = DerivacionFactory()
    migracion = importlib.import_module("atenciones.migrations.0011_i13_resultado_existentes")
    migracion.a_atendida_resuelta(apps, None)
    antigua.refresh_from_db()
    abierta.refresh_from_db()
    assert antigua.resultado == R.ATENDIDA_RESUELTA
    assert antigua.fecha_atendida == datetime.date(2026, 3, 6)  # the office's day, not UTC's
    assert abierta.resultado == ""


def test_stale_resolve_keeps_the_typed_response_on_the_page(client, enlace_salud, encargada, salud):
    derivacion = _en_atencion(departamento=salud)
    # Someone else cancels it while the liaison types.
    cambiar_estado_derivacion(derivacion=derivacion, nuevo_estado=E.CANCELADA, usuario=encargada)
    client.force_login(enlace_salud)
    respuesta = client.post(
        reverse("equipo:derivacion_mover", args=[derivacion.pk]),
        {"nuevo_estado": E.RESUELTA, "estado_esperado": E.EN_ATENCION, "respuesta": "Mi texto largo."},
    )
    assert respuesta.status_code == 302
    html = client.get(respuesta.url).content.decode()
    assert "cambió mientras usted la revisaba" in html
    # Cancelled: no resolve form any more, but a legal move (here none) would be prefilled.
    derivacion.refresh_from_db()
    assert derivacion.estado == E.CANCELADA


def test_stale_reject_keeps_the_typed_note_and_reason_in_the_form(client, enlace_salud, salud):
    derivacion = DerivacionFactory(departamento=salud)
    client.force_login(enlace_salud)
    # Another tab receives it; the liaison's page still said "Enviada" while typing a rejection.
    cambiar_estado_derivacion(derivacion=derivacion, nuevo_estado=E.RECIBIDA, usuario=enlace_salud)
    respuesta = client.post(
        reverse("equipo:derivacion_mover", args=[derivacion.pk]),
        {
            "nuevo_estado": E.RECHAZADA,
            "estado_esperado": E.ENVIADA,
            "motivo_rechazo": "sin_cupo",
            "nota": "Nota que no quiero perder.",
        },
    )
    html = client.get(respuesta.url).content.decode()
    assert "cambió mientras usted la revisaba" in html
    assert "Nota que no quiero perder." in html
    assert 'value="sin_cupo" selected' in html
    derivacion.refresh_from_db()
    assert derivacion.estado == E.RECIBIDA


def test_accept_moves_to_in_attention_in_one_action_with_two_events(client, enlace_salud, salud):
    derivacion = DerivacionFactory(departamento=salud)
    client.force_login(enlace_salud)
    respuesta = client.post(reverse("equipo:derivacion_aceptar", args=[derivacion.pk]))
    assert respuesta.status_code == 302
    derivacion.refresh_from_db()
    assert derivacion.estado == E.EN_ATENCION
    assert list(derivacion.eventos.values_list("estado_nuevo", flat=True)) == [
        E.ENVIADA,
        E.RECIBIDA,
        E.EN_ATENCION,
    ]


def test_accept_of_a_referral_already_received_elsewhere_is_refused_with_a_message(
    client, enlace_salud, salud
):
    derivacion = DerivacionFactory(departamento=salud)
    cambiar_estado_derivacion(
        derivacion=derivacion, nuevo_estado=E.RECHAZADA, usuario=enlace_salud, motivo_rechazo="otro"
    )
    client.force_login(enlace_salud)
    respuesta = client.post(reverse("equipo:derivacion_aceptar", args=[derivacion.pk]), follow=True)
    assert "ya no está «Enviada»" in respuesta.content.decode()


def test_resolve_and_next_goes_to_the_next_open_referral_then_to_the_inbox(client, enlace_salud, salud):
    primera = _en_atencion(departamento=salud, fecha_limite=datetime.date(2026, 6, 20))
    segunda = _en_atencion(departamento=salud, fecha_limite=datetime.date(2026, 6, 25))
    client.force_login(enlace_salud)
    datos = {
        "nuevo_estado": E.RESUELTA,
        "estado_esperado": E.EN_ATENCION,
        "respuesta": "Ok.",
        "siguiente": "1",
    }
    respuesta = client.post(reverse("equipo:derivacion_mover", args=[primera.pk]), datos)
    assert respuesta.url == reverse("equipo:derivacion", args=[segunda.pk])
    respuesta = client.post(reverse("equipo:derivacion_mover", args=[segunda.pk]), datos)
    assert respuesta.url == reverse("equipo:bandeja")


def test_onward_referral_to_an_organisation_is_allowed(profesional):
    org = OrganizacionFactory()
    derivacion = _en_atencion(departamento=None, organizacion=OrganizacionFactory(nombre="Otra ONG"))
    _resolver(derivacion, profesional, R.DERIVADA, siguiente_organizacion=org)
    assert Derivacion.objects.get(derivada_desde=derivacion).organizacion == org


def test_a_closed_referral_cannot_be_resolved_again(enlace_salud, salud):
    derivacion = _resolver(_en_atencion(departamento=salud), enlace_salud, R.NO_SE_PRESENTO)
    with pytest.raises(TransicionInvalida):
        _resolver(derivacion, enlace_salud, R.ATENDIDA_RESUELTA)


# --- point 3: what each destination sees, the liaison's slip -------------------------------------


def test_liaison_prints_own_departments_slip_with_state_and_office_contact(
    client, settings, enlace_salud, salud
):
    settings.OFICINA_TELEFONO = "+56 32 222 3333"
    settings.OFICINA_WHATSAPP = "+56 9 4444 5555"
    derivacion = DerivacionFactory(departamento=salud)
    client.force_login(enlace_salud)
    respuesta = client.get(reverse("equipo:derivacion_imprimir", args=[derivacion.pk]))
    assert respuesta.status_code == 200
    html = respuesta.content.decode()
    assert derivacion.codigo in html
    assert "+56 32 222 3333" in html and "+56 9 4444 5555" in html
    assert "Enviada" in html
    # Salud sees the minimum by default: no document on the liaison's slip.
    assert derivacion.persona.documento_display not in html
    from atenciones.models import RegistroAcceso

    assert RegistroAcceso.objects.filter(
        usuario=enlace_salud, accion=RegistroAcceso.Accion.VER_DERIVACION, objeto_id=str(derivacion.pk)
    ).exists()


@pytest.mark.parametrize(
    ("estado", "aviso"), [(E.RECHAZADA, "DERIVACIÓN RECHAZADA"), (E.CANCELADA, "DERIVACIÓN CANCELADA")]
)
def test_slip_of_a_rejected_or_cancelled_referral_says_so_prominently(
    client, profesional, salud, estado, aviso
):
    derivacion = DerivacionFactory(departamento=salud)
    Derivacion.objects.filter(pk=derivacion.pk).update(estado=estado, motivo_rechazo="otro")
    client.force_login(profesional)
    html = client.get(reverse("equipo:derivacion_imprimir", args=[derivacion.pk])).content.decode()
    assert f'<p class="aviso-anulada" role="alert"><strong>{aviso}' in html


def test_department_sees_the_fields_set_for_it_and_each_view_is_logged(client, enlace_salud, salud):
    from atenciones.models import RegistroAcceso
    from oficina.choices import CampoPersona

    derivacion = DerivacionFactory(departamento=salud)
    client.force_login(enlace_salud)
    html = client.get(reverse("equipo:derivacion", args=[derivacion.pk])).content.decode()
    assert "Fecha de nacimiento" not in html and derivacion.persona.documento_display not in html
    salud.campos_persona = [CampoPersona.DOCUMENTO, CampoPersona.FECHA_NACIMIENTO]
    salud.save()
    html = client.get(reverse("equipo:derivacion", args=[derivacion.pk])).content.decode()
    assert "Fecha de nacimiento" in html
    assert derivacion.persona.fecha_nacimiento.strftime("%d-%m-%Y") in html
    assert derivacion.persona.documento_display in html
    assert (
        RegistroAcceso.objects.filter(
            usuario=enlace_salud, accion=RegistroAcceso.Accion.VER_DERIVACION
        ).count()
        == 2
    )


def test_a_liaison_cannot_print_another_departments_slip(client, enlace_salud, educacion):
    derivacion = DerivacionFactory(departamento=educacion)
    client.force_login(enlace_salud)
    assert client.get(reverse("equipo:derivacion_imprimir", args=[derivacion.pk])).status_code == 404


def test_office_head_sets_the_fields_a_department_sees_in_the_admin(client, encargada, salud):
    from oficina.choices import CampoPersona

    client.force_login(encargada)
    url = reverse("admin:oficina_departamento_change", args=[salud.pk])
    assert "Datos del tutor o apoderado" in client.get(url).content.decode()
    datos = {
        "nombre": salud.nombre,
        "sigla": salud.sigla,
        "area": salud.area,
        "email": salud.email,
        "plazo_respuesta_dias": 5,
        "plazo_en_dias_habiles": "on",
        "activo": "on",
        "campos_persona": [CampoPersona.DOCUMENTO, CampoPersona.FECHA_NACIMIENTO],
        "membresias-TOTAL_FORMS": 0,
        "membresias-INITIAL_FORMS": 0,
    }
    respuesta = client.post(url, datos)
    assert respuesta.status_code == 302, respuesta.content.decode()[:3000]
    salud.refresh_from_db()
    assert salud.campos_persona == [CampoPersona.DOCUMENTO, CampoPersona.FECHA_NACIMIENTO]
