"""The printed referral slip fits on half an A4 (one A5 page), in Spanish and Haitian Creole."""

import re

import pytest

from oficina import roles
from tests.factories import DerivacionFactory, PersonaFactory, UserFactory

from .conftest import iniciar_sesion

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CLAVE = "clave-larga-de-prueba"
A5_PUNTOS = (419.5, 595.3)  # 148 × 210 mm


def test_bilingual_slip_prints_on_one_a5_page(pagina, captura, salud):
    UserFactory(username="profesional", password=CLAVE, grupo=roles.PROFESIONAL)
    salud.direccion = "Av. Argentina 864, Valparaíso"
    salud.horario = "Lunes a viernes, 8:30 a 14:00"
    salud.telefono = "+56 32 293 9000"
    salud.save()
    persona = PersonaFactory(nombres="Jean Robert", apellidos="Pierre Louis", idiomas=["ht", "es"])
    motivo = "Necesita inscribirse en el CESFAM y pedir hora para control de embarazo. " * 6
    derivacion = DerivacionFactory(departamento=salud, persona=persona, motivo=motivo.strip())
    iniciar_sesion(pagina, "profesional", CLAVE)
    pagina.goto(f"{pagina.url_base}/equipo/derivaciones/{derivacion.pk}/imprimir/")
    captura(pagina, "ficha-derivacion-ht")
    pdf = pagina.pdf(prefer_css_page_size=True, print_background=True)
    paginas = re.findall(rb"/Type\s*/Page(?!s)", pdf)
    assert len(paginas) == 1
    ancho, alto = (float(x) for x in re.search(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)", pdf).groups())
    assert (round(ancho), round(alto)) == (round(A5_PUNTOS[0]), round(A5_PUNTOS[1]))
