import pytest
from django.core.exceptions import ValidationError

from atenciones.choices import TipoDocumento
from atenciones.documentos import formatear_documento, normalizar_documento, validar_run
from atenciones.models import Persona


@pytest.mark.parametrize(
    "numero",
    ["10.000.013-K", "10000013-k", "10000013K", "10.000.004-0", "100000040", "12.345.678-5", " 12345678-5 "],
)
def test_valid_run_is_accepted_with_or_without_dots(numero):
    validar_run(numero.strip())


@pytest.mark.parametrize("numero", ["12.345.678-9", "10000013-0", "10000004-K", "12345678"])
def test_run_with_wrong_check_digit_is_refused(numero):
    with pytest.raises(ValidationError) as exc:
        validar_run(numero)
    assert "verificador" in str(exc.value) or "formato" in str(exc.value)


@pytest.mark.parametrize("numero", ["abc", "", "12.34a.678-5", "1-"])
def test_run_with_bad_format_is_refused(numero):
    with pytest.raises(ValidationError):
        validar_run(numero)


def test_run_is_stored_normalised_and_shown_formatted():
    assert normalizar_documento(TipoDocumento.RUN, "10.000.013-k") == "10000013K"
    assert formatear_documento(TipoDocumento.RUN, "10000013K") == "10.000.013-K"
    assert normalizar_documento(TipoDocumento.PASAPORTE, " ve-123 456 ") == "VE123456"


@pytest.mark.django_db
def test_person_clean_normalises_and_checks_the_run():
    persona = Persona(nombres="Ana", tipo_documento=TipoDocumento.RUN, documento_numero="12.345.678-9")
    with pytest.raises(ValidationError) as exc:
        persona.full_clean()
    assert "documento_numero" in exc.value.message_dict

    persona.documento_numero = "12.345.678-5"
    persona.full_clean()
    assert persona.documento_numero == "123456785"
