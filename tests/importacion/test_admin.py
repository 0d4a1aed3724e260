"""The admin of import batches: read-only lists for the office head, constant query counts."""

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext

from atenciones.models import FilaImportacion, LoteImportacion

from .ayudas import importado

pytestmark = pytest.mark.django_db
ADMIN = f"/{settings.ADMIN_URL}atenciones/"


def _importado(usuario, hoja="Atenciones 2023") -> LoteImportacion:
    return importado(usuario, hoja=hoja)


def _consultas(client, url: str) -> int:
    with CaptureQueriesContext(connection) as consultas:
        respuesta = client.get(url)
    assert respuesta.status_code == 200, url
    return len(consultas)


def test_the_batch_list_shows_file_sheet_counts_state_who_and_when(encargada, client):
    lote = _importado(encargada)
    client.force_login(encargada)
    pagina = client.get(f"{ADMIN}loteimportacion/").content.decode()
    assert "planilla_atenciones_muestra.xlsx" in pagina and "Atenciones 2023" in pagina
    assert "Importado" in pagina and lote.creado_por.get_full_name() in pagina
    detalle = client.get(f"{ADMIN}loteimportacion/{lote.pk}/change/").content.decode()
    assert f"{ADMIN}filaimportacion/?lote={lote.pk}" in detalle
    assert f"/equipo/importaciones/{lote.pk}/" in detalle
    filas = client.get(f"{ADMIN}filaimportacion/?lote={lote.pk}")
    assert [f.numero for f in filas.context["cl"].result_list] == [5, 6, 8, 9, 11]


def test_nobody_adds_changes_or_deletes_a_batch_in_the_admin(encargada, client, django_user_model):
    lote = _importado(encargada)
    fila = lote.filas.first()
    raiz = django_user_model.objects.create_superuser("raiz", "raiz@example.org", "clave-larga-raiz")
    for usuario in (encargada, raiz):
        client.force_login(usuario)
        assert client.get(f"{ADMIN}loteimportacion/add/").status_code == 403
        assert client.get(f"{ADMIN}loteimportacion/{lote.pk}/delete/").status_code == 403
        assert client.get(f"{ADMIN}filaimportacion/{fila.pk}/delete/").status_code == 403
        pagina = client.get(f"{ADMIN}loteimportacion/{lote.pk}/change/").content.decode()
        assert 'name="_save"' not in pagina
        # Nor in bulk from the list.
        respuesta = client.post(
            f"{ADMIN}loteimportacion/", {"action": "delete_selected", "_selected_action": [lote.pk]}
        )
        assert respuesta.status_code in (200, 302)
        assert LoteImportacion.objects.filter(pk=lote.pk).exists()
    assert FilaImportacion.objects.filter(lote=lote).count() == 5


def test_a_professional_does_not_see_the_batches(profesional, encargada, client):
    lote = _importado(encargada)
    client.force_login(profesional)
    assert client.get(f"{ADMIN}loteimportacion/{lote.pk}/change/").status_code == 302  # to the admin login


def test_the_admin_pages_run_the_same_queries_for_one_batch_or_many(encargada, client):
    # Why: a list that queried per batch or per row would grow with the office's history.
    primero = _importado(encargada)
    client.force_login(encargada)
    urls = [
        f"{ADMIN}loteimportacion/",
        f"{ADMIN}loteimportacion/{primero.pk}/change/",
        f"{ADMIN}filaimportacion/",
        f"{ADMIN}filaimportacion/?lote={primero.pk}",
        f"{ADMIN}filaimportacion/{primero.filas.first().pk}/change/",
    ]
    for url in urls:  # caches filled once per process (content types) are not the page's queries
        client.get(url)
    pocas = [_consultas(client, u) for u in urls]
    for hoja in ("Atenciones 2024", "Atenciones 2023", "Atenciones 2024"):
        _importado(encargada, hoja=hoja)
    muchas = [_consultas(client, u) for u in urls]
    assert muchas == pocas
    assert max(pocas) <= 12
