"""No lost update in the admin: a stale change form is refused with the typed values kept and what
changed shown, on persons, households, cases, attentions and referrals."""

import pytest
from django.forms import MultiWidget
from django.test import Client

from atenciones.admin.version import CAMPO_VERSION
from atenciones.models import Atencion, AtencionTema, Caso, Derivacion, Hogar, Persona
from atenciones.services import actualizar_persona
from tests.factories import AtencionFactory, CasoFactory, DerivacionFactory, HogarFactory, PersonaFactory

pytestmark = pytest.mark.django_db


def _poner(datos, nombre, valor, widget=None):
    if isinstance(widget, MultiWidget):
        for i, (sub, parte) in enumerate(zip(widget.widgets, widget.decompress(valor), strict=False)):
            datos[f"{nombre}_{i}"] = sub.format_value(parte) or ""
        return
    if valor is None or valor is False:
        return
    if valor is True:
        datos[nombre] = "on"
    elif isinstance(valor, (list, tuple)):
        datos[nombre] = [str(v) for v in valor]
    else:
        datos[nombre] = (
            widget.format_value(valor) if widget is not None and hasattr(valor, "isoformat") else str(valor)
        )


def datos_del_formulario(respuesta) -> dict:
    """The POST a browser would send from an admin change page, untouched."""
    datos = {}
    form = respuesta.context["adminform"].form
    for nombre, campo in form.fields.items():
        _poner(datos, form.add_prefix(nombre), form[nombre].value(), campo.widget)
    for inline in respuesta.context["inline_admin_formsets"]:
        formset = inline.formset
        for nombre in formset.management_form.fields:
            datos[f"{formset.prefix}-{nombre}"] = formset.management_form[nombre].value()
        for f in formset.forms:
            for nombre, campo in f.fields.items():
                _poner(datos, f.add_prefix(nombre), f[nombre].value(), campo.widget)
    return datos


@pytest.fixture
def jefa(encargada):
    cliente = Client()
    cliente.force_login(encargada)
    return cliente


def _url(obj):
    return f"/admin/atenciones/{obj._meta.model_name}/{obj.pk}/change/"


def test_stale_admin_form_does_not_revert_a_professionals_phone_change(jefa, profesional):
    persona = PersonaFactory(telefono="+56911112222", sector="Cerro Alegre")
    datos = datos_del_formulario(jefa.get(_url(persona)))
    assert datos[CAMPO_VERSION]
    # Meanwhile a professional updates the phone from the staff page.
    actualizar_persona(persona=persona, usuario=profesional, telefono="+56 9 3333 4444")
    nuevo_telefono = Persona.objects.get(pk=persona.pk).telefono

    datos["sector"] = "Cerro Florida"  # the head's own change, on the old page
    respuesta = jefa.post(_url(persona), datos)
    assert respuesta.status_code == 200  # refused: the form again
    persona.refresh_from_db()
    assert (persona.telefono, persona.sector) == (nuevo_telefono, "Cerro Alegre")
    texto = respuesta.content.decode()
    assert "Otra persona guardó este registro" in texto
    assert nuevo_telefono in texto  # what the phone says now
    form = respuesta.context["adminform"].form
    assert form["sector"].value() == "Cerro Florida"  # typed value kept

    # Saving again is deliberate: the renewed token is in the form.
    otra_vez = datos_del_formulario(respuesta)
    otra_vez["telefono"] = nuevo_telefono
    assert jefa.post(_url(persona), otra_vez).status_code == 302
    persona.refresh_from_db()
    assert (persona.telefono, persona.sector) == (nuevo_telefono, "Cerro Florida")


def _cambio_externo(obj):
    """Another user's save of the same record, through the ORM (the staff page's service would do)."""
    if isinstance(obj, Hogar):
        Hogar.objects.filter(pk=obj.pk).update(direccion="Otra dirección 123")
    elif isinstance(obj, Caso):
        Caso.objects.filter(pk=obj.pk).update(motivo="Motivo corregido por otra persona.")
    elif isinstance(obj, Atencion):
        AtencionTema.objects.filter(atencion=obj).update(tema="vivienda")
    elif isinstance(obj, Derivacion):
        Derivacion.objects.filter(pk=obj.pk).update(motivo="Motivo corregido por otra persona.")


@pytest.mark.parametrize(
    ("fabrica", "campo", "valor"),
    [
        (HogarFactory, "nombre", "Familia Pierre"),
        (CasoFactory, "prioridad", "alta"),
        (lambda: AtencionFactory(temas=["salud"]), "resultado", "Se orientó."),
        (DerivacionFactory, "prioridad", "alta"),
    ],
)
def test_stale_admin_form_is_refused_on_every_casework_model(jefa, fabrica, campo, valor):
    obj = fabrica()
    pagina = jefa.get(_url(obj))
    assert pagina.status_code == 200
    datos = datos_del_formulario(pagina)
    assert datos[CAMPO_VERSION]
    _cambio_externo(obj)
    antes = type(obj).objects.filter(pk=obj.pk).values(campo).get()[campo]
    datos[campo] = valor
    respuesta = jefa.post(_url(obj), datos)
    assert respuesta.status_code == 200, respuesta.get("Location")
    assert "Otra persona guardó este registro" in respuesta.content.decode()
    assert type(obj).objects.filter(pk=obj.pk).values(campo).get()[campo] == antes
    # Without anyone else saving, the same admin form saves normally.
    fresco = datos_del_formulario(jefa.get(_url(obj)))
    fresco[campo] = valor
    assert jefa.post(_url(obj), fresco).status_code == 302
    assert type(obj).objects.filter(pk=obj.pk).values(campo).get()[campo] == valor
