"""seed_demo's COPY path for PostgreSQL at national scale (issue 16), checked on a small size."""

from collections import Counter

import pytest
from django.core.management import CommandError, call_command
from django.db import connection, transaction
from django.db.models import Count
from django.test import override_settings
from django.utils import timezone

from atenciones import resumenes
from atenciones.busqueda import texto_busqueda
from atenciones.choices import EstadoDerivacion, ResultadoDerivacion, TipoDocumento
from atenciones.demo_copia import FlujoFilas, valor_copy
from atenciones.identidad import claves_persona
from atenciones.models import (
    Atencion,
    AtencionTema,
    Caso,
    Derivacion,
    DocumentoIdentidad,
    EventoDerivacion,
    Hogar,
    Persona,
    ResumenAtencionDia,
    ResumenTemaDia,
)
from tests.factories import PersonaFactory

pytestmark = pytest.mark.django_db
solo_postgresql = pytest.mark.skipif(connection.vendor != "postgresql", reason="COPY is PostgreSQL's")

PERSONAS, ATENCIONES = 3000, 15000
TABLAS = [
    Persona,
    Hogar,
    DocumentoIdentidad,
    Atencion,
    AtencionTema,
    Caso,
    Derivacion,
    EventoDerivacion,
]


def _conteos():
    return {m.__name__: m.objects.count() for m in TABLAS}


def _indices_y_restricciones():
    nombres = [m._meta.db_table for m in TABLAS]
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexname FROM pg_indexes WHERE tablename = ANY(%s)", [nombres])
        indices = {f[0] for f in cursor.fetchall()}
        cursor.execute(
            "SELECT conname, convalidated FROM pg_constraint WHERE conrelid::regclass::text = ANY(%s)",
            [nombres],
        )
        restricciones = dict(cursor.fetchall())
    return indices, restricciones


def _resumenes():
    return (
        sorted(ResumenAtencionDia.objects.values_list("dia", "canal", "atenciones")),
        sorted(ResumenTemaDia.objects.values_list("dia", "tema", "atenciones")),
    )


@pytest.fixture(scope="module")
def sembrada(django_db_setup, django_db_blocker):
    """One seed for the module (about 10 s), in a transaction rolled back at the end."""
    if connection.vendor != "postgresql":
        yield None
        return
    with django_db_blocker.unblock(), override_settings(DEBUG=True):
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            antes = _indices_y_restricciones()
            call_command("seed_demo", personas=PERSONAS, atenciones=ATENCIONES, metodo="copy", verbosity=0)
            yield antes
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@solo_postgresql
def test_copy_seed_gives_exactly_the_requested_counts_and_a_second_run_adds_nothing(sembrada):
    conteos = _conteos()
    assert conteos["Persona"] == PERSONAS
    assert conteos["Atencion"] == ATENCIONES
    assert conteos["Caso"] == PERSONAS // 8
    assert conteos["Derivacion"] == ATENCIONES // 15
    # About 1.3 topics per attention, every attention with at least one.
    assert 1.2 < conteos["AtencionTema"] / ATENCIONES < 1.4
    assert not Atencion.objects.filter(temas__isnull=True).exists()
    with override_settings(DEBUG=True):
        call_command("seed_demo", personas=PERSONAS, atenciones=ATENCIONES, metodo="copy", verbosity=0)
    assert _conteos() == conteos


@solo_postgresql
def test_copy_seed_keeps_every_index_and_constraint_valid(sembrada):
    indices_antes, restricciones_antes = sembrada
    indices, restricciones = _indices_y_restricciones()
    assert indices == indices_antes
    assert restricciones.keys() == restricciones_antes.keys()
    assert all(restricciones.values())
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_index WHERE NOT indisvalid OR NOT indisready")
        assert cursor.fetchone()[0] == 0
    # The identity sequences were moved past the copied ids: the ORM still inserts.
    assert PersonaFactory().pk > PERSONAS


@solo_postgresql
def test_copy_seed_has_referrals_in_every_state_with_outcomes_and_history(sembrada):
    assert set(Derivacion.objects.values_list("estado", flat=True)) == set(EstadoDerivacion.values)
    resultados = set(
        Derivacion.objects.filter(estado=EstadoDerivacion.RESUELTA).values_list("resultado", flat=True)
    )
    assert resultados == {
        ResultadoDerivacion.ATENDIDA_RESUELTA,
        ResultadoDerivacion.ATENDIDA_PENDIENTE,
        ResultadoDerivacion.NO_SE_PRESENTO,
        ResultadoDerivacion.NO_ELEGIBLE,
        ResultadoDerivacion.OTRO,
    }
    assert not Derivacion.objects.exclude(estado=EstadoDerivacion.RESUELTA).exclude(resultado="").exists()
    for derivacion in Derivacion.objects.prefetch_related("eventos").order_by("pk")[:200]:
        eventos = list(derivacion.eventos.all())
        assert eventos[0].estado_nuevo == EstadoDerivacion.ENVIADA
        assert eventos[-1].estado_nuevo == derivacion.estado
        assert derivacion.codigo == f"D-{timezone.localtime(derivacion.fecha_envio).year}-{derivacion.pk:06d}"


@solo_postgresql
def test_copy_seed_persons_have_right_search_keys_documents_and_households(sembrada):
    personas = list(Persona.objects.prefetch_related("documentos"))
    for persona in personas:
        assert persona.claves == claves_persona(persona), persona.pk
        # The search text is what Persona.clean writes: past documents too, newest first.
        esperado = texto_busqueda(persona)
        anteriores = [
            d.numero.lower() for d in persona.documentos.all() if d.numero != persona.documento_numero
        ]
        if anteriores:
            esperado = f"{esperado} {' '.join(anteriores)}"[:500]
        assert persona.busqueda == esperado, persona.pk
        vigentes = [d for d in persona.documentos.all() if d.vigente]
        if persona.tipo_documento == TipoDocumento.NINGUNO:
            assert not vigentes
        else:
            assert [(d.tipo, d.numero) for d in vigentes] == [
                (persona.tipo_documento, persona.documento_numero)
            ]
    # Documents are unique per (type, number, country); some persons hold several.
    documentos = list(DocumentoIdentidad.objects.values_list("tipo", "numero", "pais_emisor"))
    assert len(documentos) == len(set(documentos))
    por_persona = Counter(DocumentoIdentidad.objects.values_list("persona_id", flat=True))
    assert max(por_persona.values()) == 3
    # Households with members, children with their tutor; one near-duplicate in 20 (no document).
    assert Hogar.objects.annotate(n=Count("miembros")).filter(n__gte=2).count() == Hogar.objects.count() > 100
    assert Persona.objects.filter(tutor__isnull=False, nna=True).count() > 100
    # Near-duplicates: no document, no household, the birth date of an earlier person.
    casi = Persona.objects.filter(
        sin_documentos=True,
        tipo_documento=TipoDocumento.NINGUNO,
        hogar=None,
        consentimiento_registrado_por=None,
    )
    assert casi.count() == PERSONAS // 20
    for copia in casi[:50]:
        assert Persona.objects.filter(fecha_nacimiento=copia.fecha_nacimiento, pk__lt=copia.pk).exists()


@solo_postgresql
def test_copy_seed_spreads_attentions_over_years_with_one_professional_holding_a_third(sembrada):
    por_profesional = Counter(Atencion.objects.values_list("profesional__username", flat=True))
    assert 0.3 < por_profesional["profesional"] / ATENCIONES < 0.37
    anios = set(Atencion.objects.dates("fecha_hora", "year"))
    assert len(anios) >= 5
    assert not Atencion.objects.filter(fecha_hora__gt=timezone.now()).exists()


@solo_postgresql
def test_copy_seed_summary_tables_equal_a_rebuild(sembrada):
    cargados = _resumenes()
    assert sum(n for *_, n in cargados[0]) == ATENCIONES
    resumenes.reconstruir()
    assert _resumenes() == cargados


def test_copy_method_is_refused_on_sqlite(settings):
    settings.DEBUG = True
    if connection.vendor == "postgresql":
        pytest.skip("SQLite only")
    with pytest.raises(CommandError, match="PostgreSQL"):
        call_command("seed_demo", personas=5, atenciones=5, metodo="copy", verbosity=0)
    assert not Persona.objects.exists()


def test_copy_values_are_escaped_and_streamed_in_pieces():
    assert valor_copy("a\tb\\c\nd") == "a\\tb\\\\c\\nd"
    assert valor_copy(None) == "\\N"
    assert valor_copy(True) == "t"
    assert valor_copy(["es", "ht"]) == '["es", "ht"]'
    flujo = FlujoFilas(f"{i}\n" for i in range(1000))
    piezas = []
    while pieza := flujo.read(100):
        assert len(pieza) <= 100
        piezas.append(pieza)
    assert "".join(piezas) == "".join(f"{i}\n" for i in range(1000))
