"""Typo-tolerant search, duplicate warning at registration, the background review queue."""

import datetime

import pytest
from django.urls import reverse

from atenciones.choices import TipoDocumento
from atenciones.models import ParDuplicado, Persona
from atenciones.selectors.duplicados import resultados_busqueda
from atenciones.services.duplicados import recalcular_pares
from atenciones.services.personas import actualizar_persona, registrar_persona
from tests.factories import PersonaFactory, UserFactory

pytestmark = pytest.mark.django_db

URL = reverse("equipo:personas")
NUEVA = reverse("equipo:persona_nueva")
COLA = reverse("equipo:duplicados")


@pytest.mark.parametrize(
    ("registrada", "consulta"),
    [
        (("Jean Baptiste", "Pierre"), "jean batiste"),  # French silent p
        (("Rosángela", "Díaz Pérez"), "rosanjela diaz"),  # g/j, accents, missing surname
        (("Yusmary", "Peña González"), "yusmari pena gonzales"),  # y/i, ñ, z/s
        (("Wilfredo", "Quispe Mamani"), "quispe wilfredo"),  # word order (an exact match too)
        (("Milagros", "Flores Huamán"), "milagos flores"),  # a letter missing
        (("Stephanie", "Charles"), "stefani charles"),  # ph/f
    ],
)
def test_misspelled_search_finds_the_person_on_the_first_page(client, profesional, registrada, consulta):
    persona = PersonaFactory(nombres=registrada[0], apellidos=registrada[1])
    PersonaFactory.create_batch(3, apellidos="Zapata Ospina")
    client.force_login(profesional)
    respuesta = client.get(URL, {"q": consulta})
    assert persona.pk in [p.pk for p in respuesta.context["pagina"]]


def test_exact_matches_rank_before_sound_alikes(client, profesional):
    parecida = PersonaFactory(nombres="Yusmari", apellidos="Peña")
    exacta = PersonaFactory(nombres="Yusmary", apellidos="Peña")
    client.force_login(profesional)
    respuesta = client.get(URL, {"q": "yusmary pena"})
    assert [p.pk for p in respuesta.context["pagina"]] == [exacta.pk, parecida.pk]


def test_sound_alike_matches_closest_first():
    lejana = PersonaFactory(nombres="Yusneidy", apellidos="Peña González")  # one word far off
    larga = PersonaFactory(nombres="Yusmary", apellidos="Peña González Rivas")  # a word more
    desordenada = PersonaFactory(nombres="Yusmary", apellidos="González Peña")  # another order
    cercana = PersonaFactory(nombres="Yusmary", apellidos="Peña González")
    PersonaFactory(nombres="Yusneidy", apellidos="Zapata Ospina")  # not a match
    assert [p.pk for p in resultados_busqueda("yusmari pena gonzales")[0]] == [
        cercana.pk,
        desordenada.pk,
        larga.pk,
    ]
    # A word beyond recognition is tolerated (three words or more) when nobody answers every word.
    Persona.objects.filter(pk__in=[cercana.pk, desordenada.pk, larga.pk]).delete()
    assert [p.pk for p in resultados_busqueda("yusmari pena gonzales")[0]] == [lejana.pk]


def test_search_query_count_with_sound_alike_matches(client, profesional, django_assert_max_num_queries):
    PersonaFactory.create_batch(25, nombres="Yusmari", apellidos="Peña González")
    client.force_login(profesional)
    # 8 per request + count, exact page, sound-alike candidates, last attentions + access log.
    with django_assert_max_num_queries(13):
        respuesta = client.get(URL, {"q": "yusmary pena"})
    assert respuesta.context["pagina"].paginator.count == 25


def test_misspelled_near_copy_with_the_same_birth_date_is_warned(client, profesional):
    existente = PersonaFactory(
        nombres="Yusmary",
        apellidos="Peña González",
        fecha_nacimiento=datetime.date(1990, 5, 4),
        sexo="mujer",
        tipo_documento=TipoDocumento.NINGUNO,
        documento_numero="",
    )
    client.force_login(profesional)
    respuesta = client.post(
        NUEVA,
        {
            "nombres": "Yusmari",
            "apellidos": "Pena Gonzalez",
            "fecha_nacimiento": "1990-05-04",
            "sexo": "mujer",
            "genero": "no_informa",
            "tipo_documento": "ninguno",
            "comuna": "Valparaíso",
            "situacion_migratoria": "no_informa",
            "consentimiento": "on",
        },
    )
    html = respuesta.content.decode()
    assert "Nombre parecido y misma fecha de nacimiento" in html
    assert reverse("equipo:persona", args=[existente.pk]) in html
    assert Persona.objects.count() == 1


def test_a_past_document_is_found_by_the_duplicate_check(client, profesional):
    persona = registrar_persona(
        creado_por=profesional,
        nombres="Marie",
        apellidos="Joseph",
        tipo_documento="pasaporte",
        documento_numero="HT555666",
    )
    actualizar_persona(persona=persona, usuario=profesional, tipo_documento="fonasa", documento_numero="F998")
    client.force_login(profesional)
    html = client.post(
        NUEVA,
        {
            "nombres": "Mari",
            "apellidos": "Josef",
            "tipo_documento": "pasaporte",
            "documento_numero": "ht-555666",
            "sexo": "no_informa",
            "genero": "no_informa",
            "comuna": "Valparaíso",
            "situacion_migratoria": "no_informa",
            "consentimiento": "on",
        },
    ).content.decode()
    assert "Mismo número de documento" in html


def test_registering_queues_the_pair_in_the_background_after_commit(
    profesional, django_capture_on_commit_callbacks
):
    original = PersonaFactory(
        nombres="Rosángela", apellidos="Díaz Pérez", fecha_nacimiento=datetime.date(1988, 2, 1), sexo="mujer"
    )
    with django_capture_on_commit_callbacks(execute=True):
        copia = registrar_persona(
            creado_por=profesional,
            nombres="Rosanjela",
            apellidos="Diaz",
            fecha_nacimiento=datetime.date(1988, 2, 1),
            sexo="mujer",
        )
    par = ParDuplicado.objects.get()
    assert (par.persona_a_id, par.persona_b_id) == (original.pk, copia.pk)
    assert par.probabilidad == 90
    assert "fecha_nacimiento" in par.evidencia


def test_siblings_and_namesakes_with_another_birth_date_are_not_queued():
    PersonaFactory(
        nombres="María",
        apellidos="Peña González",
        fecha_nacimiento=datetime.date(1990, 1, 1),
        telefono="+56911112222",
    )
    hermano = PersonaFactory(
        nombres="José",
        apellidos="Peña González",
        fecha_nacimiento=datetime.date(1993, 6, 9),
        telefono="+56911112222",
    )
    homonima = PersonaFactory(
        nombres="María", apellidos="Peña González", fecha_nacimiento=datetime.date(1971, 8, 20)
    )
    assert recalcular_pares(hermano.pk) == 0
    assert recalcular_pares(homonima.pk) == 0
    assert not ParDuplicado.objects.exists()


def _par():
    a = PersonaFactory(
        nombres="Yusmary", apellidos="Peña", fecha_nacimiento=datetime.date(1990, 1, 1), sexo="mujer"
    )
    b = PersonaFactory(
        nombres="Yusmari", apellidos="Pena", fecha_nacimiento=datetime.date(1990, 1, 1), sexo="mujer"
    )
    recalcular_pares(b.pk)
    return ParDuplicado.objects.get(), a, b


def test_office_head_sees_pairs_with_likelihood_and_evidence(
    client, encargada, django_assert_max_num_queries
):
    par, a, b = _par()
    for i in range(25):
        x = PersonaFactory(nombres=f"Nombre{i}", apellidos="Uno")
        y = PersonaFactory(nombres=f"Nombre{i}", apellidos="Uno")
        ParDuplicado.objects.create(persona_a=x, persona_b=y, probabilidad=60, evidencia=["nombre"])
    client.force_login(encargada)
    # 8 per request + count, page of pairs with both persons (one join).
    with django_assert_max_num_queries(10):
        html = client.get(COLA).content.decode()
    assert "Muy probable (90 %)" in html
    assert "fecha de nacimiento" in html
    assert reverse("equipo:persona", args=[a.pk]) in html and reverse("equipo:persona", args=[b.pk]) in html


def test_not_the_same_person_is_remembered_and_not_proposed_again(client, encargada):
    par, a, b = _par()
    client.force_login(encargada)
    respuesta = client.post(reverse("equipo:duplicado_distintas", args=[par.pk]))
    assert respuesta.status_code == 302
    par.refresh_from_db()
    assert par.estado == ParDuplicado.Estado.DISTINTAS
    assert par.revisado_por == encargada
    recalcular_pares(a.pk)
    recalcular_pares(b.pk)
    par.refresh_from_db()
    assert par.estado == ParDuplicado.Estado.DISTINTAS
    assert "Yusmari" not in client.get(COLA).content.decode()


def test_professionals_do_not_see_the_review_page_unless_granted(client, profesional):
    client.force_login(profesional)
    assert client.get(COLA).status_code == 404
    from django.contrib.auth.models import Permission

    otro = UserFactory(grupo="Profesional de oficina")
    otro.user_permissions.add(Permission.objects.get(codename="fusionar_personas"))
    client.force_login(otro)
    assert client.get(COLA).status_code == 200


def test_a_passport_number_is_no_name_word_in_the_sound_alike_order():
    # Both answer "wilnerr dorvil"; the one without a third name word first, whatever her
    # passport (letters and digits, part of the search text) spells.
    con_pasaporte = PersonaFactory(
        nombres="Wilner",
        apellidos="Dorvil",
        tipo_documento=TipoDocumento.PASAPORTE,
        documento_numero="ZZ1234567",
    )
    tres_palabras = PersonaFactory(nombres="Wilner", apellidos="Dorvil Pierre")
    assert [p.pk for p in resultados_busqueda("wilnerr dorvil")[0]] == [con_pasaporte.pk, tres_palabras.pk]
