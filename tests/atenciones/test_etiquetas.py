"""get_<field>_display with the choices dict built once per field (atenciones.models.etiquetas)."""

from django.utils import translation

from atenciones.models import Atencion, AtencionTema


def test_display_gives_the_label_of_the_active_language_every_time():
    tema = AtencionTema(tema="salud")
    assert tema.get_tema_display() == "Salud y FONASA"
    assert tema.get_tema_display() == "Salud y FONASA"  # second call: the cached dict
    assert Atencion(canal="telefono").get_canal_display() == "Teléfono"
    with translation.override("en"):
        # Labels stay lazy: the cached dict answers in the active language.
        assert AtencionTema(tema="salud").get_tema_display() == str(translation.gettext("Salud y FONASA"))


def test_display_of_an_unknown_value_is_the_value():
    assert AtencionTema(tema="no-existe").get_tema_display() == "no-existe"
    assert Atencion(canal="").get_canal_display() == ""
