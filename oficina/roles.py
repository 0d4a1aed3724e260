"""Staff roles: Django groups (created by a data migration) and helpers to ask for them."""

from django.contrib.auth.models import AnonymousUser, User
from django.utils.translation import gettext_lazy as _

# What `request.user` may be.
Usuario = User | AnonymousUser

ENCARGADA = "Encargada de oficina"
PROFESIONAL = "Profesional de oficina"
ENLACE = "Enlace de departamento"

ROLES = {
    ENCARGADA: _("Encargada/o de oficina"),
    PROFESIONAL: _("Profesional de oficina"),
    ENLACE: _("Enlace de departamento"),
}

# Model permissions per group, as "<app>.<codename>" patterns (action_model).
_CASEWORK = ["persona", "hogar", "caso", "atencion", "atenciontema", "derivacion"]
_OFFICE = [
    "departamento",
    "organizacion",
    "servicio",
    "programa",
    "actividad",
    "capacitacion",
    "asistentecapacitacion",
    "paginainformativa",
    "membresia",
]
PERMISOS = {
    ENCARGADA: [
        f"atenciones.{a}_{m}" for m in [*_CASEWORK, "eventoderivacion"] for a in ("view", "add", "change")
    ]
    + [f"atenciones.delete_{m}" for m in ("hogar", "atenciontema")]
    + [f"oficina.{a}_{m}" for m in _OFFICE for a in ("view", "add", "change", "delete")],
    PROFESIONAL: [f"atenciones.{a}_{m}" for m in _CASEWORK for a in ("view", "add", "change")]
    + ["atenciones.view_eventoderivacion"]
    + [f"oficina.view_{m}" for m in _OFFICE],
    ENLACE: [
        "atenciones.view_derivacion",
        "atenciones.change_derivacion",
        "atenciones.view_eventoderivacion",
    ],
}


# Permissions created by later migrations, which grant them to the group themselves; listed here so
# sincronizar_grupos adds them back after a test flush (0002_grupos cannot: they do not exist yet).
PERMISOS_POSTERIORES = {
    ENCARGADA: [
        "atenciones.exportar_datos",  # atenciones/0004_i6_permiso_exportar
        "atenciones.fusionar_personas",  # atenciones/0006_i11_documentos
        "atenciones.importar_planillas",  # atenciones/0013_i12_importacion
    ]
    # oficina/0005_i14_sello: the work plan and the participation register are the office head's
    # (granted after every migrate by sincronizar_grupos).
    + [
        f"oficina.{a}_{m}"
        for m in (
            "plantrabajo",
            "lineaplan",
            "plancapacitacion",
            "espacioparticipacion",
            "reunionparticipacion",
            "accionnodiscriminacion",
        )
        for a in ("view", "add", "change", "delete")
    ]
    + ["oficina.view_evidencia"],
}


def _grupos(user: Usuario) -> set[str]:
    if not user.is_authenticated:
        return set()
    grupos: set[str] | None = getattr(user, "_grupos_cache", None)
    if grupos is None:
        grupos = set(user.groups.values_list("name", flat=True))
        user._grupos_cache = grupos  # type: ignore[attr-defined]  # a cache kept on this request's user
    return grupos


def es_encargada(user: Usuario) -> bool:
    return user.is_active and (user.is_superuser or ENCARGADA in _grupos(user))


def es_profesional(user: Usuario) -> bool:
    """Office staff: professionals and the office head."""
    return user.is_active and (user.is_superuser or bool(_grupos(user) & {ENCARGADA, PROFESIONAL}))


def es_enlace(user: Usuario) -> bool:
    return user.is_active and ENLACE in _grupos(user)


def sincronizar_grupos(**kwargs: object) -> None:
    """Create the role groups and add their permissions (never removes any).

    Runs after every migrate and after a test flush, which empties the groups that the data
    migration created.
    """
    from django.contrib.auth.models import Group, Permission

    for nombre, codigos in PERMISOS.items():
        grupo, _ = Group.objects.get_or_create(name=nombre)
        filtros = [codigo.split(".") for codigo in [*codigos, *PERMISOS_POSTERIORES.get(nombre, [])]]
        permisos = Permission.objects.none()
        for app_label, codename in filtros:
            permisos = permisos | Permission.objects.filter(
                content_type__app_label=app_label, codename=codename
            )
        grupo.permissions.add(*permisos)
