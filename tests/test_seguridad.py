"""Hardening: login lockout, security headers with production settings, idle sessions, error pages."""

import datetime
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import time_machine
from django.conf import settings
from django.test import Client, RequestFactory, override_settings
from django.urls import reverse
from django.views import defaults

from tests.factories import UserFactory

RAIZ = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.django_db

# What production sets (DEBUG off, defaults of settings.py), applied in-process.
PRODUCCION = {
    "DEBUG": False,
    "SECURE_SSL_REDIRECT": True,
    "SESSION_COOKIE_SECURE": True,
    "CSRF_COOKIE_SECURE": True,
    "SECURE_HSTS_SECONDS": 31536000,
    "SECURE_HSTS_INCLUDE_SUBDOMAINS": True,
    "SECURE_HSTS_PRELOAD": True,
    "STORAGES": {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    },
}


def _entorno_produccion(**extra):
    entorno = {
        k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    entorno.update(
        DEBUG="off",
        SECRET_KEY="prueba-" + "x" * 60,
        ALLOWED_HOSTS="migrantes.example.cl",
        DATABASE_URL="sqlite:////tmp/no-se-usa.sqlite3",
        **extra,
    )
    return entorno


def _intentar(client, username, password, ip="10.0.0.1"):
    return client.post(
        reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=ip, follow=False
    )


# --- Login lockout (django-axes) ---


def test_user_is_locked_out_after_the_configured_failures_from_the_same_address(client):
    UserFactory(username="ana", password="clave-correcta-larga")
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        respuesta = _intentar(client, "ana", "equivocada")
        assert respuesta.status_code == 200  # the form again, with its error
    bloqueo = _intentar(client, "ana", "equivocada")
    assert bloqueo.status_code == 429
    texto = bloqueo.content.decode()
    assert "Acceso bloqueado temporalmente" in texto
    assert f"espere {settings.AXES_COOLOFF_TIME.seconds // 60} minutos" in texto
    # Even the right password is refused now, from that address.
    assert _intentar(client, "ana", "clave-correcta-larga").status_code == 429
    assert "_auth_user_id" not in client.session


def test_lockout_is_by_user_and_address_combination(client):
    UserFactory(username="ana", password="clave-correcta-larga")
    UserFactory(username="beto", password="otra-clave-correcta")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _intentar(client, "ana", "equivocada", ip="10.0.0.1")
    # The same user from another address, and another user from the same address, still get in.
    assert _intentar(Client(), "ana", "clave-correcta-larga", ip="10.0.0.2").status_code == 302
    assert _intentar(Client(), "beto", "otra-clave-correcta", ip="10.0.0.1").status_code == 302


@override_settings(AXES_FAILURE_LIMIT=2)
def test_failure_limit_is_configurable(client):
    UserFactory(username="ana", password="clave-correcta-larga")
    assert _intentar(client, "ana", "mala").status_code == 200
    assert _intentar(client, "ana", "mala").status_code == 429


def test_a_successful_login_resets_the_failure_count(client):
    UserFactory(username="ana", password="clave-correcta-larga")
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        _intentar(client, "ana", "equivocada")
    assert _intentar(client, "ana", "clave-correcta-larga").status_code == 302
    client.logout()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert _intentar(client, "ana", "equivocada").status_code == 200


@pytest.mark.parametrize(
    ("cabecera", "proxies", "esperada"),
    [("1.2.3.4, 10.0.0.9", 1, "10.0.0.9"), ("1.2.3.4, 10.0.0.9", 2, "1.2.3.4"), ("1.2.3.4", 0, "127.0.0.1")],
)
def test_client_address_trusts_only_our_own_proxies(settings, cabecera, proxies, esperada):
    from sello_migrante.seguridad import ip_cliente

    settings.PROXIES_CONFIABLES = proxies
    request = RequestFactory().get("/", HTTP_X_FORWARDED_FOR=cabecera, REMOTE_ADDR="127.0.0.1")
    assert ip_cliente(request) == esperada


# --- Security headers, in production settings ---


def _politica(respuesta):
    directivas = {}
    for parte in respuesta["Content-Security-Policy"].split(";"):
        nombre, *valores = parte.split()
        directivas[nombre] = valores
    return directivas


def _revisar_cabeceras(respuesta):
    csp = _politica(respuesta)
    assert csp["default-src"] == ["'self'"]
    assert csp["script-src"] == ["'self'"]
    assert csp["style-src"] == ["'self'"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert csp["form-action"] == ["'self'"]
    assert csp["base-uri"] == ["'self'"]
    assert csp["object-src"] == ["'none'"]
    assert "unsafe-inline" not in respuesta["Content-Security-Policy"]
    assert "unsafe-eval" not in respuesta["Content-Security-Policy"]
    assert respuesta["X-Frame-Options"] == "DENY"
    assert respuesta["X-Content-Type-Options"] == "nosniff"
    assert respuesta["Referrer-Policy"] == "same-origin"
    assert respuesta["Cross-Origin-Opener-Policy"] == "same-origin"
    assert respuesta["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"


@override_settings(**PRODUCCION)
def test_staff_public_and_admin_pages_send_the_security_headers(profesional, encargada):
    anonimo = Client()
    for url in ("/es/", reverse("login")):
        respuesta = anonimo.get(url, secure=True)
        assert respuesta.status_code == 200, url
        _revisar_cabeceras(respuesta)

    equipo = Client()
    equipo.force_login(profesional)
    respuesta = equipo.get(reverse("equipo:mi_dia"), secure=True)
    assert respuesta.status_code == 200
    _revisar_cabeceras(respuesta)

    admin = Client()
    admin.force_login(encargada)
    for url in (reverse("admin:index"), reverse("admin:atenciones_registroacceso_changelist")):
        respuesta = admin.get(url, secure=True)
        assert respuesta.status_code == 200, url
        _revisar_cabeceras(respuesta)


@override_settings(**PRODUCCION)
def test_plain_http_is_redirected_to_https_in_production(client):
    respuesta = client.get("/es/")
    assert respuesta.status_code == 301
    assert respuesta["Location"].startswith("https://")


@override_settings(**PRODUCCION)
def test_session_and_csrf_cookies_are_secure_and_the_session_one_http_only(client):
    UserFactory(username="ana", password="clave-correcta-larga")
    client.get(reverse("login"), secure=True)
    respuesta = client.post(
        reverse("login"), {"username": "ana", "password": "clave-correcta-larga"}, secure=True
    )
    assert respuesta.status_code == 302
    sesion = respuesta.cookies[settings.SESSION_COOKIE_NAME]
    assert sesion["secure"] and sesion["httponly"]
    assert sesion["samesite"] == "Lax"
    assert client.cookies[settings.CSRF_COOKIE_NAME]["secure"]


def test_production_settings_enable_https_hsts_and_the_csp():
    codigo = (
        "import json; from django.conf import settings as s; print(json.dumps({"
        "'ssl': s.SECURE_SSL_REDIRECT, 'hsts': s.SECURE_HSTS_SECONDS, 'sub': s.SECURE_HSTS_INCLUDE_SUBDOMAINS,"
        "'cookie': s.SESSION_COOKIE_SECURE, 'csrf': s.CSRF_COOKIE_SECURE, 'httponly': s.SESSION_COOKIE_HTTPONLY,"
        "'proxy': getattr(s, 'SECURE_PROXY_SSL_HEADER', None), 'xfo': s.X_FRAME_OPTIONS,"
        "'csp': s.CONTENT_SECURITY_POLICY['DIRECTIVES']['script-src']}))"
    )
    resultado = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", codigo],
        cwd=RAIZ,
        env=_entorno_produccion(SECURE_PROXY_SSL_HEADER="on"),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert resultado.returncode == 0, resultado.stderr
    valores = json.loads(resultado.stdout.strip().splitlines()[-1])
    assert valores == {
        "ssl": True,
        "hsts": 31536000,
        "sub": True,
        "cookie": True,
        "csrf": True,
        "httponly": True,
        "proxy": ["HTTP_X_FORWARDED_PROTO", "https"],
        "xfo": "DENY",
        "csp": ["'self'"],
    }


def test_check_deploy_gives_no_warning_with_production_settings():
    resultado = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=RAIZ,
        env=_entorno_produccion(),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert resultado.returncode == 0, resultado.stderr
    assert "no issues" in resultado.stdout


# --- Idle sessions ---


def test_session_expires_after_idle_time_and_activity_renews_it(client, profesional):
    inicio = datetime.datetime(2026, 11, 24, 12, 0, tzinfo=datetime.UTC)
    inactividad = datetime.timedelta(seconds=settings.SESSION_COOKIE_AGE)
    with time_machine.travel(inicio, tick=False) as viaje:
        client.force_login(profesional)
        assert client.get(reverse("equipo:mi_dia")).status_code == 200
        # Active just before the limit: the session is renewed.
        viaje.shift(inactividad - datetime.timedelta(minutes=1))
        assert client.get(reverse("equipo:mi_dia")).status_code == 200
        viaje.shift(inactividad - datetime.timedelta(minutes=1))
        assert client.get(reverse("equipo:mi_dia")).status_code == 200
        # Idle past the limit: back to the login page.
        viaje.shift(inactividad + datetime.timedelta(seconds=1))
        respuesta = client.get(reverse("equipo:mi_dia"))
        assert respuesta.status_code == 302
        assert respuesta["Location"].startswith(reverse("login"))


def test_idle_timeout_is_thirty_minutes_by_default_and_sessions_end_with_the_browser():
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    assert settings.SESSION_SAVE_EVERY_REQUEST is True
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE is True


# --- Error pages ---

INLINE = ("<script>", "style=", "<style", "onclick=", "onload=")


@override_settings(DEBUG=False)
def test_404_page_leaks_nothing_and_has_no_inline_code(client):
    respuesta = client.get("/equipo/no-existe/<script>alert(1)</script>")
    assert respuesta.status_code == 404
    texto = respuesta.content.decode()
    assert "Página no encontrada" in texto
    assert "alert(1)" not in texto
    assert "Traceback" not in texto and "urlpatterns" not in texto.lower()
    assert not any(marca in texto for marca in INLINE)


def test_500_page_renders_without_request_context_or_database(django_assert_num_queries):
    request = RequestFactory().get("/")
    with django_assert_num_queries(0):
        respuesta = defaults.server_error(request)
    texto = respuesta.content.decode()
    assert respuesta.status_code == 500
    assert "Error del servidor" in texto
    assert not any(marca in texto for marca in INLINE)


@pytest.mark.parametrize(("vista", "codigo", "titulo"), [("bad_request", 400, "Solicitud no válida")])
def test_400_page_says_it_plainly(vista, codigo, titulo):
    respuesta = getattr(defaults, vista)(RequestFactory().get("/"), Exception("detalle interno secreto"))
    assert respuesta.status_code == codigo
    assert titulo in respuesta.content.decode()
    assert "secreto" not in respuesta.content.decode()


def test_403_page_hides_the_exception_text(rf):
    from django.core.exceptions import PermissionDenied

    respuesta = defaults.permission_denied(rf.get("/"), PermissionDenied("detalle interno secreto"))
    assert respuesta.status_code == 403
    assert "Acceso no permitido" in respuesta.content.decode()
    assert "secreto" not in respuesta.content.decode()


def test_csrf_failure_page_is_ours_without_inline_style():
    client = Client(enforce_csrf_checks=True)
    respuesta = client.post(reverse("login"), {"username": "x", "password": "y"})
    assert respuesta.status_code == 403
    texto = respuesta.content.decode()
    assert "La sesión del formulario expiró" in texto
    assert not any(marca in texto for marca in INLINE)


def test_nul_characters_are_dropped_before_any_query_and_refused_in_the_address(client, encargada):
    """PostgreSQL refuses NUL in text: a NUL reaching a query would be a 500."""
    from tests.factories import PersonaFactory

    PersonaFactory(nombres="Ana", apellidos="Pérez")
    client.force_login(encargada)
    respuesta = client.get(reverse("admin:atenciones_persona_changelist"), {"q": "An\x00a"})
    assert respuesta.status_code == 200
    assert respuesta.context["cl"].result_count == 1  # searched for "Ana"
    assert client.get("/es/%00/").status_code == 400
    client.logout()
    assert client.post(reverse("login"), {"username": "a\x00b", "password": "x"}).status_code == 200


def test_lockout_records_at_most_150_characters_of_a_hostile_username(client):
    from axes.models import AccessAttempt

    _intentar(client, "x" * 5000, "equivocada")
    assert len(AccessAttempt.objects.get().username) == 150


@pytest.mark.parametrize(
    ("idioma", "titulo"), [("es", "Error del servidor"), ("en", "Server error"), ("ht", "Erè sèvè")]
)
def test_error_pages_speak_the_visitors_language(idioma, titulo):
    from django.utils.translation import override

    with override(idioma):
        texto = defaults.server_error(RequestFactory().get("/")).content.decode()
    assert titulo in texto
