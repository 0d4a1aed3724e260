"""Pages measured by `manage.py benchmark`: (name, demo user, URL or a callable returning it).

Each feature adds its staff pages here, so the benchmark covers every page that must stay fast
at 200,000 persons and 1,000,000 attentions.
"""


def _solicitud_de_derecho(ruta):
    """A data-subject request page of the person with most attentions (None when there is none)."""

    def url():
        from django.db import DatabaseError, transaction
        from django.db.models import Count

        from atenciones.models import SolicitudDerecho

        try:
            with transaction.atomic():  # a savepoint: a database without the table stays usable
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


def _una_derivacion_de_salud():
    from atenciones.models import Derivacion

    pk = (
        Derivacion.objects.filter(departamento__sigla="Salud")
        .order_by("-pk")
        .values_list("pk", flat=True)[:1]
    )
    return f"/equipo/derivaciones/{pk[0]}/"


PAGINAS = [
    ("mi_dia", "profesional", "/equipo/"),
    ("bandeja", "enlace.salud", "/equipo/bandeja/"),
    ("bandeja_resueltas", "enlace.salud", "/equipo/bandeja/?estado=resuelta&pagina=50"),
    ("derivaciones", "profesional", "/equipo/derivaciones/"),
    ("derivaciones_vencidas", "profesional", "/equipo/derivaciones/?vencidas=on"),
    ("derivaciones_externas", "profesional", "/equipo/derivaciones/?externas=on"),
    ("derivacion_detalle_enlace", "enlace.salud", _una_derivacion_de_salud),
    ("derivacion_detalle_equipo", "profesional", _una_derivacion_de_salud),
    ("derivacion_imprimir", "profesional", lambda: _una_derivacion_de_salud() + "imprimir/"),
    ("derecho_solicitud", "encargada", _solicitud_de_derecho("")),
    ("derecho_datos_imprimir", "encargada", _solicitud_de_derecho("datos/")),
]
