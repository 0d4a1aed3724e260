"""Forms that explain themselves: an error summary with links to the fields, each message tied to its
field, and long texts refused with a message (the typed text kept), never cut by the browser."""

import re

import pytest
from django import forms
from django.urls import reverse
from django.utils import timezone

from atenciones.models import Atencion
from tests.factories import DerivacionFactory, PersonaFactory

pytestmark = pytest.mark.django_db


def _atencion(client, persona, **cambios):
    datos = {
        "fecha_hora": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
        "canal": "presencial",
        "temas": ["salud"],
        "notas": "Orientación.",
        "caso_prioridad": "media",
        "der_prioridad": "media",
    }
    datos.update(cambios)
    return client.post(reverse("equipo:persona_atencion", args=[persona.pk]), datos)


def _resumen(html: str) -> str:
    hallado = re.search(r'<div class="alert alert-danger resumen-errores".*?</div>', html, re.S)
    assert hallado, "no error summary on the page"
    return hallado.group(0)


def test_over_long_notes_are_refused_with_a_message_and_the_text_is_kept(client, profesional):
    persona = PersonaFactory()
    client.force_login(profesional)
    notas = "Relato largo. " * 150  # 2,100 characters: over the 2,000 limit
    respuesta = _atencion(client, persona, notas=notas)
    assert respuesta.status_code == 200
    assert not Atencion.objects.exists()
    html = respuesta.content.decode()
    assert "menos de 2000 caracteres (tiene 2099)" in html  # Django strips the final space
    assert notas.strip() in html  # nothing typed is lost
    assert 'href="#id_notas"' in _resumen(html)


def test_textareas_show_their_limit_instead_of_a_silent_maxlength(client, profesional):
    persona = PersonaFactory()
    client.force_login(profesional)
    html = client.get(reverse("equipo:persona_atencion", args=[persona.pk])).content.decode()
    area = re.search(r"<textarea[^>]*name=\"notas\"[^>]*>", html).group(0)
    assert "maxlength" not in area
    assert 'data-limite="2000"' in area
    assert 'aria-describedby="id_notas_helptext id_notas_limite"' in area
    assert '<div class="form-text limite-texto" id="id_notas_limite"' in html
    assert "Máximo 2000 caracteres." in html


def test_admin_textareas_are_not_cut_either(client, encargada):
    derivacion = DerivacionFactory()
    client.force_login(encargada)
    html = client.get(reverse("admin:atenciones_derivacion_change", args=[derivacion.pk])).content.decode()
    for area in re.findall(r"<textarea[^>]*>", html):
        assert "maxlength" not in area


def test_error_summary_links_to_each_field_and_messages_are_tied_to_their_field(client, profesional):
    persona = PersonaFactory()
    client.force_login(profesional)
    html = _atencion(client, persona, temas=[], canal="").content.decode()
    resumen = _resumen(html)
    assert "Revise estos datos:" in resumen
    assert 'href="#id_canal"' in resumen
    assert 'href="#id_temas_0"' in resumen  # a group of checkboxes: its first box
    assert "data-resumen-errores" in resumen and 'tabindex="-1"' in resumen
    canal = re.search(r"<select[^>]*name=\"canal\"[^>]*>", html).group(0)
    assert 'aria-invalid="true"' in canal
    assert 'aria-describedby="id_canal_error"' in canal
    assert 'id="id_canal_error"' in html


@pytest.mark.parametrize(
    "url",
    [
        lambda p, d: reverse("equipo:persona_nueva"),
        lambda p, d: reverse("equipo:persona_editar", args=[p.pk]),
        lambda p, d: reverse("equipo:persona_atencion", args=[p.pk]),
        lambda p, d: reverse("equipo:caso_nuevo", args=[p.pk]),
        lambda p, d: reverse("equipo:derivar", args=[p.pk]),
        lambda p, d: reverse("password_change"),
    ],
)
def test_every_staff_form_sent_empty_shows_one_error_summary(client, profesional, url):
    persona = PersonaFactory()
    client.force_login(profesional)
    html = client.post(url(persona, None), {"_": ""}).content.decode()
    assert html.count("data-resumen-errores") == 1


def test_referral_action_forms_have_unique_field_ids(client, enlace_salud, salud):
    derivacion = DerivacionFactory(departamento=salud)
    client.force_login(enlace_salud)
    html = client.get(reverse("equipo:derivacion", args=[derivacion.pk])).content.decode()
    ids = re.findall(r'\sid="([^"]+)"', html)
    assert len(ids) == len(set(ids))


def test_hidden_initial_value_carries_no_aria_attributes():
    class Formulario(forms.Form):
        nombre = forms.CharField(show_hidden_initial=True)

    html = str(Formulario(data={"nombre": ""})["nombre"].as_hidden(only_initial=True))
    assert "aria-" not in html


def test_time_elements_carry_valid_datetimes(client, enlace_salud, salud):
    derivacion = DerivacionFactory(departamento=salud)
    client.force_login(enlace_salud)
    html = client.get(reverse("equipo:derivacion", args=[derivacion.pk])).content.decode()
    valores = re.findall(r'<time datetime="([^"]+)"', html)
    assert valores
    for valor in valores:
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d", valor), valor


@pytest.mark.parametrize(
    "form_class",
    [
        "atenciones.forms.personas.RegistroPersonaForm",
        "atenciones.forms.personas.PersonaForm",
        "atenciones.forms.casos.CasoForm",
        "atenciones.forms.casos.FiltroCasosForm",
        "atenciones.forms.derivaciones.FiltroDerivacionesForm",
        "atenciones.forms.casos.ReasignarForm",
    ],
)
def test_selects_rendered_in_python_are_the_templates_markup(form_class):
    # sello_migrante.formularios renders <select> without the templates (a country list took most
    # of the person form's time); the markup must not change by one character.
    import copy

    from django.forms.renderers import TemplatesSetting
    from django.utils.module_loading import import_string

    from sello_migrante.formularios import SELECT, _html_select, _select

    form = import_string(form_class)(data={"nacionalidad": "VE", "sexo": "f", "canal": "presencial"})
    comparados = 0
    for campo in form:
        widget = campo.field.widget
        if getattr(widget, "template_name", "") != SELECT:
            continue
        contexto = widget.get_context(campo.html_name, campo.value(), campo.build_widget_attrs({}))
        esperado = TemplatesSetting().render(SELECT, {"widget": _select(copy.deepcopy(contexto["widget"]))})
        assert _html_select(_select(copy.deepcopy(contexto["widget"]))) == esperado, campo.name
        comparados += 1
    assert comparados
