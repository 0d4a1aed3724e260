"""The office head administers staff accounts without being a superuser, and every admin picker
she uses works for her (persons told apart by birth date, nationality and document)."""

import pytest
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.test import Client
from django.utils.translation import override

from oficina import roles
from oficina.models import Membresia
from tests.factories import DerivacionFactory, PersonaFactory

pytestmark = pytest.mark.django_db
User = get_user_model()
CLAVE = "marea-cerro-ascensor-43"


@pytest.fixture
def jefa(encargada):
    cliente = Client()
    cliente.force_login(encargada)
    return cliente


def _nueva(jefa, **datos):
    base = {"username": "enlace.omil", "usable_password": "true", "password1": CLAVE, "password2": CLAVE}
    return jefa.post("/admin/auth/user/add/", {**base, **datos})


def test_office_head_creates_a_liaison_tied_to_a_department(jefa, salud):
    respuesta = _nueva(jefa, first_name="Marta", rol=roles.ENLACE, departamento=salud.pk)
    assert respuesta.status_code == 302, respuesta.context and respuesta.context["adminform"].form.errors
    usuario = User.objects.get(username="enlace.omil")
    assert usuario.check_password(CLAVE)
    assert set(usuario.groups.values_list("name", flat=True)) == {roles.ENLACE}
    assert list(
        Membresia.objects.filter(usuario=usuario, activa=True).values_list("departamento", flat=True)
    ) == [salud.pk]
    assert not usuario.is_staff and not usuario.is_superuser


def test_a_liaison_needs_a_department_and_a_weak_password_is_refused(jefa):
    sin_departamento = _nueva(jefa, rol=roles.ENLACE)
    assert "Indique el departamento del enlace." in sin_departamento.content.decode()
    debil = _nueva(jefa, rol=roles.PROFESIONAL, password1="Valparaiso2026", password2="Valparaiso2026")
    assert debil.status_code == 200
    assert not User.objects.filter(username="enlace.omil").exists()


def _cambiar(jefa, usuario, **cambios):
    pagina = jefa.get(f"/admin/auth/user/{usuario.pk}/change/")
    assert pagina.status_code == 200
    form = pagina.context["adminform"].form
    assert "is_superuser" not in form.fields and "user_permissions" not in form.fields
    assert "groups" not in form.fields
    datos = {
        "username": usuario.username,
        "first_name": usuario.first_name,
        "last_name": usuario.last_name,
        "email": usuario.email,
        "rol": form.initial["rol"],
        "departamento": form.initial.get("departamento") or "",
        "is_active": "on" if usuario.is_active else "",
        **cambios,
    }
    return jefa.post(f"/admin/auth/user/{usuario.pk}/change/", {k: v for k, v in datos.items() if v != ""})


def test_office_head_changes_roles_and_deactivates_accounts(jefa, profesional, salud, educacion):
    assert _cambiar(jefa, profesional, rol=roles.ENCARGADA).status_code == 302
    profesional.refresh_from_db()
    assert set(profesional.groups.values_list("name", flat=True)) == {roles.ENCARGADA}
    assert profesional.is_staff and not profesional.is_superuser

    assert _cambiar(jefa, profesional, rol=roles.ENLACE, departamento=salud.pk).status_code == 302
    assert _cambiar(jefa, profesional, rol=roles.ENLACE, departamento=educacion.pk).status_code == 302
    profesional.refresh_from_db()
    assert (
        set(profesional.groups.values_list("name", flat=True)) == {roles.ENLACE} and not profesional.is_staff
    )
    activas = Membresia.objects.filter(usuario=profesional, activa=True)
    assert list(activas.values_list("departamento", flat=True)) == [educacion.pk]

    assert _cambiar(jefa, profesional, is_active="").status_code == 302
    profesional.refresh_from_db()
    assert not profesional.is_active


def test_office_head_cannot_grant_superuser_status_or_permissions(jefa, profesional):
    _cambiar(jefa, profesional, is_superuser="on", user_permissions="1", groups="1")
    profesional.refresh_from_db()
    assert not profesional.is_superuser and not profesional.user_permissions.exists()
    assert set(profesional.groups.values_list("name", flat=True)) == {roles.PROFESIONAL}


def test_office_head_resets_a_password_with_the_policy_applied(jefa, profesional):
    url = f"/admin/auth/user/{profesional.pk}/password/"
    debil = jefa.post(
        url, {"password1": "qwertyuiopas", "password2": "qwertyuiopas", "usable_password": "true"}
    )
    assert debil.status_code == 200
    buena = jefa.post(url, {"password1": CLAVE, "password2": CLAVE, "usable_password": "true"})
    assert buena.status_code == 302
    profesional.refresh_from_db()
    assert profesional.check_password(CLAVE)


def test_office_head_never_sees_or_touches_a_superuser(jefa):
    raiz = User.objects.create_superuser("raiz", "raiz@example.org", "clave-larga-raiz-xyz")
    assert "raiz" not in jefa.get("/admin/auth/user/").content.decode()
    assert jefa.get(f"/admin/auth/user/{raiz.pk}/change/").status_code in (302, 403, 404)
    respuesta = jefa.post(f"/admin/auth/user/{raiz.pk}/password/", {"password1": CLAVE, "password2": CLAVE})
    assert respuesta.status_code in (302, 403, 404)
    raiz.refresh_from_db()
    assert raiz.check_password("clave-larga-raiz-xyz")
    assert jefa.get(f"/admin/auth/user/{raiz.pk}/delete/").status_code in (302, 403, 404)


def _autocompletados():
    """Every autocomplete field of every admin form (inlines included)."""
    for modelo, model_admin in admin.site._registry.items():
        for dueno, campos in [(modelo, model_admin.autocomplete_fields)] + [
            (inline.model, inline.autocomplete_fields) for inline in model_admin.inlines
        ]:
            for campo in campos:
                yield modelo, dueno, campo


def test_every_autocomplete_of_the_heads_forms_works_for_her(jefa, encargada):
    from django.test import RequestFactory

    peticion = RequestFactory().get("/")
    peticion.user = encargada
    probados = 0
    for modelo, dueno, campo in _autocompletados():
        if not admin.site._registry[modelo].has_change_permission(peticion):
            continue
        respuesta = jefa.get(
            "/admin/autocomplete/",
            {
                "term": "",
                "app_label": dueno._meta.app_label,
                "model_name": dueno._meta.model_name,
                "field_name": campo,
            },
        )
        assert respuesta.status_code == 200, (dueno._meta.label, campo, respuesta.status_code)
        probados += 1
    assert probados >= 8
    # The one from the report: who verified the requester's identity.
    verificado = jefa.get(
        "/admin/autocomplete/",
        {
            "term": "encargada",
            "app_label": "atenciones",
            "model_name": "solicitudderecho",
            "field_name": "identidad_verificada_por",
        },
    )
    assert [r["id"] for r in verificado.json()["results"]] == [str(encargada.pk)]


def test_person_picker_tells_namesakes_apart(jefa):
    ve = PersonaFactory(
        nombres="Rosángela",
        apellidos="Díaz",
        fecha_nacimiento="1990-03-12",
        nacionalidad="VE",
        tipo_documento="pasaporte",
        documento_numero="P1234567",
    )
    co = PersonaFactory(
        nombres="Rosángela",
        apellidos="Díaz",
        fecha_nacimiento="1985-07-01",
        nacionalidad="CO",
        tipo_documento="ninguno",
        documento_numero="",
    )
    respuesta = jefa.get(
        "/admin/autocomplete/",
        {
            "term": "rosangela diaz",
            "app_label": "atenciones",
            "model_name": "solicitudderecho",
            "field_name": "persona",
        },
    )
    textos = {r["id"]: r["text"] for r in respuesta.json()["results"]}
    with override("es"):
        assert "12-03-1990" in textos[str(ve.pk)] and "Venezuela" in textos[str(ve.pk)]
        assert "P1234567" in textos[str(ve.pk)]
        assert "01-07-1985" in textos[str(co.pk)] and "Colombia" in textos[str(co.pk)]
        assert "sin documento" in textos[str(co.pk)]
    assert textos[str(ve.pk)] != textos[str(co.pk)]


def test_a_liaison_prints_the_slip_of_their_departments_referral(client, enlace_salud, salud, educacion):
    propia = DerivacionFactory(departamento=salud)
    ajena = DerivacionFactory(departamento=educacion)
    client.force_login(enlace_salud)
    assert client.get(f"/equipo/derivaciones/{propia.pk}/imprimir/").status_code == 200
    assert "Imprimir hoja de derivación" in client.get(f"/equipo/derivaciones/{propia.pk}/").content.decode()
    assert client.get(f"/equipo/derivaciones/{ajena.pk}/imprimir/").status_code == 404


def test_a_new_professional_account_gets_the_professional_role(jefa):
    _nueva(jefa, username="nueva.profesional", rol=roles.PROFESIONAL)
    usuario = User.objects.get(username="nueva.profesional")
    assert set(usuario.groups.values_list("name", flat=True)) == {roles.PROFESIONAL}
