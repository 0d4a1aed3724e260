"""Staff accounts: one role per account (professional, liaison of a department, office head)."""

from django.contrib.auth.models import Group, User
from django.db import transaction

from .models import Departamento, Membresia
from .roles import ENCARGADA, ENLACE, ROLES


def rol_de(usuario: User) -> str:
    """The account's role (a group name of ROLES), or "" if it has none."""
    if usuario.pk is None:
        return ""
    nombres = set(usuario.groups.filter(name__in=ROLES).values_list("name", flat=True))
    for rol in (ENCARGADA, ENLACE, *ROLES):
        if rol in nombres:
            return rol
    return ""


def departamento_de(usuario: User) -> Departamento | None:
    """A liaison's department (the active membership), if any."""
    if usuario.pk is None:
        return None
    membresia = usuario.membresias.filter(activa=True).select_related("departamento").first()
    return membresia.departamento if membresia else None


@transaction.atomic
def asignar_rol(*, usuario: User, rol: str, departamento: Departamento | None = None, actor: User) -> None:
    """Give `usuario` exactly one role; a liaison is tied to `departamento` (and only to it).

    Only the office head enters the admin (is_staff); superuser status and raw permissions are
    never touched here. `actor` is who did it (the admin records it in its change history).
    """
    if rol not in ROLES:
        raise ValueError(f"rol desconocido: {rol!r}")
    if rol == ENLACE and departamento is None:
        raise ValueError("un enlace necesita un departamento")
    usuario.groups.remove(*Group.objects.filter(name__in=ROLES).exclude(name=rol))
    usuario.groups.add(Group.objects.get(name=rol))
    es_staff = usuario.is_superuser or rol == ENCARGADA
    if usuario.is_staff != es_staff:
        usuario.is_staff = es_staff
        usuario.save(update_fields=["is_staff"])
    otras = Membresia.objects.filter(usuario=usuario, activa=True)
    if rol == ENLACE:
        otras = otras.exclude(departamento=departamento)
        Membresia.objects.update_or_create(
            usuario=usuario, departamento=departamento, defaults={"activa": True}
        )
    otras.update(activa=False)
    if hasattr(usuario, "_grupos_cache"):
        del usuario._grupos_cache
