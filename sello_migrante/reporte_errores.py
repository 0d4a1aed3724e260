"""Optional error reporting through Sentry (`SENTRY_DSN`), with personal data removed first.

Off unless SENTRY_DSN is set. Nothing that may carry a person's data leaves the server: no form or
query values, cookies, headers, local variables, user names or addresses, log messages of
breadcrumbs; only the error's type, where it happened, the path and the method.
"""

from typing import TYPE_CHECKING, Any, cast

if TYPE_CHECKING:
    from sentry_sdk._types import Event, Hint

# Request fields kept; everything else (data, cookies, headers, query_string, env) is dropped.
_PETICION_CONSERVAR = ("method", "url")


def _sin_consulta(url: str) -> str:
    return url.split("?", 1)[0]


def limpiar_evento(evento: dict[str, Any], hint: dict[str, Any] | None = None) -> dict[str, Any]:
    """Sentry's before_send: return the event stripped of anything personal."""
    peticion = evento.get("request") or {}
    evento["request"] = {c: peticion[c] for c in _PETICION_CONSERVAR if c in peticion}
    if "url" in evento["request"]:
        evento["request"]["url"] = _sin_consulta(evento["request"]["url"])
    usuario = evento.get("user") or {}
    evento["user"] = {"id": usuario["id"]} if "id" in usuario else {}
    for clave in ("extra", "contexts", "server_name"):
        evento.pop(clave, None)
    for excepcion in (evento.get("exception") or {}).get("values", []) or []:
        # The message of a database error can quote the values of the row (a name, a document).
        excepcion["value"] = ""
        for marco in (excepcion.get("stacktrace") or {}).get("frames", []) or []:
            marco.pop("vars", None)
    if "logentry" in evento:
        evento["logentry"] = {"message": (evento["logentry"] or {}).get("message", "")}
    migas = evento.get("breadcrumbs")
    if isinstance(migas, dict):
        migas = migas.get("values", [])
    if migas:
        evento["breadcrumbs"] = {
            "values": [{"category": m.get("category"), "timestamp": m.get("timestamp")} for m in migas]
        }
    return evento


def _antes_de_enviar(evento: "Event", hint: "Hint") -> "Event | None":
    """limpiar_evento under sentry-sdk's types (an event is a plain dict at run time)."""
    return cast("Event", limpiar_evento(cast(dict[str, Any], evento), hint))


def iniciar(dsn: str, *, entorno: str) -> None:
    """Start sentry-sdk with personal data off and the scrubber above."""
    import sentry_sdk
    from sentry_sdk.integrations.django import DjangoIntegration

    sentry_sdk.init(
        dsn=dsn,
        environment=entorno,
        send_default_pii=False,
        include_local_variables=False,
        max_request_body_size="never",
        traces_sample_rate=0,
        before_send=_antes_de_enviar,
        integrations=[DjangoIntegration()],
    )
