"""Settings for Sello Migrante: one module, read from the environment (django-environ).

With no environment at all the portal runs on a local SQLite file with DEBUG on.
With DEBUG off, every value production needs must be set, or startup stops with one line
naming the variable.
"""

import datetime
from collections.abc import Callable
from pathlib import Path
from typing import Any

import environ
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
if (BASE_DIR / ".env").is_file():
    env.read_env(BASE_DIR / ".env")


def _read(name: str, reader: Callable[..., Any], **kwargs: Any) -> Any:
    """Read one variable; turn any parsing error into a one-line ImproperlyConfigured."""
    try:
        return reader(name, **kwargs)
    except ImproperlyConfigured:
        raise ImproperlyConfigured(f"falta la variable de entorno {name}.") from None
    except (ValueError, KeyError, TypeError) as exc:
        raise ImproperlyConfigured(f"la variable de entorno {name} no es válida ({exc}).") from None


DEBUG = _read("DEBUG", env.bool, default=True)

_required = environ.Env.NOTSET
SECRET_KEY = _read(
    "SECRET_KEY",
    env.str,
    # A throwaway key only for the embedded default (DEBUG on); production must set its own.
    default="solo-desarrollo-clave-insegura-no-usar-en-produccion" if DEBUG else _required,
)
if not DEBUG and (len(SECRET_KEY) < 50 or SECRET_KEY.startswith("solo-desarrollo")):
    raise ImproperlyConfigured("la variable de entorno SECRET_KEY debe tener al menos 50 caracteres.")

ALLOWED_HOSTS = _read(
    "ALLOWED_HOSTS",
    env.list,
    default=["localhost", "127.0.0.1", "[::1]", "testserver"] if DEBUG else _required,
)
CSRF_TRUSTED_ORIGINS = _read("CSRF_TRUSTED_ORIGINS", env.list, default=[])

DATABASES = {
    "default": _read("DATABASE_URL", env.db_url, default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
if DATABASES["default"].get("ENGINE") not in {"django.db.backends.postgresql", "django.db.backends.sqlite3"}:
    raise ImproperlyConfigured("la variable de entorno DATABASE_URL debe ser postgres://… o sqlite:///….")
DATABASES["default"].setdefault("CONN_MAX_AGE", _read("CONN_MAX_AGE", env.int, default=60))
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    # The web server and the task worker write to the same file: wait for the lock instead of
    # failing, take it at the start of each transaction, and let readers run beside a writer (WAL).
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"timeout": 20, "transaction_mode": "IMMEDIATE", "init_command": "PRAGMA journal_mode=WAL;"}
    )
# PostgreSQL cancels a web request's statement after this many seconds (0: never), so no request
# holds a worker forever; the task worker and commands are not limited (sello_migrante/caidas.py).
TIEMPO_MAXIMO_CONSULTA_WEB = _read("TIEMPO_MAXIMO_CONSULTA_WEB", env.float, default=15)
# A PostgreSQL streaming replica for the heavy reads (indicators, exports, admin lists): see
# sello_migrante/routers.py. Writes and a user's just-written reads stay on the primary.
if env.str("DATABASE_REPLICA_URL", default=""):
    _replica = _read("DATABASE_REPLICA_URL", env.db_url)
    if _replica.get("ENGINE") != "django.db.backends.postgresql":
        raise ImproperlyConfigured("la variable de entorno DATABASE_REPLICA_URL debe ser postgres://….")
    _replica.setdefault("CONN_MAX_AGE", DATABASES["default"]["CONN_MAX_AGE"])
    _replica["CONN_HEALTH_CHECKS"] = True
    _replica.setdefault("OPTIONS", {}).setdefault("connect_timeout", 3)
    _replica["TEST"] = {"MIRROR": "default"}  # tests read the primary through this alias
    DATABASES["replica"] = _replica
DATABASE_ROUTERS = ["sello_migrante.routers.RouterReplica"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# A cache shared by every worker and server: Django's database cache by default in production
# (its table is created by `migrate`), Redis when CACHE_URL names it. A per-process cache would
# let each gunicorn worker serve its own stale copy of the public pages, so it is refused.
CACHES = {
    "default": _read(
        "CACHE_URL", env.cache_url, default="locmemcache://" if DEBUG else "dbcache://cache_sello_migrante"
    )
}
if not DEBUG and CACHES["default"]["BACKEND"].endswith(("locmem.LocMemCache", "dummy.DummyCache")):
    raise ImproperlyConfigured(
        "la variable de entorno CACHE_URL no puede nombrar una caché por proceso con DEBUG=off "
        "(use dbcache://cache_sello_migrante o redis://…)."
    )

EMAIL_CONFIG = _read("EMAIL_URL", env.email_url, default="consolemail://")
vars().update(EMAIL_CONFIG)
# Seconds an SMTP connection may take before giving up (the worker sends; the request never does).
EMAIL_TIMEOUT = _read("EMAIL_TIMEOUT", env.int, default=20)
DEFAULT_FROM_EMAIL = _read("DEFAULT_FROM_EMAIL", env.str, default="migrantes@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Background work (imports, emails, reminders) runs on django-q2 with its ORM broker: the queue is a
# table in the same database, so SQLite and PostgreSQL both work without another server.
# `manage.py qcluster` is the worker (`make run` starts it beside the web server).
_TAREAS_TIEMPO_MAXIMO = _read("TAREAS_TIEMPO_MAXIMO", env.int, default=1800)
Q_CLUSTER = {
    "name": "sello_migrante",
    "orm": "default",
    "workers": _read(
        "TAREAS_WORKERS", env.int, default=1 if DATABASES["default"]["ENGINE"].endswith("sqlite3") else 2
    ),
    "timeout": _TAREAS_TIEMPO_MAXIMO,
    # A task whose worker died (not acknowledged) is handed out again after this many seconds.
    "retry": _TAREAS_TIEMPO_MAXIMO + 60,
    "max_attempts": 3,
    # A task that raised is kept as failed with its traceback (admin: "Failed tasks"), not retried.
    "ack_failures": True,
    "save_limit": 1000,
    "catch_up": False,
    "poll": 1,
    "label": "Tareas en segundo plano",
}

# The office this installation serves: data, not code.
COMUNA = _read("COMUNA", env.str, default="Valparaíso")
OFICINA_NOMBRE = _read("OFICINA_NOMBRE", env.str, default="Oficina Comunal de Migrantes")
SITE_URL = _read("SITE_URL", env.str, default="http://127.0.0.1:8000")
ADMIN_URL = _read("ADMIN_URL", env.str, default="admin/")
if not ADMIN_URL.endswith("/") or ADMIN_URL.startswith("/"):
    raise ImproperlyConfigured("la variable de entorno ADMIN_URL debe terminar en '/' y no empezar con '/'.")
# Covering indexes (INCLUDE) are a PostgreSQL acceleration; SQLite, the embedded default, builds
# the same indexes without the extra columns, which changes no result.
SILENCED_SYSTEM_CHECKS = ["models.W040"]

# Password of the demo users created by `seed_demo` (never used in production: seed_demo refuses DEBUG off).
DEMO_PASSWORD = _read("DEMO_PASSWORD", env.str, default="demo")
# Version of the privacy notice recorded with each person's consent.
AVISO_PRIVACIDAD_VERSION = _read("AVISO_PRIVACIDAD_VERSION", env.str, default="2026-12")
# Persons with no activity for this many years are listed (and anonymised with --apply) by `retencion`.
RETENCION_ANOS = _read("RETENCION_ANOS", env.int, default=5)
# Access-log rows (who looked at, searched or exported personal data) older than this are deleted by `retencion --apply`.
RETENCION_REGISTRO_ACCESOS_ANOS = _read("RETENCION_REGISTRO_ACCESOS_ANOS", env.int, default=2)
# The office's contact details, shown on the public site.
OFICINA_DIRECCION = _read("OFICINA_DIRECCION", env.str, default="Condell 1490, Valparaíso")
_HORARIO_POR_DEFECTO = "Lunes a viernes, 8:30 a 14:00"
OFICINA_HORARIO = _read("OFICINA_HORARIO", env.str, default=_HORARIO_POR_DEFECTO)
# The hours and address in Creole and English; empty → the Spanish text, marked lang="es".
# The default translations apply only to the default hours (a custom schedule needs its own).
_horario_propio = OFICINA_HORARIO != _HORARIO_POR_DEFECTO
OFICINA_HORARIO_HT = _read(
    "OFICINA_HORARIO_HT", env.str, default="" if _horario_propio else "Lendi rive vandredi, 8:30 rive 14:00"
)
OFICINA_HORARIO_EN = _read(
    "OFICINA_HORARIO_EN", env.str, default="" if _horario_propio else "Monday to Friday, 8:30 am to 2:00 pm"
)
OFICINA_DIRECCION_HT = _read("OFICINA_DIRECCION_HT", env.str, default="")
OFICINA_DIRECCION_EN = _read("OFICINA_DIRECCION_EN", env.str, default="")
# Demo numbers only with DEBUG on: production shows a phone or WhatsApp only when it is set.
OFICINA_TELEFONO = _read("OFICINA_TELEFONO", env.str, default="+56 32 000 0000" if DEBUG else "")
OFICINA_WHATSAPP = _read("OFICINA_WHATSAPP", env.str, default="+56 9 0000 0000" if DEBUG else "")
OFICINA_CORREO = _read("OFICINA_CORREO", env.str, default="")
OFICINA_MAPA_URL = _read(
    "OFICINA_MAPA_URL",
    env.str,
    default="https://www.openstreetmap.org/search?query=Condell%201490%2C%20Valpara%C3%ADso",
)
# External organisations answer a referral through a signed link (issue #13): days it stays valid,
# and how many openings one address may make per 10 minutes before getting "too many requests".
ENLACE_EXTERNO_DIAS = _read("ENLACE_EXTERNO_DIAS", env.int, default=30)
ENLACE_EXTERNO_LIMITE = _read("ENLACE_EXTERNO_LIMITE", env.int, default=30)
# Reminders to the organisation: this many days before its deadline, and once after it.
ENLACE_EXTERNO_AVISO_DIAS_ANTES = _read("ENLACE_EXTERNO_AVISO_DIAS_ANTES", env.int, default=2)
# Seconds a public page stays in the cache (edits invalidate it at once).
CACHE_PUBLICO_SEGUNDOS = _read("CACHE_PUBLICO_SEGUNDOS", env.int, default=600)
# Person search counts its matches only up to this many and then says "more than 1,000" (counting
# the 187,000 matches of a common surname among 2,000,000 persons took a second, issue #16); above
# it the newest registered come first instead of ranking every match.
BUSQUEDA_LIMITE_CONTEO = 1000

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",  # Django's form templates, overridable from templates/ (see FORM_RENDERER)
    "django.contrib.postgres",  # pg_trgm lookups (trigram_word_similar) on PostgreSQL; inert on SQLite
    "crispy_forms",
    "crispy_bootstrap5",
    "django_countries",
    "django_q",  # task runner (django-q2, ORM broker): sello_migrante/tareas.py
    "sello_migrante.apps.BloqueoAccesoConfig",  # django-axes
    "sello_migrante.apps.HistorialCambiosConfig",  # django-auditlog
    "oficina",
    "atenciones",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Outermost after security: every staff/admin response, errors included, is `no-store`.
    "sello_migrante.seguridad.SinCacheEnEquipoMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # A cached public page is served here, before sessions, auth and the rest (oficina/cache_publico.py);
    # what it stores is the response as the middleware below left it (CSP, gzip).
    "oficina.cache_publico.CachePublicoMiddleware",
    # After every middleware that writes the body (it compresses last); public pages only.
    "sello_migrante.middleware.GZipPublicoMiddleware",
    "sello_migrante.seguridad.QuitarCaracteresNulosMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "sello_migrante.middleware.EquipoEnEspanolMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "sello_migrante.routers.EscrituraRecienteMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "sello_migrante.seguridad.AuditlogMiddleware",
    # Axes last: it turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "sello_migrante.urls"
WSGI_APPLICATION = "sello_migrante.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "oficina.context_processors.oficina",
            ],
        },
    },
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    # Strength, not only length: zxcvbn (patterns, keyboard rows, repeats, dictionary words).
    {"NAME": "django_zxcvbn_password_validator.ZxcvbnPasswordValidator"},
]
PASSWORD_MINIMAL_STRENGTH = 3
# Local words a password should not be built on (zxcvbn's own lists are English).
PASSWORD_EXTRA_DICTIONARY = [
    "valparaiso",
    "valparaíso",
    "viña",
    "chile",
    "santiago",
    "migrante",
    "migrantes",
    "municipalidad",
    "municipal",
    "oficina",
    "sello",
    "contraseña",
    "clave",
    "hola",
    "bienvenido",
    "bienvenida",
    "secreto",
    "colocolo",
    "wanderers",
    "sermig",
    "encargada",
    "profesional",
    COMUNA.lower(),
]
# Axes first: it refuses a locked-out username+address before the password is checked.
AUTHENTICATION_BACKENDS = [
    "sello_migrante.seguridad.BloqueoPorIntentosBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "equipo:mi_dia"
LOGOUT_REDIRECT_URL = "login"

# Languages: Spanish is the source; Haitian Creole is not in Django's LANG_INFO, so it is added.
LANGUAGE_CODE = "es"
LANGUAGES = [("es", _("Español")), ("ht", _("Kreyòl ayisyen")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "sello_migrante" / "locale"]
TIME_ZONE = "America/Santiago"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = _read("STATIC_ROOT", env.path, default=BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
# Uploaded files (Sello Migrante evidence): local files by default; S3-compatible object storage
# (AWS S3, MinIO, Cloudflare R2…) through django-storages when EVIDENCIAS_S3_BUCKET is set. Never
# served from MEDIA_URL: staff download them through a view that checks access first.
MEDIA_ROOT = _read("MEDIA_ROOT", env.path, default=BASE_DIR / "media")
MEDIA_URL = "/media-no-publica/"
EVIDENCIAS_S3_BUCKET = _read("EVIDENCIAS_S3_BUCKET", env.str, default="")
if EVIDENCIAS_S3_BUCKET:
    _almacen_archivos = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": EVIDENCIAS_S3_BUCKET,
            "endpoint_url": _read("EVIDENCIAS_S3_ENDPOINT", env.str, default="") or None,
            "region_name": _read("EVIDENCIAS_S3_REGION", env.str, default="") or None,
            "access_key": _read("EVIDENCIAS_S3_ACCESS_KEY", env.str, default="") or None,
            "secret_key": _read("EVIDENCIAS_S3_SECRET_KEY", env.str, default="") or None,
            "default_acl": "private",
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }
else:
    _almacen_archivos = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
# Evidence uploads: the largest file accepted, in megabytes.
EVIDENCIA_MAX_MB = _read("EVIDENCIA_MAX_MB", env.int, default=10)
STORAGES = {
    "default": _almacen_archivos,
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# Textareas: no silent `maxlength` cut; the limit is shown and enforced by the form (sello_migrante/formularios.py).
FORM_RENDERER = "sello_migrante.formularios.Renderizador"
CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"
COUNTRIES_FIRST = ["VE", "PE", "CO", "BO", "HT", "AR", "CL"]
COUNTRIES_FIRST_BREAK = "──────────"

# Sessions expire after idle time (renewed on each request).
SESSION_COOKIE_AGE = _read("SESSION_IDLE_SECONDS", env.int, default=30 * 60)
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True

# Production security, configurable behind a reverse proxy.
SECURE_SSL_REDIRECT = _read("SECURE_SSL_REDIRECT", env.bool, default=not DEBUG)
SESSION_COOKIE_SECURE = _read("SESSION_COOKIE_SECURE", env.bool, default=not DEBUG)
CSRF_COOKIE_SECURE = _read("CSRF_COOKIE_SECURE", env.bool, default=not DEBUG)
SECURE_HSTS_SECONDS = _read("SECURE_HSTS_SECONDS", env.int, default=0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = _read("SECURE_HSTS_INCLUDE_SUBDOMAINS", env.bool, default=not DEBUG)
SECURE_HSTS_PRELOAD = _read("SECURE_HSTS_PRELOAD", env.bool, default=not DEBUG)
if _read("SECURE_PROXY_SSL_HEADER", env.bool, default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Django's default: the CSRF cookie carries no session (no script reads it; forms carry the token).
CSRF_COOKIE_HTTPONLY = False

# Content-Security-Policy (django-csp 4): only this site's own files, no inline script or style.
# Bootstrap's CSS draws its icons as data: SVG images.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
        "base-uri": [SELF],
        "object-src": [NONE],
    },
}

# Login lockout (django-axes): after AXES_FAILURE_LIMIT failures for the same username from the same
# address, that combination is refused for AXES_COOLOFF_MINUTES.
AXES_FAILURE_LIMIT = _read("AXES_FAILURE_LIMIT", env.int, default=5)
AXES_COOLOFF_TIME = datetime.timedelta(minutes=_read("AXES_COOLOFF_MINUTES", env.int, default=30))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
# Password spraying: failures from one address across every username, within the cool-off time.
AXES_LIMITE_DIRECCION = _read("AXES_LIMITE_DIRECCION", env.int, default=10)
AXES_HANDLER = "sello_migrante.seguridad.ManejadorIntentos"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
AXES_LOCKOUT_CALLABLE = "sello_migrante.seguridad.respuesta_bloqueo"
AXES_CLIENT_IP_CALLABLE = "sello_migrante.seguridad.ip_cliente"
AXES_USERNAME_CALLABLE = "sello_migrante.seguridad.nombre_usuario"
# Reverse proxies in front of the app that append to X-Forwarded-For (0: use the socket's address).
PROXIES_CONFIABLES = _read("PROXIES_CONFIABLES", env.int, default=0)

# Audit of changes (django-auditlog): who changed which field of which record, old and new value.
AUDITLOG_INCLUDE_TRACKING_MODELS = (
    # `busqueda` is derived from the names (atenciones.busqueda): its changes are noise.
    {"model": "atenciones.Persona", "exclude_fields": ["modificado", "busqueda", "claves"]},
    {"model": "atenciones.DocumentoIdentidad"},
    {"model": "atenciones.ParDuplicado", "exclude_fields": ["calculado"]},
    {"model": "atenciones.Hogar"},
    {"model": "atenciones.Caso", "exclude_fields": ["modificado"]},
    {"model": "atenciones.Atencion"},
    {"model": "atenciones.Derivacion", "exclude_fields": ["modificado"]},
    {"model": "atenciones.SeguimientoDerivacion"},
    # Data-subject requests: who moved each one to which state (cambiar_estado_solicitud).
    {"model": "atenciones.SolicitudDerecho"},
    # Sello Migrante evidence (issue 14).
    {"model": "atenciones.Inscripcion"},
    {"model": "atenciones.Asistencia"},
    {"model": "atenciones.TramiteOperativo"},
    {"model": "oficina.Evidencia"},
    {"model": "oficina.NarrativaCompromiso"},
    {"model": "atenciones.EnlaceExterno", "exclude_fields": ["aperturas", "ultima_apertura"]},
    {"model": "atenciones.TareaCaso"},
    # Imports (issue #12): each upload, dry run, import and undo; counters are progress noise.
    {
        "model": "atenciones.LoteImportacion",
        "exclude_fields": [
            "filas_leidas",
            "personas_nuevas",
            "personas_encontradas",
            "atenciones_nuevas",
            "repetidas",
            "errores",
            "deshacer_hechos",
        ],
    },
    {"model": "atenciones.MapeoImportacion"},
)
# Imports: the largest file accepted, and how long a batch can be undone (its file is kept so long).
IMPORTACION_TAMANO_MAXIMO = _read("IMPORTACION_TAMANO_MAXIMO", env.int, default=50 * 1024 * 1024)
IMPORTACION_DIAS_DESHACER = _read("IMPORTACION_DIAS_DESHACER", env.int, default=30)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": _read("LOG_LEVEL", env.str, default="INFO")},
    "loggers": {"django.db.backends": {"level": "INFO"}},
}

# Optional error reporting (sentry-sdk), off by default; personal data is removed before sending.
SENTRY_DSN = _read("SENTRY_DSN", env.str, default="")
if SENTRY_DSN:
    from sello_migrante.reporte_errores import iniciar as _iniciar_reporte_errores

    _iniciar_reporte_errores(SENTRY_DSN, entorno=_read("SENTRY_ENTORNO", env.str, default="produccion"))
