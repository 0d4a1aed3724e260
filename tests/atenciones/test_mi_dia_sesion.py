"""Sign-in pages in Spanish and the idle-session expiry of the staff workspace."""

import datetime

import pytest
import time_machine
from django.core import mail
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_session_expires_after_idle_time(client, profesional, settings):
    client.force_login(profesional)
    assert client.get(reverse("equipo:mi_dia")).status_code == 200
    with time_machine.travel(datetime.timedelta(seconds=settings.SESSION_COOKIE_AGE + 60)):
        respuesta = client.get(reverse("equipo:mi_dia"))
    assert respuesta.status_code == 302
    assert respuesta.url.startswith(reverse("login"))


def test_activity_keeps_the_session_alive(client, profesional, settings):
    client.force_login(profesional)
    mitad = datetime.timedelta(seconds=settings.SESSION_COOKIE_AGE * 2 // 3)
    with time_machine.travel(mitad):
        assert client.get(reverse("equipo:mi_dia")).status_code == 200
    with time_machine.travel(mitad * 2):
        assert client.get(reverse("equipo:mi_dia")).status_code == 200


def test_password_change_and_reset_pages_are_in_spanish(client, profesional):
    assert "Recuperar contraseña" in client.get(reverse("password_reset")).content.decode()
    client.post(reverse("password_reset"), {"email": profesional.email})
    assert len(mail.outbox) == 1
    assert "contraseña nueva" in mail.outbox[0].body
    client.force_login(profesional)
    assert "Escriba su contraseña actual" in client.get(reverse("password_change")).content.decode()


def test_logout_is_a_post_and_returns_to_login(client, profesional):
    client.force_login(profesional)
    respuesta = client.post(reverse("logout"))
    assert respuesta.url == reverse("login")
    assert client.get(reverse("equipo:mi_dia")).status_code == 302
