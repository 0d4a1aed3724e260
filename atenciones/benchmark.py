"""Pages measured by `manage.py benchmark`: (name, demo user, URL or a callable returning it).

Each feature adds its staff pages here, so the benchmark covers every page that must stay fast
at 200,000 persons and 1,000,000 attentions.
"""


def _solicitud_de_derecho(ruta):
    """A data-subject request page of the person with most attentions (None when there is none)."""

    def url():
        from django.db import DatabaseError
        from django.db.models import Count

        from atenciones.models import SolicitudDerecho

        try:
            solicitud = (
                SolicitudDerecho.objects.exclude(persona=None)
                .annotate(n=Count("persona__atenciones"))
                .order_by("-n")
                .first()
            )
        except DatabaseError:
            return None
        return solicitud and f"/equipo/derechos/{solicitud.pk}/{ruta}"

    return url


PAGINAS = [
    ("mi_dia", "profesional", "/equipo/"),
    ("derecho_solicitud", "encargada", _solicitud_de_derecho("")),
    ("derecho_datos_imprimir", "encargada", _solicitud_de_derecho("datos/")),
]
