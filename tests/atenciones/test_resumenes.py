"""The indicators' summary tables always give exactly the figures of the raw rows (issue 16)."""

import datetime
import random

import pytest
from django.core.management import call_command
from django.utils import timezone

from atenciones import resumenes
from atenciones.choices import Canal, Sexo
from atenciones.indicadores import Periodo, calcular
from atenciones.models import (
    Atencion,
    AtencionTema,
    Persona,
    ResumenAtencionDia,
    ResumenDimensionMes,
    ResumenPersonaDia,
    ResumenTemaDia,
)
from atenciones.services.atenciones import registrar_atencion
from atenciones.services.fusion import fusionar_personas
from atenciones.services.privacidad import anonimizar_persona
from oficina.choices import Tema
from tests.factories import PersonaFactory

pytestmark = pytest.mark.django_db

CLAVES = ["personas", "por_mes", "por_tema", "por_canal", "por_nacionalidad", "por_sexo", "por_edad"]
HOY = datetime.date(2026, 6, 15)


def _instante(dia: datetime.date, hora: int) -> datetime.datetime:
    # Near midnight too: the local day, not the UTC one, is what counts.
    return datetime.datetime.combine(dia, datetime.time(hora, 30), tzinfo=timezone.get_default_timezone())


def _periodo_al_azar(azar: random.Random) -> Periodo:
    """A month, a quarter, a year or a custom range (crossing month edges, or inside one month)."""
    inicio = datetime.date(2024, 8, 1) + datetime.timedelta(days=azar.randrange(0, 700))
    tipo = azar.choice(["mes", "trimestre", "anio", "libre", "libre", "libre"])
    if tipo == "mes":
        desde = inicio.replace(day=1)
        return Periodo(
            desde, (desde + datetime.timedelta(days=32)).replace(day=1) - datetime.timedelta(days=1)
        )
    if tipo == "trimestre":
        desde = inicio.replace(month=(inicio.month - 1) // 3 * 3 + 1, day=1)
        fin = (desde + datetime.timedelta(days=95)).replace(day=1)
        return Periodo(desde, fin - datetime.timedelta(days=1))
    if tipo == "anio":
        return Periodo(datetime.date(inicio.year, 1, 1), datetime.date(inicio.year, 12, 31))
    return Periodo(inicio, inicio + datetime.timedelta(days=azar.choice([0, 3, 20, 27, 45, 90, 200, 400])))


def _igual_que_crudo(azar: random.Random, periodos: int = 8) -> None:
    for _ in range(periodos):
        p = _periodo_al_azar(azar)
        resumido, crudo = calcular(p), calcular(p, crudo=True)
        for clave in CLAVES:
            assert resumido[clave] == crudo[clave], (p, clave)


def _filas(modelo, *campos):
    return sorted(modelo.objects.values_list(*campos))


def _reconstruir_da_lo_mismo() -> None:
    """The rebuild gives the same rows the services maintained (rows at zero aside)."""
    atencion_dia = sorted(
        ResumenAtencionDia.objects.filter(atenciones__gt=0).values_list("dia", "canal", "atenciones")
    )
    tema_dia = sorted(
        ResumenTemaDia.objects.filter(atenciones__gt=0).values_list("dia", "tema", "atenciones")
    )
    campos_dia = ["persona_id", "dia", "previo", "atenciones", "nacionalidad", "sexo", "fecha_nacimiento"]
    persona_dia = _filas(ResumenPersonaDia, *campos_dia)
    campos_mes = ["mes", "mes_previo", "dimension", "valor", "personas", "atenciones"]
    persona_mes = sorted(
        ResumenDimensionMes.objects.exclude(personas=0, atenciones=0).values_list(*campos_mes)
    )
    call_command("reconstruir_resumenes", verbosity=0)
    assert sorted(ResumenAtencionDia.objects.values_list("dia", "canal", "atenciones")) == atencion_dia
    assert sorted(ResumenTemaDia.objects.values_list("dia", "tema", "atenciones")) == tema_dia
    assert _filas(ResumenPersonaDia, *campos_dia) == persona_dia
    assert _filas(ResumenDimensionMes, *campos_mes) == persona_mes


def _dia_al_azar(azar: random.Random) -> datetime.date:
    return datetime.date(2024, 9, 1) + datetime.timedelta(days=azar.randrange(0, 640))


def _persona_al_azar(azar: random.Random, guardar: bool = True):
    # Birth dates near a group's lower age at the periods' ends (the age groups' hard cases).
    nacimiento = azar.choice(
        [
            None,
            datetime.date(azar.choice([1965, 1966, 1980, 1981, 1995, 1996, 2007, 2008]), 1, 1)
            + datetime.timedelta(days=azar.randrange(0, 365)),
        ]
    )
    return (PersonaFactory if guardar else PersonaFactory.build)(
        nacionalidad=azar.choice(["VE", "HT", "PE", "CO", ""]),
        sexo=azar.choice([*Sexo.values, ""]),
        fecha_nacimiento=nacimiento,
    )


@pytest.mark.parametrize("semilla", [1, 2, 3])
def test_indicators_from_summaries_equal_the_raw_ones_after_random_writes(semilla, profesional, encargada):
    azar = random.Random(semilla)
    personas = [_persona_al_azar(azar) for _ in range(14)]
    atenciones = []
    for _ in range(80):
        atenciones.append(
            registrar_atencion(
                persona=azar.choice(personas),
                profesional=profesional,
                temas=azar.sample(Tema.values, azar.choice([1, 1, 2, 3])),
                canal=azar.choice(Canal.values),
                fecha_hora=_instante(_dia_al_azar(azar), azar.choice([0, 9, 23])),
            )
        )
    _igual_que_crudo(azar)

    # Edits as the admin makes them: another day, channel or person; topics added and removed.
    for atencion in azar.sample(atenciones, 20):
        atencion.fecha_hora = _instante(_dia_al_azar(azar), azar.choice([0, 12, 23]))
        atencion.canal = azar.choice(Canal.values)
        atencion.persona = azar.choice(personas)
        atencion.save()
        tema = azar.choice(Tema.values)
        if not atencion.temas.filter(tema=tema).exists():
            AtencionTema.objects.create(atencion=atencion, tema=tema)
        if atencion.temas.count() > 1:
            atencion.temas.order_by("?").first().delete()
    # A person's nationality, sex or birth date corrected: every period counts them anew.
    for persona in azar.sample(personas, 5):
        persona.nacionalidad = azar.choice(["VE", "HT", "BO", ""])
        persona.sexo = azar.choice([*Sexo.values, ""])
        persona.fecha_nacimiento = azar.choice([None, datetime.date(2008, 3, 1), datetime.date(1981, 11, 30)])
        persona.save()
    _igual_que_crudo(azar)

    # Erasure keeps what indicators count; deleted attentions (admin) leave them.
    anonimizar_persona(persona=personas[0], usuario=encargada)
    for atencion in atenciones[:6]:
        atencion.delete()
    # Merges: the absorbed record's attentions move to the survivor (QuerySet.update inside).
    for superviviente, absorbida in ((personas[1], personas[2]), (personas[3], personas[4])):
        fusionar_personas(
            superviviente=superviviente, absorbida=absorbida, usuario=encargada, elegidos=["nacionalidad"]
        )
    _igual_que_crudo(azar)

    # An import: persons and attentions written with bulk_create, counted by the bulk hook.
    nuevas = Persona.objects.bulk_create([_persona_al_azar(azar, guardar=False) for _ in range(4)])
    en_bloque = Atencion.objects.bulk_create(
        Atencion(
            persona=azar.choice([*nuevas, *personas[5:]]),
            profesional=profesional,
            canal=azar.choice(Canal.values),
            fecha_hora=_instante(_dia_al_azar(azar), azar.choice([0, 12, 23])),
        )
        for _ in range(30)
    )
    AtencionTema.objects.bulk_create(
        AtencionTema(atencion=a, tema=azar.choice(Tema.values)) for a in en_bloque
    )
    resumenes.agregadas_en_bloque([a.pk for a in en_bloque])
    _igual_que_crudo(azar)

    _reconstruir_da_lo_mismo()
    _igual_que_crudo(azar)


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


def _atender(persona, dia: datetime.date, profesional, hora: int = 10):
    return registrar_atencion(
        persona=persona,
        profesional=profesional,
        temas=[Tema.SALUD],
        canal=Canal.PRESENCIAL,
        fecha_hora=_instante(dia, hora),
    )


def _perfil(desde: datetime.date, hasta: datetime.date) -> dict:
    datos = calcular(Periodo(desde, hasta))
    crudo = calcular(Periodo(desde, hasta), crudo=True)
    for clave in CLAVES:
        assert datos[clave] == crudo[clave], clave
    return {
        "personas": datos["personas"],
        "nacionalidad": {f["clave"]: (f["atenciones"], f["personas"]) for f in datos["por_nacionalidad"]},
        "edad": {f["clave"]: (f["atenciones"], f["personas"]) for f in datos["por_edad"] if f["atenciones"]},
    }


def test_persons_new_and_returning_and_age_groups_for_hand_counted_periods(profesional, encargada):
    D = datetime.date
    ana = PersonaFactory(nacionalidad="VE", sexo=Sexo.MUJER, fecha_nacimiento=D(1990, 5, 10))
    jean = PersonaFactory(nacionalidad="HT", sexo=Sexo.HOMBRE, fecha_nacimiento=D(2008, 7, 1))
    luis = PersonaFactory(nacionalidad="PE", sexo=Sexo.HOMBRE, fecha_nacimiento=None)
    for persona, dia in [
        (ana, D(2025, 1, 20)),
        (ana, D(2025, 2, 3)),
        (ana, D(2025, 2, 25)),
        (jean, D(2025, 2, 10)),
        (jean, D(2025, 3, 5)),
        (luis, D(2024, 12, 30)),
        (jean, D(2026, 1, 15)),
        (ana, D(2026, 6, 30)),
    ]:
        _atender(persona, dia, profesional)
    _atender(luis, D(2025, 3, 31), profesional, hora=23)  # 23:30 local: still 31 March

    # February and March (whole months): Ana and Luis came before, Jean is new.
    febrero_marzo = _perfil(D(2025, 2, 1), D(2025, 3, 31))
    assert febrero_marzo["personas"] == {"atenciones": 5, "personas": 3, "nuevas": 1, "recurrentes": 2}
    assert febrero_marzo["nacionalidad"] == {"VE": (2, 1), "HT": (2, 1), "PE": (1, 1)}
    # Ages on 31 March 2025: Ana 34, Jean 16, Luis without a birth date.
    assert febrero_marzo["edad"] == {"30-44": (2, 1), "0-17": (2, 1), "sin_dato": (1, 1)}

    # 10 February to 4 March (two partial months): Ana on the 25th (returning), Jean on the 10th (new).
    assert _perfil(D(2025, 2, 10), D(2025, 3, 4))["personas"] == {
        "atenciones": 2,
        "personas": 2,
        "nuevas": 1,
        "recurrentes": 1,
    }
    # 4 February to 31 March: Ana's 3 February is before it, her 25 February in it.
    assert _perfil(D(2025, 2, 4), D(2025, 3, 31))["personas"] == {
        "atenciones": 4,
        "personas": 3,
        "nuevas": 1,
        "recurrentes": 2,
    }
    # January 2025 on its own day: only Ana, and new (her first attention ever).
    assert _perfil(D(2025, 1, 20), D(2025, 1, 20))["personas"] == {
        "atenciones": 1,
        "personas": 1,
        "nuevas": 1,
        "recurrentes": 0,
    }

    # July 2025 to June 2026: Jean turns 18 on 1 July 2026, so he is still 0-17 on 30 June …
    anio = _perfil(D(2025, 7, 1), D(2026, 6, 30))
    assert anio["personas"] == {"atenciones": 2, "personas": 2, "nuevas": 0, "recurrentes": 2}
    assert anio["edad"] == {"0-17": (1, 1), "30-44": (1, 1)}
    # … and 18-29 on 1 July.
    assert _perfil(D(2025, 7, 1), D(2026, 7, 1))["edad"] == {"18-29": (1, 1), "30-44": (1, 1)}

    # Jean's record merged into Luis's: Luis now came in February and March 2025 (and on 30
    # December 2024), one person fewer, no one new; the survivor keeps Luis's nationality.
    fusionar_personas(superviviente=luis, absorbida=jean, usuario=encargada)
    fusionado = _perfil(D(2025, 2, 1), D(2025, 3, 31))
    assert fusionado["personas"] == {"atenciones": 5, "personas": 2, "nuevas": 0, "recurrentes": 2}
    assert fusionado["nacionalidad"] == {"VE": (2, 1), "PE": (3, 1)}

    # Ana's nationality corrected: every period counts her under the new one.
    ana.nacionalidad = "CO"
    ana.save()
    assert _perfil(D(2025, 2, 1), D(2025, 3, 31))["nacionalidad"] == {"CO": (2, 1), "PE": (3, 1)}
