import pytest
from django.http import Http404

from atenciones.acceso import derivacion_para, derivaciones_visibles, persona_para
from tests.factories import DerivacionFactory, PersonaFactory

pytestmark = pytest.mark.django_db


def test_liaison_cannot_see_other_departments_referral(enlace_salud, enlace_educacion, salud):
    derivacion = DerivacionFactory(departamento=salud)
    assert derivacion_para(enlace_salud, derivacion.pk) == derivacion
    with pytest.raises(Http404):
        derivacion_para(enlace_educacion, derivacion.pk)
    assert list(derivaciones_visibles(enlace_educacion)) == []


def test_liaison_and_outsider_get_404_on_persons(enlace_salud, extrano, profesional):
    persona = PersonaFactory()
    assert persona_para(profesional, persona.pk) == persona
    for usuario in (enlace_salud, extrano):
        with pytest.raises(Http404):
            persona_para(usuario, persona.pk)


def test_office_staff_see_every_referral(profesional, encargada, salud, educacion):
    DerivacionFactory(departamento=salud)
    DerivacionFactory(departamento=educacion)
    assert derivaciones_visibles(profesional).count() == 2
    assert derivaciones_visibles(encargada).count() == 2
