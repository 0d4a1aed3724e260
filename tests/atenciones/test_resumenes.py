"""The indicators' summary tables always give exactly the figures of the raw rows (issue 16)."""

import datetime
import random

import pytest
from django.core.management import call_command
from django.utils import timezone

from atenciones.choices import Canal, Sexo
from atenciones.indicadores import Periodo, calcular
from atenciones.models import Atencion, AtencionTema, ResumenAtencionDia, ResumenTemaDia
from atenciones.services.atenciones import registrar_atencion
from atenciones.services.privacidad import anonimizar_persona
from oficina.choices import Tema
from tests.factories import PersonaFactory

pytestmark = pytest.mark.django_db

CLAVES = ["personas", "por_mes", "por_tema", "por_canal", "por_nacionalidad", "por_sexo", "por_edad"]
HOY = datetime.date(2026, 6, 15)


def _instante(dia: datetime.date, hora: int) -> datetime.datetime:
    # Near midnight too: the local day, not the UTC one, is what counts.
    return datetime.datetime.combine(dia, datetime.time(hora, 30), tzinfo=timezone.get_default_timezone())


def _igual_que_crudo(azar: random.Random, periodos: int = 6) -> None:
    for _ in range(periodos):
        desde = datetime.date(2024, 10, 1) + datetime.timedelta(days=azar.randrange(0, 560))
        hasta = desde + datetime.timedelta(days=azar.choice([0, 3, 27, 45, 90, 200, 400]))
        p = Periodo(desde, hasta)
        resumido, crudo = calcular(p), calcular(p, crudo=True)
        for clave in CLAVES:
            assert resumido[clave] == crudo[clave], (p, clave)


@pytest.mark.parametrize("semilla", [1, 2])
def test_indicators_from_summaries_equal_the_raw_ones_after_random_writes(semilla, profesional, encargada):
    azar = random.Random(semilla)
    personas = [
        PersonaFactory(
            nacionalidad=azar.choice(["VE", "HT", "PE", "CO", ""]), sexo=azar.choice([*Sexo.values, ""])
        )
        for _ in range(12)
    ]
    atenciones = []
    for _ in range(70):
        dia = datetime.date(2024, 9, 1) + datetime.timedelta(days=azar.randrange(0, 640))
        atenciones.append(
            registrar_atencion(
                persona=azar.choice(personas),
                profesional=profesional,
                temas=azar.sample(Tema.values, azar.choice([1, 1, 2, 3])),
                canal=azar.choice(Canal.values),
                fecha_hora=_instante(dia, azar.choice([0, 9, 23])),
            )
        )
    _igual_que_crudo(azar)

    # Edits as the admin makes them: another day, channel or person; topics added and removed.
    for atencion in azar.sample(atenciones, 20):
        atencion.fecha_hora = _instante(
            datetime.date(2024, 9, 1) + datetime.timedelta(days=azar.randrange(0, 640)),
            azar.choice([0, 12, 23]),
        )
        atencion.canal = azar.choice(Canal.values)
        atencion.persona = azar.choice(personas)
        atencion.save()
        tema = azar.choice(Tema.values)
        if not atencion.temas.filter(tema=tema).exists():
            AtencionTema.objects.create(atencion=atencion, tema=tema)
        if atencion.temas.count() > 1:
            atencion.temas.order_by("?").first().delete()
    _igual_que_crudo(azar)

    # Erasure keeps what indicators count; deleted attentions (admin) leave them.
    anonimizar_persona(persona=personas[0], usuario=encargada)
    for atencion in atenciones[:6]:
        atencion.delete()
    _igual_que_crudo(azar)

    # The rebuild gives the same rows the services maintained.
    antes = sorted(
        ResumenAtencionDia.objects.filter(atenciones__gt=0).values_list("dia", "canal", "atenciones")
    )
    temas = sorted(ResumenTemaDia.objects.filter(atenciones__gt=0).values_list("dia", "tema", "atenciones"))
    call_command("reconstruir_resumenes", verbosity=0)
    assert sorted(ResumenAtencionDia.objects.values_list("dia", "canal", "atenciones")) == antes
    assert sorted(ResumenTemaDia.objects.values_list("dia", "tema", "atenciones")) == temas
    _igual_que_crudo(azar)


def test_moving_attentions_to_another_person_keeps_the_figures_exact(profesional):
    # A merge of two persons moves attentions with QuerySet.update (no signals).
    ana, ana_bis = PersonaFactory(), PersonaFactory()
    for persona, dia in ((ana, datetime.date(2025, 3, 10)), (ana_bis, datetime.date(2025, 3, 2))):
        registrar_atencion(
            persona=persona,
            profesional=profesional,
            temas=[Tema.SALUD],
            canal=Canal.PRESENCIAL,
            fecha_hora=_instante(dia, 10),
        )
    Atencion.objects.filter(persona=ana_bis).update(persona=ana)
    p = Periodo(datetime.date(2025, 1, 1), datetime.date(2025, 12, 31))
    resumido, crudo = calcular(p), calcular(p, crudo=True)
    assert resumido["personas"] == {"atenciones": 2, "personas": 1, "nuevas": 1, "recurrentes": 0}
    for clave in CLAVES:
        assert resumido[clave] == crudo[clave]


def test_an_attention_just_before_local_midnight_counts_on_its_local_day(profesional):
    persona = PersonaFactory()
    registrar_atencion(
        persona=persona,
        profesional=profesional,
        temas=[Tema.SALUD],
        canal=Canal.TELEFONO,
        fecha_hora=_instante(datetime.date(2025, 4, 30), 23),
    )
    assert list(ResumenAtencionDia.objects.values_list("dia", "canal", "atenciones")) == [
        (datetime.date(2025, 4, 30), Canal.TELEFONO.value, 1)
    ]
    assert (
        calcular(Periodo(datetime.date(2025, 5, 1), datetime.date(2025, 5, 31)))["personas"]["atenciones"]
        == 0
    )
