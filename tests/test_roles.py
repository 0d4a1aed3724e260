"""Role groups survive a test database flush (transactional and browser tests empty every table)."""

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command

from oficina import roles


@pytest.mark.django_db(transaction=True)
def test_role_groups_come_back_after_a_flush():
    call_command("flush", interactive=False, verbosity=0)
    grupos = {g.name: g for g in Group.objects.prefetch_related("permissions")}
    assert set(grupos) >= {roles.ENCARGADA, roles.PROFESIONAL, roles.ENLACE}
    enlace = {f"{p.content_type.app_label}.{p.codename}" for p in grupos[roles.ENLACE].permissions.all()}
    assert enlace == set(roles.PERMISOS[roles.ENLACE])
