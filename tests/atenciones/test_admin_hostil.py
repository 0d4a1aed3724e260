"""Hostile input in the admin: out-of-range date drill-downs and huge searches never give a 500,
and the fastest-growing tables (access log, change history) are counted like the other lists."""

import pytest
from django.contrib import admin
from django.test import Client

from atenciones.admin._seguro import MAX_CARACTERES, MAX_PALABRAS, acotar_busqueda
from tests.factories import AtencionFactory, DerivacionFactory, PersonaFactory

pytestmark = pytest.mark.django_db


def _listas_con_fechas():
    return [
        (f"/admin/{m._meta.app_label}/{m._meta.model_name}/", ma.date_hierarchy)
        for m, ma in admin.site._registry.items()
        if ma.date_hierarchy
    ]


@pytest.mark.parametrize(
    "consulta",
    [
        "{campo}__year=99999999999999999999",
        "{campo}__year=9999&{campo}__month=12",
        "{campo}__year=9999&{campo}__month=12&{campo}__day=31",
        "{campo}__year=2026&{campo}__month=99999999999999999999",
        "{campo}__year=-5",
        "{campo}__year=0",
    ],
)
def test_date_drill_down_out_of_range_is_ignored_on_every_admin_list(consulta):
    cliente = Client(raise_request_exception=False)
    cliente.force_login(_superusuario())
    DerivacionFactory()
    listas = _listas_con_fechas()
    assert len(listas) >= 8
    for ruta, campo in listas:
        respuesta = cliente.get(ruta + "?" + consulta.format(campo=campo))
        assert respuesta.status_code in (200, 302, 400), (ruta, respuesta.status_code)


def _superusuario():
    from tests.factories import UserFactory

    return UserFactory(username="raiz", is_staff=True, is_superuser=True)


def test_admin_search_keeps_at_most_ten_words_and_two_hundred_characters():
    assert acotar_busqueda("una dos tres") == "una dos tres"
    assert acotar_busqueda(" ".join(f"p{n}" for n in range(1000))) == " ".join(f"p{n}" for n in range(10))
    assert len(acotar_busqueda("x" * 5000)) == MAX_CARACTERES
    assert MAX_PALABRAS == 10


def test_a_thousand_word_search_answers_quickly_on_every_list_with_a_search_box(
    encargada, django_assert_max_num_queries
):
    cliente = Client(raise_request_exception=False)
    cliente.force_login(_superusuario())
    AtencionFactory(persona=PersonaFactory(nombres="Rosángela", apellidos="Díaz"))
    mil = " ".join(f"palabra{n}" for n in range(1000))
    for modelo, model_admin in admin.site._registry.items():
        if not model_admin.search_fields:
            continue
        ruta = f"/admin/{modelo._meta.app_label}/{modelo._meta.model_name}/"
        with django_assert_max_num_queries(40):
            respuesta = cliente.get(ruta, {"q": mil})
        assert respuesta.status_code == 200, ruta
        # What was searched: the first ten words only.
        assert respuesta.context["cl"].query == " ".join(f"palabra{n}" for n in range(10))


def test_autocomplete_term_is_limited_too(encargada):
    cliente = Client()
    cliente.force_login(encargada)
    persona = PersonaFactory(nombres="Rosángela", apellidos="Díaz")
    respuesta = cliente.get(
        "/admin/autocomplete/",
        {
            "term": "rosangela " + "x " * 2000,
            "app_label": "atenciones",
            "model_name": "atencion",
            "field_name": "persona",
        },
    )
    assert respuesta.status_code == 200
    assert respuesta.json()["results"] == []  # the 1,000th word is not searched, nor the 20th
    assert persona.pk


@pytest.mark.parametrize("ruta", ["/admin/atenciones/registroacceso/", "/admin/auditlog/logentry/"])
def test_audit_lists_never_count_the_whole_table(encargada, ruta):
    from atenciones.admin.listas import ListaRapida, PaginadorRapido

    cliente = Client()
    cliente.force_login(encargada)
    respuesta = cliente.get(ruta)
    assert respuesta.status_code == 200
    assert isinstance(respuesta.context["cl"], ListaRapida)
    assert isinstance(respuesta.context["cl"].paginator, PaginadorRapido)


def test_benchmark_covers_the_access_log_and_the_change_history():
    from atenciones.benchmark import PAGINAS

    nombres = {nombre for nombre, *_ in PAGINAS}
    assert {"admin_registro_accesos", "admin_historial_cambios"} <= nombres
