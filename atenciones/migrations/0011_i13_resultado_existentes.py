"""Existing resolved referrals were resolved with free text only: record them as "attended and resolved"."""

from django.db import migrations
from django.db.models.functions import TruncDate
from django.utils import timezone


def a_atendida_resuelta(apps, schema_editor):
    Derivacion = apps.get_model("atenciones", "Derivacion")
    Derivacion.objects.filter(estado="resuelta", resultado="").update(
        resultado="atendida_resuelta",
        fecha_atendida=TruncDate("fecha_cierre", tzinfo=timezone.get_default_timezone()),
    )


def deshacer(apps, schema_editor):
    # Going back drops the columns; nothing to undo row by row.
    pass


class Migration(migrations.Migration):
    dependencies = [("atenciones", "0010_i13_resultados_enlaces_tareas")]

    operations = [migrations.RunPython(a_atendida_resuelta, deshacer)]
