"""Who did it: every service runs with its acting user as django-auditlog's actor.

A view, an admin action or a command passes the user; a scheduled job or a command run by
cron passes nothing and the named system user `sistema` acts (it cannot log in).
"""

import contextlib
import functools
from collections.abc import Callable, Iterator
from typing import Any, ParamSpec, TypeVar

from auditlog.context import auditlog_value, set_actor
from auditlog.models import LogEntry
from auditlog.registry import auditlog as registro_auditlog
from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ImproperlyConfigured
from django.db import models

NOMBRE_SISTEMA = "sistema"

P = ParamSpec("P")
R = TypeVar("R")


def usuario_sistema() -> User:
    """The named user that acts for scheduled jobs and cron commands (created on demand)."""
    usuario, creado = get_user_model().objects.get_or_create(
        username=NOMBRE_SISTEMA,
        defaults={"first_name": "Sistema", "is_active": False, "is_staff": False, "is_superuser": False},
    )
    if creado:
        usuario.set_unusable_password()
        usuario.save(update_fields=["password"])
    elif usuario.is_active or usuario.has_usable_password():
        # Someone's real account took the name: never act (or lock it out) in their name.
        raise ImproperlyConfigured(
            f"La cuenta «{NOMBRE_SISTEMA}» existe y puede iniciar sesión: renómbrela; "
            "el sistema usa ese nombre para firmar sus cambios."
        )
    return usuario


@contextlib.contextmanager
def actor(usuario: User | None) -> Iterator[None]:
    """Run the block with `usuario` as the actor of the change history, then restore the caller's.

    auditlog's own `set_actor` leaves its value behind when it exits, which would orphan an
    enclosing context (the request middleware's); this keeps the enclosing one working.
    """
    previo = auditlog_value.get(None)
    extra = {k: previo.get(k) for k in ("remote_addr", "remote_port")} if previo else {}
    try:
        with set_actor(usuario, **extra):
            yield
    finally:
        if previo is not None:
            auditlog_value.set(previo)


def audita(parametro: str = "usuario") -> Callable[[Callable[P, R]], Callable[P, R]]:
    """Decorate a service: its `parametro` keyword is the actor of every change it makes.

    With the keyword `usuario` missing or None, the system user acts (and is passed on).
    """

    def decorador(funcion: Callable[P, R]) -> Callable[P, R]:
        @functools.wraps(funcion)
        def envoltura(*args: P.args, **kwargs: P.kwargs) -> R:
            quien: Any = kwargs.get(parametro)
            if quien is None and parametro == "usuario":
                quien = kwargs[parametro] = usuario_sistema()
            with actor(quien):
                return funcion(*args, **kwargs)

        return envoltura

    return decorador


def actualizar_con_historial(
    queryset: models.QuerySet,
    *,
    usuario: User | None,
    registrar: dict[str, Any] | None = None,
    **valores: Any,
) -> int:
    """`queryset.update(**valores)` with one change-history row per row that changed, naming `usuario`.

    `registrar` overrides the values written to the history (e.g. redacted ones for an erasure).
    Returns how many rows changed.
    """
    modelo = queryset.model
    excluidos = set(registro_auditlog.get_model_fields(modelo)["exclude_fields"])
    campos = [c for c in valores if c not in excluidos]
    filas = {}
    for fila in queryset.values("pk", *[modelo._meta.get_field(c).attname for c in campos]):
        cambios = {}
        for campo in campos:
            antes = fila[modelo._meta.get_field(campo).attname]
            despues = valores[campo]
            despues = getattr(despues, "pk", despues)
            if antes != despues:
                cambios[campo] = [_texto(antes), _texto(despues)]
        if cambios:
            filas[fila["pk"]] = cambios
    if not filas:
        return 0
    modelo.objects.filter(pk__in=list(filas)).update(**valores)
    tipo = ContentType.objects.get_for_model(modelo)
    direccion = (auditlog_value.get(None) or {}).get("remote_addr")
    nombres = {o.pk: str(o) for o in modelo.objects.filter(pk__in=list(filas))}
    LogEntry.objects.bulk_create(
        LogEntry(
            content_type=tipo,
            object_pk=str(pk),
            object_id=pk if isinstance(pk, int) else None,
            object_repr=nombres.get(pk, ""),
            action=LogEntry.Action.UPDATE,
            changes={c: (registrar or {}).get(c, v) for c, v in cambios.items()},
            actor=usuario,
            actor_email=getattr(usuario, "email", None),
            remote_addr=direccion() if callable(direccion) else direccion,
        )
        for pk, cambios in filas.items()
    )
    return len(filas)


def _texto(valor: Any) -> str:
    return "None" if valor is None else str(valor)
