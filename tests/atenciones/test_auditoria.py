"""Audit: changes (django-auditlog) and reads (RegistroAcceso), readable only by the office head."""

import pytest
from auditlog.context import set_actor
from auditlog.models import LogEntry
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from atenciones.auditoria import registrar_acceso
from atenciones.models import Persona, RegistroAcceso
from atenciones.services import actualizar_persona, cerrar_caso, registrar_atencion
from oficina.choices import Tema
from tests.factories import CasoFactory, DerivacionFactory, PersonaFactory

pytestmark = pytest.mark.django_db


def _cambios(objeto):
    return LogEntry.objects.get_for_object(objeto).filter(action=LogEntry.Action.UPDATE)


def test_person_edit_is_logged_with_who_when_fields_old_and_new(profesional):
    persona = PersonaFactory(telefono="+56911111111", sector="Cerro Alegre")
    with set_actor(profesional):
        actualizar_persona(persona=persona, usuario=profesional, telefono="+56922222222")
    entrada = _cambios(persona).get()
    assert entrada.actor == profesional
    assert entrada.timestamp is not None
    assert entrada.changes_dict["telefono"] == ["+56911111111", "+56922222222"]
    assert "modificado" not in entrada.changes_dict  # noise left out
    assert "sector" not in entrada.changes_dict


def test_edit_through_a_request_records_the_signed_in_user(client, encargada):
    """The auditlog middleware takes the actor from the request (here: the admin's change form)."""
    caso = CasoFactory()
    client.force_login(encargada)
    url = reverse("admin:atenciones_caso_change", args=[caso.pk])
    respuesta = client.post(
        url,
        {
            "persona": caso.persona_id,
            "motivo": "Motivo corregido",
            "area": caso.area,
            "estado": caso.estado,
            "prioridad": "alta",
            "asignado_a": caso.asignado_a_id,
            "abierto_en": caso.abierto_en.isoformat(),
        },
    )
    assert respuesta.status_code == 302, respuesta.content.decode()[:3000]
    entrada = _cambios(caso).get()
    assert entrada.actor == encargada
    assert entrada.changes_dict["prioridad"] == ["media", "alta"]
    assert entrada.changes_dict["motivo"] == ["Regularización de residencia", "Motivo corregido"]


def test_attention_case_and_referral_changes_are_logged(profesional):
    persona = PersonaFactory()
    with set_actor(profesional):
        atencion = registrar_atencion(
            persona=persona, profesional=profesional, temas=[Tema.SALUD], canal="telefono"
        )
        caso = CasoFactory(persona=persona)
        cerrar_caso(caso=caso, motivo_cierre="resuelto", usuario=profesional)
        derivacion = DerivacionFactory(persona=persona)
    assert LogEntry.objects.get_for_object(atencion).filter(action=LogEntry.Action.CREATE).exists()
    assert _cambios(caso).get().changes_dict["estado"] == ["abierto", "cerrado"]
    assert LogEntry.objects.get_for_object(derivacion).exists()


def test_access_log_records_who_what_and_the_person(profesional):
    persona = PersonaFactory()
    derivacion = DerivacionFactory(persona=persona)
    registrar_acceso(usuario=profesional, accion=RegistroAcceso.Accion.VER_PERSONA, objeto=persona)
    registrar_acceso(usuario=profesional, accion="buscar", detalle="pérez " * 200)
    registrar_acceso(usuario=profesional, accion="exportar", objeto=derivacion, detalle="xlsx")
    ver, buscar, exportar = RegistroAcceso.objects.order_by("id")
    assert (ver.usuario, ver.accion, ver.persona, ver.objeto_tipo, ver.objeto_id) == (
        profesional,
        "ver_persona",
        persona,
        "persona",
        str(persona.pk),
    )
    assert buscar.persona is None and len(buscar.detalle) == 500 and buscar.detalle.startswith("pérez")
    assert exportar.persona == persona  # through the referral
    with pytest.raises(ValueError):
        registrar_acceso(usuario=profesional, accion="inventada")


def test_access_log_rows_cannot_be_changed_or_deleted(profesional):
    registro = registrar_acceso(usuario=profesional, accion="buscar", detalle="ana")
    registro.detalle = "otra cosa"
    with pytest.raises(ValidationError):
        registro.save()
    with pytest.raises(ValidationError):
        registro.delete()
    assert RegistroAcceso.objects.get().detalle == "ana"


def test_office_head_reads_the_access_log_filtered_by_person(client, encargada, profesional):
    ana, beto = PersonaFactory(nombres="Ana"), PersonaFactory(nombres="Beto")
    registrar_acceso(usuario=profesional, accion="ver_persona", objeto=ana)
    registrar_acceso(usuario=profesional, accion="ver_persona", objeto=beto)
    client.force_login(encargada)
    url = reverse("admin:atenciones_registroacceso_changelist")
    pagina = client.get(url, {"persona": ana.pk})
    assert pagina.status_code == 200
    assert [r.persona for r in pagina.context["cl"].result_list] == [ana]
    filtrado = client.get(
        url, {"usuario__id__exact": profesional.pk, "fecha__year": timezone.localdate().year}
    )
    assert filtrado.status_code == 200
    assert len(filtrado.context["cl"].result_list) == 2
    # Hostile filter values give an empty list, not an error.
    assert client.get(url, {"persona": "1 OR 1=1"}).status_code == 200


def test_nobody_edits_or_deletes_audit_rows_through_the_admin(
    client, encargada, profesional, django_user_model
):
    registro = registrar_acceso(usuario=profesional, accion="buscar", detalle="ana")
    persona = PersonaFactory()
    with set_actor(profesional):
        actualizar_persona(persona=persona, usuario=profesional, sector="Cerro Cordillera")
    entrada = _cambios(persona).get()
    superusuario = django_user_model.objects.create_superuser("raiz", "raiz@example.org", "clave-larga-raiz")
    for usuario in (encargada, superusuario):
        client.force_login(usuario)
        for modelo, pk in (("atenciones_registroacceso", registro.pk), ("auditlog_logentry", entrada.pk)):
            cambio = client.get(reverse(f"admin:{modelo}_change", args=[pk]))
            assert cambio.status_code == 200
            assert 'name="_save"' not in cambio.content.decode()
            assert client.post(reverse(f"admin:{modelo}_change", args=[pk]), {}).status_code == 403
            assert (
                client.post(reverse(f"admin:{modelo}_delete", args=[pk]), {"post": "yes"}).status_code == 403
            )
            assert client.get(reverse(f"admin:{modelo}_add")).status_code == 403
    assert RegistroAcceso.objects.filter(pk=registro.pk).exists()
    assert LogEntry.objects.filter(pk=entrada.pk).exists()


def test_only_the_office_head_sees_the_audit_in_the_admin(client, profesional, encargada):
    profesional.is_staff = True  # even a professional let into the admin
    profesional.save()
    client.force_login(profesional)
    for modelo in ("atenciones_registroacceso", "auditlog_logentry", "atenciones_solicitudderecho"):
        assert client.get(reverse(f"admin:{modelo}_changelist")).status_code == 403
    client.force_login(encargada)
    indice = client.get(reverse("admin:index")).content.decode()
    for nombre in ("Registros de acceso", "Solicitudes de derechos", "Brechas de seguridad"):
        assert nombre in indice


def test_change_history_can_be_filtered_by_person_including_cases_and_referrals(
    client, encargada, profesional
):
    ana, beto = PersonaFactory(), PersonaFactory()
    with set_actor(profesional):
        caso = CasoFactory(persona=ana)
        DerivacionFactory(persona=beto)
        actualizar_persona(persona=ana, usuario=profesional, sector="Cerro Alegre")
    client.force_login(encargada)
    pagina = client.get(reverse("admin:auditlog_logentry_changelist"), {"persona": ana.pk})
    assert pagina.status_code == 200
    objetos = {(e.content_type.model, e.object_pk) for e in pagina.context["cl"].result_list}
    assert objetos == {("persona", str(ana.pk)), ("caso", str(caso.pk))}


def test_change_history_lists_50_per_page_newest_first(client, encargada):
    # Issue 16: 50 rows a page like the other big admin lists (auditlog's default is 100).
    with set_actor(encargada):
        personas = PersonaFactory.create_batch(55)
    client.force_login(encargada)
    cl = client.get(reverse("admin:auditlog_logentry_changelist")).context["cl"]
    assert len(cl.result_list) == 50
    assert cl.result_list[0].object_pk == str(personas[-1].pk)
    segunda = client.get(reverse("admin:auditlog_logentry_changelist"), {"p": 2}).context["cl"]
    assert len(segunda.result_list) == LogEntry.objects.count() - 50


def test_persona_model_is_registered_for_change_audit():
    from auditlog.registry import auditlog

    from atenciones.models import Atencion, Caso, Derivacion, Hogar

    for modelo in (Persona, Hogar, Caso, Atencion, Derivacion):
        assert auditlog.contains(modelo), modelo


def test_person_page_view_and_search_leave_access_entries(client, profesional):
    persona = PersonaFactory(nombres="Mirlande", apellidos="Joseph")
    client.force_login(profesional)
    assert client.get(reverse("equipo:persona", args=[persona.pk])).status_code == 200
    assert client.get(reverse("equipo:personas"), {"q": "mirlande joseph"}).status_code == 200
    ver, buscar = RegistroAcceso.objects.order_by("id")
    assert (ver.usuario, ver.accion, ver.persona) == (profesional, "ver_persona", persona)
    assert (buscar.usuario, buscar.accion, buscar.detalle) == (profesional, "buscar", "mirlande joseph")


def test_person_edit_through_the_staff_form_is_logged(client, profesional):
    from atenciones.services._comun import version_de

    persona = PersonaFactory(sector="Cerro Alegre")
    client.force_login(profesional)
    url = reverse("equipo:persona_editar", args=[persona.pk])
    formulario = client.get(url).context["form"]
    datos = {
        nombre: valor
        for nombre, valor in ((campo.html_name, campo.value()) for campo in formulario)
        if valor not in (None, [], False)
    }
    datos.update(sector="Cerro Cordillera", version=version_de(persona))
    respuesta = client.post(url, datos)
    assert respuesta.status_code == 302, respuesta.content.decode()[:2000]
    entrada = _cambios(persona).get()
    assert entrada.actor == profesional
    assert entrada.changes_dict["sector"] == ["Cerro Alegre", "Cerro Cordillera"]


def test_every_export_leaves_an_access_entry(client, encargada, profesional):
    from atenciones.exportar import XLSX, Hoja, exportar

    exportar(
        usuario=profesional, nombre="Personas", formato=XLSX, hojas=[Hoja("a", ["a"], [])], motivo="prueba"
    )
    registro = RegistroAcceso.objects.get()
    assert (registro.usuario, registro.accion, registro.detalle) == (
        profesional,
        "exportar",
        "Personas · xlsx · prueba",
    )
    # The Sello Migrante report, downloaded from the indicators page.
    client.force_login(encargada)
    respuesta = client.get(reverse("equipo:indicadores_reporte"))
    assert respuesta.status_code == 200
    ultimo = RegistroAcceso.objects.latest("id")
    assert (ultimo.usuario, ultimo.accion) == (encargada, "exportar")
    assert "reporte_indicadores" in ultimo.detalle


def test_an_admin_export_of_persons_leaves_an_access_entry(client, encargada):
    from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME

    personas = PersonaFactory.create_batch(3)
    client.force_login(encargada)
    respuesta = client.post(
        reverse("admin:atenciones_persona_changelist"),
        {
            "action": "exportar_seleccion",
            ACTION_CHECKBOX_NAME: [p.pk for p in personas],
            "confirmar": "1",
            "formato": "csv",
            "incluir_notas": "on",
        },
    )
    assert respuesta.status_code == 200 and respuesta["Content-Type"].startswith("text/csv")
    registro = RegistroAcceso.objects.get()
    assert (registro.usuario, registro.accion) == (encargada, "exportar")
    assert registro.detalle.endswith("csv · admin:atenciones.persona:con_notas")
