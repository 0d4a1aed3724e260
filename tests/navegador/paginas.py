"""The pages the accessibility and HTML checks visit, per role, over the demo data (seed_demo).

Shared by the axe tests (a real Chromium) and the HTML validity test (the Nu Html Checker), so both
look at the same pages. Each list holds one page of every kind the role can open, including a form
sent empty (its error summary) where the role has one.
"""

from dataclasses import dataclass, field
from typing import TypeVar

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.management import call_command
from django.db.models import Model, QuerySet
from django.urls import reverse

from atenciones.models import Atencion, Caso, Derivacion, Persona, SolicitudDerecho
from oficina.models import Actividad, Capacitacion, Departamento, Organizacion, PaginaInformativa

IDIOMAS = ["es", "ht", "en"]
PAGINAS_PUBLICAS = [
    "",
    "guias/",
    "guias/salud-fonasa/",
    "red-de-apoyo/",
    "actividades/",
    "privacidad/",
    "buscar/?q=salud",
]
ROLES = ["encargada", "profesional", "enlace.salud"]
ADMIN_MODELOS = [
    "atenciones/persona", "atenciones/atencion", "atenciones/caso", "atenciones/derivacion",
    "atenciones/hogar", "atenciones/solicitudderecho", "atenciones/brechaseguridad",
    "atenciones/registroacceso", "atenciones/eventoderivacion", "oficina/departamento",
    "oficina/organizacion", "oficina/programa", "oficina/actividad", "oficina/capacitacion",
    "oficina/paginainformativa", "oficina/membresia",
]  # fmt: skip


@dataclass
class Pagina:
    url: str
    # A form on the page sent empty (its submit button's CSS selector): the error summary is checked too.
    enviar: str | None = None
    notas: list[str] = field(default_factory=list)


def preparar_demo() -> None:
    """Demo data (small) and one data-subject request, so every page has something to show."""
    cache.clear()
    call_command("seed_demo", personas=60, atenciones=240, force=True, verbosity=0)
    if not SolicitudDerecho.objects.exists():
        SolicitudDerecho.objects.create(tipo="acceso", solicitante="Ana", persona=Persona.objects.first())


def clave_demo() -> str:
    return settings.DEMO_PASSWORD


def _admin(modelo: str, sufijo: str = "") -> str:
    return f"{reverse('admin:index')}{modelo}/{sufijo}"


_M = TypeVar("_M", bound=Model)


def _primero(filas: QuerySet[_M]) -> _M:
    """The first row of `filas`; the demo data always has one."""
    fila = filas.first()
    if fila is None:
        raise LookupError(f"seed_demo dejó sin filas: {filas.model.__name__}")
    return fila


def paginas_anonimas() -> list[Pagina]:
    """Sign-in pages (the staff layout, before signing in)."""
    return [
        Pagina(reverse("login"), enviar="main form button[type=submit]"),
        Pagina(reverse("password_reset"), enviar="main form button[type=submit]"),
    ]


def paginas_publicas() -> list[str]:
    return [f"/{idioma}/{ruta}" for idioma in IDIOMAS for ruta in PAGINAS_PUBLICAS]


def paginas_equipo(rol: str) -> list[Pagina]:
    """One page of each kind `rol` (a demo user name) can open under /equipo/."""
    if rol.startswith("enlace"):
        usuario = get_user_model().objects.get(username=rol)
        departamento = Departamento.objects.get(membresias__usuario=usuario)
        derivacion = _primero(
            Derivacion.objects.filter(departamento=departamento, estado__in=["enviada", "recibida"]).order_by(
                "pk"
            )
        )
        return [
            Pagina(reverse("equipo:mi_dia")),
            Pagina(reverse("equipo:bandeja")),
            Pagina(reverse("equipo:bandeja") + "?estado=abiertas"),
            Pagina(reverse("equipo:derivacion", args=[derivacion.pk])),
            Pagina(reverse("password_change"), enviar="main form button[type=submit]"),
        ]
    persona = _primero(Persona.objects.filter(hogar__isnull=False, casos__estado="abierto").order_by("pk"))
    caso = _primero(Caso.objects.filter(persona=persona, estado="abierto"))
    derivacion = _primero(Derivacion.objects.filter(estado="en_atencion").order_by("pk"))
    paginas = [
        Pagina(reverse("equipo:mi_dia")),
        Pagina(reverse("equipo:personas")),
        Pagina(reverse("equipo:personas") + "?q=gonzalez"),
        Pagina(reverse("equipo:persona_nueva") + "?q=Ana+Prueba", enviar="main form button[type=submit]"),
        Pagina(reverse("equipo:persona", args=[persona.pk])),
        Pagina(reverse("equipo:persona_editar", args=[persona.pk])),
        Pagina(reverse("equipo:persona_atencion", args=[persona.pk]), enviar="main form button[type=submit]"),
        Pagina(reverse("equipo:caso_nuevo", args=[persona.pk]), enviar="main form button[type=submit]"),
        Pagina(reverse("equipo:derivar", args=[persona.pk]), enviar="main form button.btn-primary"),
        Pagina(reverse("equipo:casos")),
        Pagina(reverse("equipo:caso", args=[caso.pk])),
        Pagina(reverse("equipo:caso_editar", args=[caso.pk])),
        Pagina(reverse("equipo:caso_cerrar", args=[caso.pk]), enviar="main form button[type=submit]"),
        Pagina(reverse("equipo:derivaciones")),
        Pagina(reverse("equipo:derivaciones") + "?externas=on&vencidas=on"),
        Pagina(reverse("equipo:derivacion", args=[derivacion.pk])),
        Pagina(reverse("equipo:derivacion_imprimir", args=[derivacion.pk])),
        Pagina(reverse("equipo:hogar", args=[persona.hogar_id]) + "?q=gonzalez"),
        Pagina(reverse("equipo:hogar_nuevo") + f"?persona={persona.pk}"),
        Pagina(reverse("equipo:hogar_quitar", args=[persona.hogar_id]) + f"?persona={persona.pk}"),
        Pagina(reverse("equipo:indicadores")),
        Pagina(reverse("equipo:indicadores") + "?tipo=personalizado&desde=2026-05-01&hasta=2026-01-01"),
    ]
    if rol == "encargada":
        solicitud = _primero(SolicitudDerecho.objects.all())
        paginas += [
            Pagina(reverse("equipo:derecho_solicitud", args=[solicitud.pk])),
            Pagina(reverse("equipo:derecho_datos", args=[solicitud.pk])),
            Pagina(reverse("equipo:derecho_anonimizar", args=[solicitud.pk])),
            Pagina(reverse("equipo:derecho_bloqueo", args=[solicitud.pk])),
        ]
    return paginas


def paginas_admin() -> list[str]:
    """The admin pages the office head uses: home, every changelist, a change form of each main model."""
    paginas = [reverse("admin:index"), *(_admin(modelo) for modelo in ADMIN_MODELOS)]
    clases: list[tuple[str, type[Model]]] = [
        ("atenciones/persona", Persona),
        ("atenciones/atencion", Atencion),
        ("atenciones/caso", Caso),
        ("atenciones/derivacion", Derivacion),
        ("atenciones/solicitudderecho", SolicitudDerecho),
        ("oficina/departamento", Departamento),
        ("oficina/organizacion", Organizacion),
        ("oficina/actividad", Actividad),
        ("oficina/paginainformativa", PaginaInformativa),
    ]
    for modelo, clase in clases:
        paginas.append(_admin(modelo, f"{_primero(clase._default_manager.order_by('pk')).pk}/change/"))
    paginas.append(
        _admin("oficina/capacitacion", f"{_primero(Capacitacion.objects.order_by('pk')).pk}/change/")
    )
    paginas += [
        _admin(modelo, "add/")
        for modelo in [
            "atenciones/persona", "atenciones/caso", "atenciones/brechaseguridad", "oficina/organizacion",
            "oficina/actividad", "oficina/membresia", "oficina/capacitacion",
        ]
    ]  # fmt: skip
    return paginas
