"""Admin lists of identity documents, likely duplicates and merges (office head, read-only)."""

import pytest
from django.urls import reverse

from atenciones.models import ParDuplicado
from atenciones.services.documentos import agregar_documento
from atenciones.services.fusion import fusionar_personas
from tests.factories import PersonaFactory

pytestmark = pytest.mark.django_db


def test_office_head_finds_a_document_by_its_number_typed_with_dots_and_dash(client, encargada):
    ana = PersonaFactory(nombres="Ana")
    agregar_documento(persona=ana, usuario=encargada, tipo="run", numero="12.345.678-5", vigente=True)
    agregar_documento(
        persona=PersonaFactory(nombres="Luz"), usuario=encargada, tipo="pasaporte", numero="P99999"
    )
    client.force_login(encargada)
    url = reverse("admin:atenciones_documentoidentidad_changelist")
    respuesta = client.get(url, {"q": "12.345.678-5"})
    assert respuesta.status_code == 200
    resultados = list(respuesta.context["cl"].result_list)
    assert [d.numero for d in resultados] == ["123456785"]
    texto = respuesta.content.decode()
    assert "Ana" in texto and "P99999" not in texto


def test_document_list_query_count_does_not_grow_with_rows(client, encargada, django_assert_max_num_queries):
    for i in range(30):
        agregar_documento(persona=PersonaFactory(), usuario=encargada, tipo="pasaporte", numero=f"X{i:05d}")
    client.force_login(encargada)
    with django_assert_max_num_queries(12):
        respuesta = client.get(reverse("admin:atenciones_documentoidentidad_changelist"))
    assert respuesta.status_code == 200
    assert "X00029" in respuesta.content.decode()


def test_duplicates_and_merges_are_read_only_lists(client, encargada, django_assert_max_num_queries):
    personas = [PersonaFactory() for _ in range(6)]
    for a, b in zip(personas[::2], personas[1::2], strict=True):
        ParDuplicado.objects.create(persona_a=a, persona_b=b, probabilidad=90, evidencia=["nombre"])
    fusionar_personas(superviviente=personas[0], absorbida=personas[1], usuario=encargada)
    client.force_login(encargada)
    for nombre in ("parduplicado", "fusion"):
        with django_assert_max_num_queries(12):
            respuesta = client.get(reverse(f"admin:atenciones_{nombre}_changelist"))
        assert respuesta.status_code == 200
    par = ParDuplicado.objects.filter(estado=ParDuplicado.Estado.PENDIENTE).first()
    respuesta = client.post(
        reverse("admin:atenciones_parduplicado_change", args=[par.pk]), {"estado": "distintas"}
    )
    assert respuesta.status_code == 403
    par.refresh_from_db()
    assert par.estado == ParDuplicado.Estado.PENDIENTE
