import pytest

from tests.factories import UserFactory

from .conftest import iniciar_sesion

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_staff_member_signs_in_and_lands_on_my_day(pagina, captura):
    UserFactory(username="ana", first_name="Ana", last_name="Pérez", password="clave-larga-de-prueba")
    pagina.goto(f"{pagina.url_base}/equipo/")
    assert "/cuentas/login/" in pagina.url
    captura(pagina, "login")
    iniciar_sesion(pagina, "ana", "clave-larga-de-prueba")
    pagina.wait_for_url(f"{pagina.url_base}/equipo/")
    assert pagina.get_by_role("heading", level=1).inner_text() == "Mi día"
    assert "Ana Pérez" in pagina.inner_text("nav")
    assert pagina.errores_js == []
