"""The pages the accessibility and HTML checks visit, per role, over the demo data (seed_demo).

Shared by the axe tests (a real Chromium) and the HTML validity test (the Nu Html Checker), so both
look at the same pages. Each list holds one page of every kind the role can open, including a form
sent empty (its error summary) where the role has one.
"""

import datetime
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.management import call_command
from django.db.models import Model, QuerySet
from django.urls import reverse
from django.utils import timezone

from atenciones import enlaces_externos
from atenciones.models import (
    Atencion,
    Caso,
    Derivacion,
    EnlaceExterno,
    LoteImportacion,
    ParDuplicado,
    Persona,
    SolicitudDerecho,
    TareaCaso,
)
from atenciones.services.casos import crear_tarea
from atenciones.services.derivaciones import derivar, emitir_enlace
from atenciones.services.importacion import crear_lote
from oficina.models import (
    Actividad,
    Capacitacion,
    Departamento,
    Organizacion,
    PaginaInformativa,
    PlanTrabajo,
    Programa,
)

PLANILLA_MUESTRA = Path(__file__).resolve().parents[1] / "importacion" / "planilla_atenciones_muestra.xlsx"

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
    "oficina/paginainformativa", "oficina/membresia", "atenciones/loteimportacion",
    "atenciones/filaimportacion",
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
    encargada = get_user_model().objects.get(username="encargada")
    if not LoteImportacion.objects.exists():
        with PLANILLA_MUESTRA.open("rb") as archivo:
            crear_lote(archivo=archivo, nombre=PLANILLA_MUESTRA.name, usuario=encargada)
    if not ParDuplicado.objects.filter(estado=ParDuplicado.Estado.PENDIENTE).exists():
        a, b = Persona.objects.order_by("pk")[:2]
        ParDuplicado.objects.create(persona_a=a, persona_b=b, probabilidad=80, evidencia=["nombre"])
    caso = _caso_demo()
    if not TareaCaso.objects.filter(caso=caso).exists():
        crear_tarea(
            caso=caso,
            descripcion="Llamar por la cita en Fonasa",
            vence=timezone.localdate() + datetime.timedelta(days=7),
            responsable=encargada,
            usuario=encargada,
        )
    if not EnlaceExterno.objects.exists():
        organizacion = _primero(
            Organizacion.objects.filter(activa=True, acepta_derivaciones=True).order_by("pk")
        )
        if not organizacion.email:
            organizacion.email = "derivaciones@example.org"
            organizacion.save(update_fields=["email"])
        derivacion = derivar(
            persona=caso.persona,
            derivado_por=encargada,
            tema="salud",
            motivo="Se solicita atención según lo conversado con la persona.",
            consentimiento=True,
            organizacion=organizacion,
        )
        emitir_enlace(derivacion=derivacion, usuario=encargada)


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


def _caso_demo() -> Caso:
    """The open case of a person with a household (the staff pages' case)."""
    persona = _primero(Persona.objects.filter(hogar__isnull=False, casos__estado="abierto").order_by("pk"))
    return _primero(Caso.objects.filter(persona=persona, estado="abierto"))


def paginas_externas() -> list[Pagina]:
    """The page an external organisation opens through its signed link (no sign-in)."""
    enlace = _primero(EnlaceExterno.objects.filter(revocado_en__isnull=True).order_by("pk"))
    return [Pagina(reverse("externa", args=[enlaces_externos.token_de(enlace)]))]


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
    caso = _caso_demo()
    persona = caso.persona
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
        # One kind at a time: a month beside the previous one; a field of another kind refused.
        Pagina(reverse("equipo:indicadores") + "?tipo=mes&anio=2026&mes=3"),
        Pagina(reverse("equipo:indicadores") + "?tipo=mes&anio=2026&mes=3&desde=2026-01-01"),
    ]
    plan = _primero(PlanTrabajo.objects.order_by("pk"))
    programa = _primero(Programa.objects.filter(actividades__isnull=False).distinct().order_by("pk"))
    sesion = _primero(Actividad.objects.filter(programa=programa).order_by("pk"))
    externa = _primero(EnlaceExterno.objects.order_by("pk")).derivacion
    paginas += [
        Pagina(
            reverse("equipo:persona_documentos", args=[persona.pk]), enviar="main form button[type=submit]"
        ),
        Pagina(reverse("equipo:derivacion", args=[externa.pk])),
        Pagina(reverse("equipo:sello")),
        Pagina(reverse("equipo:sello_plan", args=[plan.pk])),
        Pagina(reverse("equipo:sello_programa", args=[programa.pk])),
        Pagina(reverse("equipo:sello_asistencia", args=[sesion.pk])),
    ]
    if rol == "encargada":
        solicitud = _primero(SolicitudDerecho.objects.all())
        par = _primero(ParDuplicado.objects.filter(estado=ParDuplicado.Estado.PENDIENTE))
        lote = _primero(LoteImportacion.objects.order_by("pk"))
        paginas += [
            Pagina(reverse("equipo:duplicados")),
            Pagina(reverse("equipo:duplicado_fusionar", args=[par.pk])),
            Pagina(reverse("equipo:importaciones")),
            Pagina(reverse("equipo:importacion", args=[lote.pk])),
            # The Sello report: once (it is the slowest page to build); the same for every role.
            Pagina(reverse("equipo:sello_informe")),
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
