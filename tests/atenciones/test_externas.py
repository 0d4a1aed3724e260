"""Issue #13, point 6: an external organisation answers one referral through a signed link."""

import datetime
import re

import pytest
import time_machine
from django.core import mail, signing
from django.core.cache import cache
from django.core.mail import EmailMessage
from django.urls import reverse
from django.utils import timezone

from atenciones.choices import EstadoDerivacion, ResultadoDerivacion
from atenciones.enlaces_externos import SAL, token_de
from atenciones.models import CorreoSaliente, Derivacion, EnlaceExterno, RegistroAcceso
from atenciones.notificaciones import enviar_recordatorios_externos
from atenciones.services import cambiar_estado_derivacion, derivar, emitir_enlace
from oficina.choices import CampoPersona, Tema
from tests.factories import DerivacionFactory, OrganizacionFactory, PersonaFactory

pytestmark = pytest.mark.django_db
E = EstadoDerivacion
R = ResultadoDerivacion


@pytest.fixture(autouse=True)
def _cache_limpia():
    cache.clear()  # the rate limit counts openings in the cache


@pytest.fixture
def ong(db):
    return OrganizacionFactory(
        nombre="Servicio Jesuita a Migrantes", email="derivaciones@sjm.example", responde_por_enlace=True
    )


@pytest.fixture
def persona(db):
    return PersonaFactory(nombres="Wislande", apellidos="Joseph", telefono="+56911112222")


def _derivar(persona, profesional, ong, capturar, **extra):
    extra.setdefault("consentimiento", True)
    with capturar(execute=True):
        return derivar(
            persona=persona,
            derivado_por=profesional,
            tema=Tema.REGULARIZACION,
            motivo="Orientación para solicitar residencia temporal.",
            organizacion=ong,
            **extra,
        )


def _url_del_correo(correo: EmailMessage) -> str:
    enlace = re.search(r"https?://\S+/externa/\S+/", str(correo.body))
    assert enlace is not None, correo.body
    return enlace.group(0)


def _ruta(url: str) -> str:
    return "/" + url.split("/", 3)[3]


def _ruta_de(derivacion) -> str:
    return reverse("externa", args=[token_de(derivacion.enlaces_externos.latest("creado"))])


def test_referral_to_an_organisation_sends_a_signed_link_without_personal_data(
    persona, profesional, ong, django_capture_on_commit_callbacks
):
    derivacion = _derivar(persona, profesional, ong, django_capture_on_commit_callbacks)
    (correo,) = [m for m in mail.outbox if m.to == ["derivaciones@sjm.example"]]
    assert derivacion.codigo in correo.body
    assert "/externa/" in correo.body
    for dato in ("Wislande", "Joseph", "+56911112222", persona.documento_numero, "residencia temporal"):
        assert dato not in correo.body
    enlace = EnlaceExterno.objects.get(derivacion=derivacion)
    assert enlace.organizacion == ong
    assert enlace.expira.date() == (timezone.now() + datetime.timedelta(days=30)).date()
    assert CorreoSaliente.objects.filter(tipo=CorreoSaliente.Tipo.EXTERNA, derivacion=derivacion).count() == 1


def test_organisation_not_answering_by_link_gets_no_email(
    persona, profesional, django_capture_on_commit_callbacks
):
    ong = OrganizacionFactory(email="ong@example.org", responde_por_enlace=False)
    derivacion = _derivar(persona, profesional, ong, django_capture_on_commit_callbacks)
    assert mail.outbox == []
    assert not EnlaceExterno.objects.filter(derivacion=derivacion).exists()


def test_link_opens_without_sign_in_shows_the_consented_fields_and_logs_the_opening(
    client, persona, profesional, ong, django_capture_on_commit_callbacks
):
    derivacion = _derivar(persona, profesional, ong, django_capture_on_commit_callbacks)
    respuesta = client.get(_ruta(_url_del_correo(mail.outbox[-1])))
    assert respuesta.status_code == 200
    html = respuesta.content.decode()
    assert derivacion.codigo in html
    assert "Wislande Joseph" in html and "+56911112222" in html
    # Only the minimum: the document, birth date and migratory status are not shared by default.
    assert persona.documento_display not in html
    assert "Situación migratoria" not in html
    # No inline script or style (CSP), and the token never leaves as a referrer.
    assert "<script" not in html and 'style="' not in html
    assert respuesta["Referrer-Policy"] == "same-origin"
    assert "no-store" in respuesta["Cache-Control"] or "max-age=0" in respuesta["Cache-Control"]
    registro = RegistroAcceso.objects.get(accion=RegistroAcceso.Accion.VER_DERIVACION_EXTERNA)
    assert registro.organizacion == ong
    assert registro.usuario is None
    assert registro.persona == persona
    assert registro.objeto_id == str(derivacion.pk)
    client.get(_ruta(_url_del_correo(mail.outbox[-1])))
    enlace = EnlaceExterno.objects.get(derivacion=derivacion)
    assert enlace.aperturas == 2
    assert RegistroAcceso.objects.filter(organizacion=ong).count() == 2


def test_fields_configured_for_the_organisation_are_shown_and_nothing_without_consent(
    client, persona, profesional, ong, encargada, django_capture_on_commit_callbacks
):
    ong.campos_persona = [CampoPersona.DOCUMENTO]
    ong.save()
    derivacion = _derivar(persona, profesional, ong, django_capture_on_commit_callbacks)
    html = client.get(_ruta_de(derivacion)).content.decode()
    assert persona.documento_display in html

    sin_consentimiento = _derivar(
        persona,
        encargada,
        ong,
        django_capture_on_commit_callbacks,
        consentimiento=False,
        consentimiento_omitido_motivo="Riesgo vital; autorizado por la encargada.",
    )
    html = client.get(_ruta_de(sin_consentimiento)).content.decode()
    assert "Wislande" not in html and persona.documento_display not in html
    assert "La persona no autorizó compartir sus datos" in html


@pytest.mark.parametrize(
    "alterar",
    [
        lambda t: t[:-2] + ("AA" if not t.endswith("AA") else "BB"),  # tampered signature
        lambda t: "x" + t,
        lambda t: signing.dumps({"e": 999999, "n": "inventado"}, salt=SAL),  # validly signed, unknown link
        lambda t: signing.dumps({"e": 1, "n": "x"}, salt="otra-sal"),
    ],
)
def test_tampered_or_unknown_link_is_a_404_with_no_data(
    client, persona, profesional, ong, django_capture_on_commit_callbacks, alterar
):
    derivacion = _derivar(persona, profesional, ong, django_capture_on_commit_callbacks)
    token = token_de(derivacion.enlaces_externos.get())
    respuesta = client.get(reverse("externa", args=[alterar(token)]))
    assert respuesta.status_code == 404
    html = respuesta.content.decode()
    assert "Enlace no válido" in html
    assert derivacion.codigo not in html and "Wislande" not in html
    assert not RegistroAcceso.objects.filter(organizacion=ong).exists()


def test_a_link_opens_only_its_own_referral(
    client, persona, profesional, ong, django_capture_on_commit_callbacks
):
    primera = _derivar(persona, profesional, ong, django_capture_on_commit_callbacks)
    segunda = _derivar(PersonaFactory(nombres="Otra"), profesional, ong, django_capture_on_commit_callbacks)
    html = client.get(_ruta_de(primera)).content.decode()
    assert primera.codigo in html and segunda.codigo not in html and "Otra" not in html
    # Pointing the signed payload at the other link's id without its nonce opens nothing.
    falso = signing.dumps(
        {"e": segunda.enlaces_externos.get().pk, "n": primera.enlaces_externos.get().nonce}, salt=SAL
    )
    assert client.get(reverse("externa", args=[falso])).status_code == 404


def test_expired_link_says_so_without_data(
    client, persona, profesional, ong, django_capture_on_commit_callbacks
):
    derivacion = _derivar(persona, profesional, ong, django_capture_on_commit_callbacks)
    ruta = _ruta_de(derivacion)
    with time_machine.travel(timezone.now() + datetime.timedelta(days=31)):
        respuesta = client.get(ruta)
    assert respuesta.status_code == 410
    html = respuesta.content.decode()
    assert "Este enlace expiró" in html and "Pida a la oficina" in html
    assert derivacion.codigo not in html and "Wislande" not in html


def test_expiry_follows_the_setting(
    client, settings, persona, profesional, ong, django_capture_on_commit_callbacks
):
    settings.ENLACE_EXTERNO_DIAS = 3
    derivacion = _derivar(persona, profesional, ong, django_capture_on_commit_callbacks)
    ruta = _ruta_de(derivacion)
    with time_machine.travel(timezone.now() + datetime.timedelta(days=2)):
        assert client.get(ruta).status_code == 200
    with time_machine.travel(timezone.now() + datetime.timedelta(days=4)):
        assert client.get(ruta).status_code == 410


def test_office_revokes_and_resends_the_link(
    client, persona, profesional, ong, django_capture_on_commit_callbacks
):
    derivacion = _derivar(persona, profesional, ong, django_capture_on_commit_callbacks)
    ruta_vieja = _ruta_de(derivacion)
    client.force_login(profesional)
    url = reverse("equipo:derivacion_enlace", args=[derivacion.pk])
    client.post(url, {"accion": "revocar"})
    client.logout()
    respuesta = client.get(ruta_vieja)
    assert respuesta.status_code == 410
    assert "Este enlace fue revocado" in respuesta.content.decode()
    assert derivacion.codigo not in respuesta.content.decode()

    client.force_login(profesional)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"accion": "reenviar"})
    client.logout()
    assert EnlaceExterno.objects.filter(derivacion=derivacion).count() == 2
    assert client.get(_ruta(_url_del_correo(mail.outbox[-1]))).status_code == 200
    assert client.get(ruta_vieja).status_code == 410


def test_resending_revokes_the_previous_link(persona, profesional, ong, django_capture_on_commit_callbacks):
    derivacion = _derivar(persona, profesional, ong, django_capture_on_commit_callbacks)
    primero = derivacion.enlaces_externos.get()
    emitir_enlace(derivacion=derivacion, usuario=profesional)
    primero.refresh_from_db()
    assert primero.revocado_por == profesional
    assert EnlaceExterno.objects.vigentes().filter(derivacion=derivacion).count() == 1


def test_openings_are_rate_limited(
    client, settings, persona, profesional, ong, django_capture_on_commit_callbacks
):
    settings.ENLACE_EXTERNO_LIMITE = 2
    derivacion = _derivar(persona, profesional, ong, django_capture_on_commit_callbacks)
    ruta = _ruta_de(derivacion)
    assert [client.get(ruta).status_code for _ in range(3)] == [200, 200, 429]
    assert "Demasiados intentos" in client.get(ruta).content.decode()
    assert EnlaceExterno.objects.get(derivacion=derivacion).aperturas == 2


def test_organisation_accepts_and_the_events_are_marked_as_coming_from_it(
    client, persona, profesional, ong, django_capture_on_commit_callbacks
):
    derivacion = _derivar(persona, profesional, ong, django_capture_on_commit_callbacks)
    ruta = _ruta_de(derivacion)
    respuesta = client.post(ruta, {"accion": "aceptar"})
    assert respuesta.status_code == 302
    derivacion.refresh_from_db()
    assert derivacion.estado == E.EN_ATENCION
    nuevos = list(derivacion.eventos.exclude(estado_nuevo=E.ENVIADA))
    assert [e.estado_nuevo for e in nuevos] == [E.RECIBIDA, E.EN_ATENCION]
    assert all(e.organizacion == ong and e.usuario.username == "sistema" for e in nuevos)
    client.force_login(profesional)
    html = client.get(reverse("equipo:derivacion", args=[derivacion.pk])).content.decode()
    assert "respondido por Servicio Jesuita a Migrantes (enlace externo)" in html
    assert "Respondida por la organización" in html


def test_organisation_rejects_with_a_reason_and_a_missing_reason_changes_nothing(
    client, persona, profesional, ong, django_capture_on_commit_callbacks
):
    derivacion = _derivar(persona, profesional, ong, django_capture_on_commit_callbacks)
    ruta = _ruta_de(derivacion)
    respuesta = client.post(ruta, {"accion": "rechazar", "nota": "Texto que se conserva."})
    assert respuesta.status_code == 400
    html = respuesta.content.decode()
    assert "Elija el motivo del rechazo." in html and "Texto que se conserva." in html
    derivacion.refresh_from_db()
    assert derivacion.estado == E.ENVIADA

    respuesta = client.post(ruta, {"accion": "rechazar", "motivo_rechazo": "sin_cupo", "nota": "Sin cupo."})
    assert respuesta.status_code == 200
    derivacion.refresh_from_db()
    assert (derivacion.estado, derivacion.motivo_rechazo) == (E.RECHAZADA, "sin_cupo")
    assert derivacion.eventos.last().organizacion == ong


def test_organisation_records_a_no_show_and_the_link_is_then_used(
    client, persona, profesional, ong, django_capture_on_commit_callbacks
):
    derivacion = _derivar(persona, profesional, ong, django_capture_on_commit_callbacks)
    ruta = _ruta_de(derivacion)
    respuesta = client.post(ruta, {"accion": "resultado", "resultado": R.NO_SE_PRESENTO})
    assert respuesta.status_code == 200
    assert "respuesta registrada" in respuesta.content.decode()
    derivacion.refresh_from_db()
    assert (derivacion.estado, derivacion.resultado) == (E.RESUELTA, R.NO_SE_PRESENTO)
    assert derivacion.eventos.last().organizacion == ong
    assert EnlaceExterno.objects.get(derivacion=derivacion).respondido_en is not None
    # Reusing the link: a page that says so, with no data; a second answer changes nothing.
    respuesta = client.get(ruta)
    assert respuesta.status_code == 410
    assert "ya fue respondida o cerrada" in respuesta.content.decode()
    assert "Wislande" not in respuesta.content.decode()
    respuesta = client.post(ruta, {"accion": "resultado", "resultado": R.ATENDIDA_RESUELTA})
    assert respuesta.status_code == 410
    derivacion.refresh_from_db()
    assert derivacion.resultado == R.NO_SE_PRESENTO


def test_answer_to_a_referral_the_office_cancelled_changes_nothing(
    client, persona, profesional, ong, django_capture_on_commit_callbacks
):
    derivacion = _derivar(persona, profesional, ong, django_capture_on_commit_callbacks)
    ruta = _ruta_de(derivacion)
    cambiar_estado_derivacion(derivacion=derivacion, nuevo_estado=E.CANCELADA, usuario=profesional)
    respuesta = client.post(ruta, {"accion": "aceptar"})
    assert respuesta.status_code == 410
    derivacion.refresh_from_db()
    assert derivacion.estado == E.CANCELADA


@pytest.mark.parametrize(
    ("datos", "mensaje"),
    [
        ({"accion": "resultado"}, "Elija el resultado de la derivación."),
        ({"accion": "resultado", "resultado": R.OTRO}, "Describa el resultado «Otro»."),
        ({"accion": "resultado", "resultado": R.DERIVADA}, "Escoja una opción válida"),
        ({"accion": "resultado", "resultado": R.ATENDIDA_RESUELTA, "fecha_atendida": "2999-01-01"}, "futuro"),
        ({"accion": "borrar"}, "Acción desconocida"),
    ],
)
def test_bad_answers_are_refused_with_a_message_and_change_nothing(
    client, persona, profesional, ong, django_capture_on_commit_callbacks, datos, mensaje
):
    derivacion = _derivar(persona, profesional, ong, django_capture_on_commit_callbacks)
    respuesta = client.post(_ruta_de(derivacion), datos)
    assert respuesta.status_code == 400
    assert mensaje in respuesta.content.decode()
    derivacion.refresh_from_db()
    assert derivacion.estado == E.ENVIADA
    assert derivacion.eventos.count() == 1


def test_reminders_go_before_and_after_the_deadline_once_each(
    persona, profesional, ong, django_capture_on_commit_callbacks
):
    derivacion = _derivar(persona, profesional, ong, django_capture_on_commit_callbacks)
    limite = derivacion.fecha_limite
    mail.outbox.clear()
    assert enviar_recordatorios_externos(hoy=limite - datetime.timedelta(days=5)) == 0
    with django_capture_on_commit_callbacks(execute=True):
        assert enviar_recordatorios_externos(hoy=limite - datetime.timedelta(days=2)) == 1
        assert enviar_recordatorios_externos(hoy=limite - datetime.timedelta(days=1)) == 0
        assert enviar_recordatorios_externos(hoy=limite + datetime.timedelta(days=1)) == 1
        assert enviar_recordatorios_externos(hoy=limite + datetime.timedelta(days=2)) == 0
    asuntos = [m.subject for m in mail.outbox]
    assert len(asuntos) == 2
    assert "vence pronto" in asuntos[0] and "venció" in asuntos[1]
    assert all("/externa/" in m.body and "Wislande" not in m.body for m in mail.outbox)


def test_no_reminder_once_answered(client, persona, profesional, ong, django_capture_on_commit_callbacks):
    derivacion = _derivar(persona, profesional, ong, django_capture_on_commit_callbacks)
    client.post(_ruta_de(derivacion), {"accion": "rechazar", "motivo_rechazo": "sin_cupo"})
    assert enviar_recordatorios_externos(hoy=derivacion.fecha_limite + datetime.timedelta(days=1)) == 0


def test_office_sees_which_external_referrals_were_not_answered(
    client, persona, profesional, ong, django_capture_on_commit_callbacks
):
    derivacion = _derivar(persona, profesional, ong, django_capture_on_commit_callbacks)
    client.force_login(profesional)
    html = client.get(reverse("equipo:derivacion", args=[derivacion.pk])).content.decode()
    assert "La organización aún no responde" in html
    assert "Abierto 0 veces" in html


def test_department_referral_has_no_link(profesional, salud):
    derivacion = DerivacionFactory(departamento=salud)
    with pytest.raises(Exception, match="organizaciones externas"):
        emitir_enlace(derivacion=derivacion, usuario=profesional)
    assert not Derivacion.objects.filter(enlaces_externos__isnull=False).exists()


def test_office_list_marks_which_external_referrals_were_answered(
    client, persona, profesional, ong, django_capture_on_commit_callbacks
):
    respondida = _derivar(persona, profesional, ong, django_capture_on_commit_callbacks)
    pendiente = _derivar(persona, profesional, ong, django_capture_on_commit_callbacks)
    client.post(_ruta_de(respondida), {"accion": "aceptar"})
    client.force_login(profesional)
    html = client.get(reverse("equipo:derivaciones"), {"externas": "on"}).content.decode()
    fila = lambda d: html[html.index(d.codigo) : html.index("</tr>", html.index(d.codigo))]  # noqa: E731
    assert "respondió por enlace" in fila(respondida)
    assert "sin respuesta de la organización" in fila(pendiente)
