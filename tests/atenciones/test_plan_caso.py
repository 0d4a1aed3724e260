"""Issue #13, point 5: a case's plan (next steps in Mi día) and attaching what was already logged."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from atenciones.models import Atencion, Derivacion, TareaCaso
from atenciones.services import crear_tarea, desvincular_de_caso, marcar_tarea, vincular_a_caso
from tests.factories import AtencionFactory, CasoFactory, DerivacionFactory, PersonaFactory

pytestmark = pytest.mark.django_db
HOY = timezone.localdate()


def _tarea(caso, responsable, vence=HOY, descripcion="Llamar al CESFAM"):
    return crear_tarea(
        caso=caso, descripcion=descripcion, vence=vence, responsable=responsable, usuario=responsable
    )


def test_a_task_due_today_or_overdue_is_in_the_responsibles_day_until_ticked(client, profesional):
    caso = CasoFactory(asignado_a=profesional)
    hoy = _tarea(caso, profesional, descripcion="Confirmar hora en el CESFAM")
    _tarea(caso, profesional, vence=HOY + datetime.timedelta(days=3), descripcion="Revisar resolución")
    vencida = _tarea(caso, profesional, descripcion="Pedir certificado")
    TareaCaso.objects.filter(pk=vencida.pk).update(vence=HOY - datetime.timedelta(days=2))
    client.force_login(profesional)
    html = client.get(reverse("equipo:mi_dia")).content.decode()
    assert "Confirmar hora en el CESFAM" in html and "Pedir certificado" in html
    assert "Revisar resolución" not in html
    assert "vencida el" in html
    client.post(
        reverse("equipo:tarea_hecha", args=[hoy.pk]), {"hecha": "1", "volver": reverse("equipo:mi_dia")}
    )
    hoy.refresh_from_db()
    assert hoy.hecha_por == profesional and hoy.hecha_en is not None
    assert "Confirmar hora en el CESFAM" not in client.get(reverse("equipo:mi_dia")).content.decode()


def test_another_professionals_task_is_not_in_my_day(client, profesional):
    colega = CasoFactory().asignado_a
    _tarea(CasoFactory(asignado_a=colega), colega, descripcion="Tarea de la colega")
    client.force_login(profesional)
    assert "Tarea de la colega" not in client.get(reverse("equipo:mi_dia")).content.decode()


def test_a_task_dated_in_the_past_is_refused_with_the_text_kept(client, profesional):
    caso = CasoFactory(asignado_a=profesional)
    client.force_login(profesional)
    ayer = (HOY - datetime.timedelta(days=1)).isoformat()
    respuesta = client.post(
        reverse("equipo:caso_tarea_nueva", args=[caso.pk]),
        {"descripcion": "Paso escrito", "vence": ayer, "responsable": profesional.pk},
        follow=True,
    )
    html = respuesta.content.decode()
    assert "La fecha de la tarea no puede estar en el pasado." in html
    assert 'value="Paso escrito"' in html
    assert not TareaCaso.objects.exists()
    with pytest.raises(ValidationError):
        _tarea(caso, profesional, vence=HOY - datetime.timedelta(days=1))


def test_task_from_the_case_page_is_listed_on_the_case(client, profesional):
    caso = CasoFactory(asignado_a=profesional)
    client.force_login(profesional)
    client.post(
        reverse("equipo:caso_tarea_nueva", args=[caso.pk]),
        {
            "descripcion": "Acompañar a la persona al SERMIG",
            "vence": HOY.isoformat(),
            "responsable": profesional.pk,
        },
    )
    tarea = TareaCaso.objects.get()
    assert (tarea.caso, tarea.responsable, tarea.creada_por) == (caso, profesional, profesional)
    assert (
        "Acompañar a la persona al SERMIG"
        in client.get(reverse("equipo:caso", args=[caso.pk])).content.decode()
    )


def test_ticking_and_unticking_a_task(profesional):
    tarea = _tarea(CasoFactory(asignado_a=profesional), profesional)
    marcar_tarea(tarea=tarea, usuario=profesional)
    tarea.refresh_from_db()
    assert tarea.hecha_en is not None
    marcar_tarea(tarea=tarea, usuario=profesional, hecha=False)
    tarea.refresh_from_db()
    assert tarea.hecha_en is None and tarea.hecha_por is None


def test_attention_and_referral_are_attached_after_the_fact_and_detached(client, profesional):
    caso = CasoFactory(asignado_a=profesional)
    atencion = AtencionFactory(persona=caso.persona)
    derivacion = DerivacionFactory(persona=caso.persona)
    client.force_login(profesional)
    html = client.get(reverse("equipo:caso", args=[caso.pk]), {"agregar": "1"}).content.decode()
    assert f'value="atencion:{atencion.pk}"' in html and f'value="derivacion:{derivacion.pk}"' in html
    url = reverse("equipo:caso_vincular", args=[caso.pk])
    client.post(url, {"elemento": f"atencion:{atencion.pk}", "accion": "agregar"})
    client.post(url, {"elemento": f"derivacion:{derivacion.pk}", "accion": "agregar"})
    assert Atencion.objects.get(pk=atencion.pk).caso == caso
    assert Derivacion.objects.get(pk=derivacion.pk).caso == caso
    html = client.get(reverse("equipo:caso", args=[caso.pk])).content.decode()
    assert derivacion.codigo in html
    client.post(url, {"elemento": f"atencion:{atencion.pk}", "accion": "quitar"})
    assert Atencion.objects.get(pk=atencion.pk).caso is None


def test_attaching_another_persons_attention_is_refused_and_changes_nothing(client, profesional):
    caso = CasoFactory(asignado_a=profesional)
    ajena = AtencionFactory(persona=PersonaFactory())
    client.force_login(profesional)
    respuesta = client.post(
        reverse("equipo:caso_vincular", args=[caso.pk]),
        {"elemento": f"atencion:{ajena.pk}", "accion": "agregar"},
        follow=True,
    )
    assert (
        "Solo se pueden agregar atenciones y derivaciones de la persona del caso."
        in respuesta.content.decode()
    )
    assert Atencion.objects.get(pk=ajena.pk).caso is None
    with pytest.raises(ValidationError):
        vincular_a_caso(caso=caso, tipo="atencion", objeto_id=ajena.pk, usuario=profesional)


@pytest.mark.parametrize("elemento", ["atencion:abc", "otra:1", "", "derivacion:999999", "atencion:²"])
def test_bad_attach_input_is_a_message_never_a_500(client, profesional, elemento):
    caso = CasoFactory(asignado_a=profesional)
    client.force_login(profesional)
    respuesta = client.post(
        reverse("equipo:caso_vincular", args=[caso.pk]), {"elemento": elemento}, follow=True
    )
    assert respuesta.status_code == 200
    assert 'role="alert"' in respuesta.content.decode()


def test_detaching_something_not_in_the_case_is_refused(profesional):
    caso = CasoFactory(asignado_a=profesional)
    derivacion = DerivacionFactory(persona=caso.persona)
    with pytest.raises(ValidationError, match="no es parte de este caso"):
        desvincular_de_caso(caso=caso, tipo="derivacion", objeto_id=derivacion.pk, usuario=profesional)


def test_a_closed_case_takes_no_tasks_or_attachments(profesional):
    from atenciones.choices import MotivoCierre
    from atenciones.services import cerrar_caso

    caso = CasoFactory(asignado_a=profesional)
    cerrar_caso(caso=caso, motivo_cierre=MotivoCierre.RESUELTO, usuario=profesional)
    with pytest.raises(ValidationError, match="cerrado"):
        _tarea(caso, profesional)
    with pytest.raises(ValidationError, match="cerrado"):
        vincular_a_caso(
            caso=caso,
            tipo="atencion",
            objeto_id=AtencionFactory(persona=caso.persona).pk,
            usuario=profesional,
        )


def test_my_day_query_count_with_tasks_does_not_grow(client, profesional, django_assert_max_num_queries):
    for _ in range(20):
        _tarea(CasoFactory(asignado_a=profesional), profesional)
    client.force_login(profesional)
    with django_assert_max_num_queries(23):
        respuesta = client.get(reverse("equipo:mi_dia"))
    assert respuesta.context["tareas"]["total"] == 20


def test_a_liaison_lands_on_their_inbox_open_referrals_with_accept(client, enlace_salud, salud, educacion):
    propia = DerivacionFactory(departamento=salud)
    ajena = DerivacionFactory(departamento=educacion)
    client.force_login(enlace_salud)
    html = client.get(reverse("equipo:mi_dia")).content.decode()
    assert propia.codigo in html and ajena.codigo not in html
    assert reverse("equipo:derivacion_aceptar", args=[propia.pk]) in html
    assert "Derivaciones por atender en su bandeja: 1" in html


def test_liaisons_day_query_count_does_not_grow(client, enlace_salud, salud, django_assert_max_num_queries):
    for _ in range(20):
        DerivacionFactory(departamento=salud)
    client.force_login(enlace_salud)
    # Per request + the liaison's departments, counts by state, the listed page and its persons.
    with django_assert_max_num_queries(14):
        respuesta = client.get(reverse("equipo:mi_dia"))
    assert respuesta.context["bandeja_enlace"]["total"] == 20
