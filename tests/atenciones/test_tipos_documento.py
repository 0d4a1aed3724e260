"""Document types offered to staff: one option per kind of document; stored values stay valid."""

import pytest

from atenciones.choices import TipoDocumento
from atenciones.forms.identidad import DocumentoForm
from atenciones.forms.personas import PersonaForm
from tests.factories import PersonaFactory

pytestmark = pytest.mark.django_db


def _ofrecidos(form, campo):
    return [valor for valor, _etiqueta in form.fields[campo].choices]


def test_the_country_of_origin_id_is_offered_once_as_dni():
    # "Cédula del país de origen" and "DNI" are the same document: only "dni" is offered.
    esperados = ["run", "pasaporte", "dni", "ipe", "ipa", "fonasa", "sermig", "biometrico", "otro"]
    assert _ofrecidos(DocumentoForm(), "tipo") == esperados
    assert _ofrecidos(PersonaForm(), "tipo_documento") == [*esperados, "ninguno"]


def test_offered_labels_are_all_different():
    etiquetas = [str(e) for _v, e in DocumentoForm().fields["tipo"].choices]
    assert len(etiquetas) == len(set(etiquetas))


def test_a_person_stored_with_the_old_type_keeps_it_and_can_be_saved():
    persona = PersonaFactory(tipo_documento=TipoDocumento.ID_NACIONAL, documento_numero="V123456")
    form = PersonaForm(instance=persona)
    assert "cedula" in _ofrecidos(form, "tipo_documento")
    assert "cédula" in persona.get_tipo_documento_display()
    datos = {k: v for k, v in form.initial.items() if v is not None}
    datos.update(tipo_documento="cedula", documento_numero="V123456")
    enviado = PersonaForm(datos, instance=persona)
    assert "tipo_documento" not in enviado.errors
