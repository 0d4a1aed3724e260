"""Fixtures shared by the tests of the published figures (the dossier, the indicators report)."""

import pytest
from django.core.management import call_command

from atenciones.indicadores import Periodo
from oficina.models import PlanTrabajo


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """seed_demo once per module (its tests read the data, never change it); the work plan's period."""
    from django.conf import settings

    with django_db_blocker.unblock():
        settings.DEBUG = True
        call_command("seed_demo", personas=300, atenciones=1500, verbosity=0)
        settings.DEBUG = False
        plan = PlanTrabajo.objects.get()
        yield Periodo(plan.desde, plan.hasta)
        call_command("flush", interactive=False, verbosity=0)
