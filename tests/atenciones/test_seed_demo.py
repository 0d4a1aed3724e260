import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from atenciones.choices import EstadoDerivacion
from atenciones.models import Atencion, AtencionTema, Caso, Derivacion, EventoDerivacion, Hogar, Persona
from oficina.models import Departamento, Organizacion, PaginaInformativa

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _debug(settings):
    # seed_demo runs on the embedded default (DEBUG on); pytest-django turns DEBUG off.
    settings.DEBUG = True


MODELOS = [
    Persona,
    Hogar,
    Atencion,
    AtencionTema,
    Caso,
    Derivacion,
    EventoDerivacion,
    Departamento,
    Organizacion,
    PaginaInformativa,
    get_user_model(),
]


def _conteos():
    return {m.__name__: m.objects.count() for m in MODELOS}


def test_seed_demo_twice_changes_nothing(capsys):
    call_command("seed_demo", personas=60, atenciones=200)
    primero = _conteos()
    assert primero["Persona"] == 60 and primero["Atencion"] == 200
    call_command("seed_demo", personas=60, atenciones=200)
    assert _conteos() == primero
    salida = capsys.readouterr().out
    for usuario in ("encargada", "profesional", "enlace.salud", "enlace.educacion"):
        assert usuario in salida


def test_seed_demo_creates_referrals_in_every_state_with_their_history():
    call_command("seed_demo", personas=60, atenciones=1500, verbosity=0)
    estados = set(Derivacion.objects.values_list("estado", flat=True))
    assert estados == set(EstadoDerivacion.values)
    for derivacion in Derivacion.objects.prefetch_related("eventos")[:40]:
        eventos = list(derivacion.eventos.all())
        assert eventos[0].estado_nuevo == EstadoDerivacion.ENVIADA
        assert eventos[-1].estado_nuevo == derivacion.estado
        assert derivacion.codigo.startswith("D-")


def test_seed_demo_tops_up_to_a_larger_size():
    call_command("seed_demo", personas=30, atenciones=50, verbosity=0)
    call_command("seed_demo", personas=45, atenciones=80, verbosity=0)
    assert Persona.objects.count() == 45
    assert Atencion.objects.count() == 80


def test_demo_users_can_sign_in(client, settings):
    call_command("seed_demo", personas=5, atenciones=5, verbosity=0)
    assert client.login(username="enlace.salud", password=settings.DEMO_PASSWORD)


def test_seed_demo_refuses_to_run_without_debug(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("seed_demo", personas=5, atenciones=5)
    assert not Persona.objects.exists()
