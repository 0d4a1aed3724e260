"""The office head's admin: fixed query counts, filters, actions through the services, export."""

import datetime
import io

import openpyxl
import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.auth.models import Permission
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from atenciones.admin.listas import PaginadorRapido
from atenciones.choices import EstadoCaso, EstadoDerivacion, MotivoCierre
from atenciones.models import Caso, Derivacion, EventoDerivacion, Hogar
from oficina import roles
from oficina.models import Actividad, AsistenteCapacitacion, Capacitacion, Membresia, Programa
from tests.factories import (
    AtencionFactory,
    CasoFactory,
    DepartamentoFactory,
    DerivacionFactory,
    HogarFactory,
    OrganizacionFactory,
    PaginaInformativaFactory,
    PersonaFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, encargada):
    client.force_login(encargada)
    return client


def _url(modelo, vista="changelist", *args):
    app = "oficina" if modelo in OFICINA else "atenciones"
    return reverse(f"admin:{app}_{modelo}_{vista}", args=args)


OFICINA = {
    "departamento",
    "organizacion",
    "programa",
    "actividad",
    "capacitacion",
    "paginainformativa",
    "membresia",
}


def _persona(i):
    hogar = HogarFactory()
    PersonaFactory(hogar=hogar)


def _atencion(i):
    AtencionFactory(temas=["salud", "educacion"], caso=None)


def _derivacion(i):
    if i % 2:
        DerivacionFactory(organizacion=OrganizacionFactory(), departamento=None)
    else:
        DerivacionFactory()


def _actividad(i):
    Actividad.objects.create(
        programa=Programa.objects.create(nombre=f"Programa {i}", area="cultura"),
        titulo=f"Actividad {i}",
        inicio=timezone.now(),
        asistentes=i,
    )


def _capacitacion(i):
    cap = Capacitacion.objects.create(titulo=f"Capacitación {i}", fecha=datetime.date(2026, 3, 1 + i))
    AsistenteCapacitacion.objects.create(capacitacion=cap, nombre="Asistente")


def _programa(i):
    Programa.objects.create(nombre=f"Programa {i}", area="salud", organizacion=OrganizacionFactory())


def _membresia(i):
    Membresia.objects.create(usuario=UserFactory(), departamento=DepartamentoFactory())


CONSTRUCTORES = {
    "persona": _persona,
    "hogar": lambda i: PersonaFactory(hogar=HogarFactory()),
    "caso": lambda i: CasoFactory(),
    "atencion": _atencion,
    "derivacion": _derivacion,
    "eventoderivacion": lambda i: DerivacionFactory(),
    "departamento": lambda i: DepartamentoFactory(),
    "organizacion": lambda i: OrganizacionFactory(),
    "programa": _programa,
    "actividad": _actividad,
    "capacitacion": _capacitacion,
    "paginainformativa": lambda i: PaginaInformativaFactory(),
    "membresia": _membresia,
}


@pytest.mark.parametrize("modelo", list(CONSTRUCTORES))
def test_every_changelist_runs_a_fixed_number_of_queries(admin_client, modelo, django_assert_max_num_queries):
    # Catches N+1 queries: the count with 2 rows must equal the count with 7 (related rows differ).
    construir = CONSTRUCTORES[modelo]
    for i in range(2):
        construir(i)
    url = _url(modelo)
    with CaptureQueriesContext(connection) as pocas:
        assert admin_client.get(url).status_code == 200
    for i in range(2, 7):
        construir(i)
    with django_assert_max_num_queries(len(pocas.captured_queries)):
        respuesta = admin_client.get(url)
    assert respuesta.status_code == 200
    assert len(pocas.captured_queries) <= 16


@pytest.mark.parametrize("modelo", ["persona", "hogar", "caso", "atencion", "derivacion"])
def test_change_pages_run_a_fixed_number_of_queries(admin_client, modelo, django_assert_max_num_queries):
    # The person's page lists their cases, referrals and latest attentions, read-only and limited.
    persona = PersonaFactory(hogar=HogarFactory())
    for _ in range(3):
        caso = CasoFactory(persona=persona)
        AtencionFactory(persona=persona, caso=caso, temas=["salud", "trabajo"])
        DerivacionFactory(persona=persona, caso=caso)
        PersonaFactory(hogar=persona.hogar)
    objeto = {
        "persona": persona,
        "hogar": persona.hogar,
        "caso": caso,
        "atencion": persona.atenciones.first(),
        "derivacion": persona.derivaciones.first(),
    }[modelo]
    with django_assert_max_num_queries(22):
        assert admin_client.get(_url(modelo, "change", objeto.pk)).status_code == 200


def test_person_page_limits_each_inline_to_ten_rows(admin_client):
    persona = PersonaFactory()
    for _ in range(12):
        AtencionFactory(persona=persona)
    respuesta = admin_client.get(_url("persona", "change", persona.pk))
    formset = next(
        f for f in respuesta.context["inline_admin_formsets"] if f.opts.model.__name__ == "Atencion"
    )
    assert len(list(formset)) == 10
    assert f"?persona__id__exact={persona.pk}" in respuesta.content.decode()


def test_admin_is_branded_and_in_spanish(admin_client):
    contenido = admin_client.get(reverse("admin:index")).content.decode()
    assert "Oficina Comunal de Migrantes · Valparaíso" in contenido
    assert "Administración de la oficina" in contenido


def test_capped_count_says_more_than(admin_client, monkeypatch):
    monkeypatch.setattr(PaginadorRapido, "TOPE", 3)
    for _ in range(5):
        PersonaFactory(nacionalidad="VE")
    contenido = admin_client.get(_url("persona"), {"nacionalidad": "VE"}).content.decode()
    assert "más de 3 personas" in contenido


@pytest.mark.skipif(connection.vendor != "postgresql", reason="reltuples is PostgreSQL's estimate")
def test_unfiltered_count_uses_postgresqls_estimate(admin_client, monkeypatch):
    monkeypatch.setattr(PaginadorRapido, "TOPE", 2)
    for _ in range(4):
        PersonaFactory()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE atenciones_persona")
    contenido = admin_client.get(_url("persona")).content.decode()
    assert "cerca de 4 personas (estimación)" in contenido


def test_filter_overdue_referrals(admin_client):
    vencida = DerivacionFactory(fecha_limite=timezone.localdate() - datetime.timedelta(days=1))
    al_dia = DerivacionFactory()
    resuelta_tarde = DerivacionFactory(
        fecha_limite=timezone.localdate() - datetime.timedelta(days=3),
        estado=EstadoDerivacion.RESUELTA,
        respuesta="Listo.",
    )
    respuesta = admin_client.get(_url("derivacion"), {"vencida": "si"})
    codigos = {d.codigo for d in respuesta.context["cl"].result_list}
    assert codigos == {vencida.codigo}
    respuesta = admin_client.get(_url("derivacion"), {"vencida": "no"})
    assert {d.codigo for d in respuesta.context["cl"].result_list} == {al_dia.codigo, resuelta_tarde.codigo}


def test_a_page_of_a_long_list_is_found_by_primary_key_first(admin_client, monkeypatch):
    # Issue 16: the page's ids come from the filter and ordering alone (an index-only scan at 2M),
    # then their rows by primary key, in the same query: same rows, same order, same query count.
    from atenciones.admin.derivaciones import DerivacionAdmin

    monkeypatch.setattr(DerivacionAdmin, "list_per_page", 2)
    ahora, hoy = timezone.now(), timezone.localdate()
    vencidas = []
    for dias in (5, 1, 4, 2, 3):
        d = DerivacionFactory(fecha_limite=hoy - datetime.timedelta(days=1))
        Derivacion.objects.filter(pk=d.pk).update(fecha_envio=ahora - datetime.timedelta(days=dias))
        vencidas.append((dias, d.codigo))
    DerivacionFactory()  # on time: filtered out
    newest_first = [codigo for _dias, codigo in sorted(vencidas)]
    with CaptureQueriesContext(connection) as diferidas:
        cl = admin_client.get(_url("derivacion"), {"vencida": "si", "p": 2}).context["cl"]
    assert [d.codigo for d in cl.result_list] == newest_first[2:4]
    assert any('"atenciones_derivacion"."id" IN (SELECT' in q["sql"] for q in diferidas.captured_queries)
    monkeypatch.setattr(PaginadorRapido, "DIFERIR", False)
    with CaptureQueriesContext(connection) as directas:
        cl = admin_client.get(_url("derivacion"), {"vencida": "si", "p": 2}).context["cl"]
    assert [d.codigo for d in cl.result_list] == newest_first[2:4]
    assert len(diferidas.captured_queries) == len(directas.captured_queries)


def test_filters_by_nationality_professional_and_topic(admin_client, profesional):
    PersonaFactory(nacionalidad="HT")
    PersonaFactory(nacionalidad="ES")
    cl = admin_client.get(_url("persona"), {"nacionalidad": "otras"}).context["cl"]
    assert [p.nacionalidad.code for p in cl.result_list] == ["ES"]
    mio = CasoFactory(asignado_a=profesional)
    CasoFactory()
    cl = admin_client.get(_url("caso"), {"asignado_a_id": profesional.pk}).context["cl"]
    assert list(cl.result_list) == [mio]
    salud = AtencionFactory(temas=["salud", "educacion"])
    AtencionFactory(temas=["trabajo"])
    cl = admin_client.get(_url("atencion"), {"tema": "salud"}).context["cl"]
    assert list(cl.result_list) == [salud]


def test_date_drill_down_lists_years_and_months_without_scanning(admin_client):
    AtencionFactory(fecha_hora=timezone.now() - datetime.timedelta(days=400))
    AtencionFactory()
    contenido = admin_client.get(_url("atencion")).content.decode()
    anio = timezone.localdate().year
    assert f"fecha_hora__year={anio - 1}" in contenido and f"fecha_hora__year={anio}" in contenido
    contenido = admin_client.get(_url("atencion"), {"fecha_hora__year": anio}).content.decode()
    assert f"fecha_hora__month={timezone.localdate().month}" in contenido


# --- writes through the services -----------------------------------------------------------------


def _accion(client, modelo, accion, objetos, **datos):
    return client.post(
        _url(modelo), {"action": accion, ACTION_CHECKBOX_NAME: [o.pk for o in objetos], **datos}, follow=False
    )


def test_reassign_cases_asks_for_the_professional_then_reassigns(admin_client, profesional):
    casos = [CasoFactory(), CasoFactory()]
    respuesta = _accion(admin_client, "caso", "reasignar", casos)
    assert respuesta.status_code == 200
    assert "Nuevo profesional a cargo" in respuesta.content.decode()
    respuesta = _accion(admin_client, "caso", "reasignar", casos, confirmar="1", asignado_a=profesional.pk)
    assert respuesta.status_code == 302
    assert set(Caso.objects.values_list("asignado_a", flat=True)) == {profesional.pk}


def test_reassign_refuses_someone_outside_the_office(admin_client, extrano):
    caso = CasoFactory()
    respuesta = _accion(admin_client, "caso", "reasignar", [caso], confirmar="1", asignado_a=extrano.pk)
    assert respuesta.status_code == 200  # the form again, with its error
    caso.refresh_from_db()
    assert caso.asignado_a != extrano


def test_close_cases_with_a_reason_goes_through_the_service(admin_client):
    abierto, cerrado = CasoFactory(), CasoFactory()
    cerrado.estado, cerrado.cerrado_en, cerrado.motivo_cierre = (
        EstadoCaso.CERRADO,
        timezone.localdate(),
        "otro",
    )
    cerrado.save()
    # Without a reason: the form again, nothing closed.
    respuesta = _accion(admin_client, "caso", "cerrar", [abierto], confirmar="1", motivo_cierre="")
    assert respuesta.status_code == 200 and "Este campo es obligatorio" in respuesta.content.decode()
    abierto.refresh_from_db()
    assert abierto.estado == EstadoCaso.ABIERTO
    respuesta = _accion(
        admin_client,
        "caso",
        "cerrar",
        [abierto, cerrado],
        confirmar="1",
        motivo_cierre=MotivoCierre.RESUELTO,
        nota="Obtuvo su residencia.",
    )
    abierto.refresh_from_db()
    assert (abierto.estado, abierto.motivo_cierre, abierto.cerrado_en) == (
        EstadoCaso.CERRADO,
        MotivoCierre.RESUELTO,
        timezone.localdate(),
    )
    mensajes = [str(m) for m in respuesta.wsgi_request._messages]
    assert "Casos cerrados: 1." in mensajes
    assert any("El caso ya está cerrado." in m for m in mensajes)


def test_case_state_fields_are_read_only_in_the_form(admin_client, profesional):
    caso = CasoFactory()
    respuesta = admin_client.get(_url("caso", "change", caso.pk))
    formulario = respuesta.context["adminform"].form
    assert "estado" not in formulario.fields and "asignado_a" not in formulario.fields
    admin_client.post(
        _url("caso", "change", caso.pk),
        {
            "motivo": "Otro motivo",
            "area": caso.area,
            "prioridad": "alta",
            "estado": "cerrado",
            "asignado_a": profesional.pk,
        },
    )
    caso.refresh_from_db()
    assert (caso.estado, caso.motivo, caso.prioridad) == (EstadoCaso.ABIERTO, "Otro motivo", "alta")
    assert caso.asignado_a != profesional


def test_adding_a_case_in_the_admin_opens_it_through_the_service(admin_client, profesional):
    persona = PersonaFactory()
    respuesta = admin_client.post(
        _url("caso", "add"),
        {
            "persona": persona.pk,
            "motivo": "Regularizar",
            "area": "regularizacion",
            "prioridad": "media",
            "asignado_a": profesional.pk,
        },
    )
    assert respuesta.status_code == 302
    caso = Caso.objects.get(persona=persona)
    assert (caso.estado, caso.abierto_en) == (EstadoCaso.ABIERTO, timezone.localdate())


def test_referral_state_change_writes_an_event(admin_client, encargada):
    derivacion = DerivacionFactory()
    url = reverse("admin:atenciones_derivacion_estado", args=[derivacion.pk])
    contenido = admin_client.get(url).content.decode()
    assert "Recibida" in contenido and 'value="resuelta"' not in contenido  # only legal moves offered
    respuesta = admin_client.post(
        url, {"nuevo_estado": "recibida", "nota": "Llamé", "estado_esperado": "enviada"}
    )
    assert respuesta.status_code == 302
    derivacion.refresh_from_db()
    assert derivacion.estado == EstadoDerivacion.RECIBIDA
    evento = EventoDerivacion.objects.filter(derivacion=derivacion).last()
    assert (evento.estado_anterior, evento.estado_nuevo, evento.usuario, evento.nota) == (
        "enviada",
        "recibida",
        encargada,
        "Llamé",
    )


def test_stale_or_illegal_referral_moves_are_refused_with_a_message(admin_client):
    derivacion = DerivacionFactory(estado=EstadoDerivacion.RECIBIDA)
    url = reverse("admin:atenciones_derivacion_estado", args=[derivacion.pk])
    # The page was opened while it was "enviada": the service refuses, nothing changes.
    respuesta = admin_client.post(
        url,
        {"nuevo_estado": "rechazada", "motivo_rechazo": "sin_cupo", "estado_esperado": "enviada"},
        follow=True,
    )
    assert "cambió mientras usted la revisaba" in respuesta.content.decode()
    derivacion.refresh_from_db()
    assert derivacion.estado == EstadoDerivacion.RECIBIDA
    assert EventoDerivacion.objects.filter(derivacion=derivacion).count() == 1
    # An illegal move from the bulk action: refused with an error message.
    resuelta = DerivacionFactory(estado=EstadoDerivacion.RESUELTA, respuesta="Listo.")
    respuesta = _accion(
        admin_client,
        "derivacion",
        "marcar_recibidas",
        [resuelta],
    )
    mensajes = [str(m) for m in respuesta.wsgi_request._messages]
    assert any("No se puede pasar una derivación de «Resuelta» a «Recibida»." in m for m in mensajes)
    resuelta.refresh_from_db()
    assert resuelta.estado == EstadoDerivacion.RESUELTA


def test_resolving_needs_an_answer(admin_client):
    derivacion = DerivacionFactory(estado=EstadoDerivacion.EN_ATENCION)
    url = reverse("admin:atenciones_derivacion_estado", args=[derivacion.pk])
    respuesta = admin_client.post(url, {"nuevo_estado": "resuelta", "estado_esperado": "en_atencion"})
    assert respuesta.status_code == 200
    assert "Escriba la respuesta" in respuesta.content.decode()
    derivacion.refresh_from_db()
    assert derivacion.estado == EstadoDerivacion.EN_ATENCION


def test_cancelling_referrals_asks_for_confirmation_first(admin_client):
    derivacion = DerivacionFactory()
    respuesta = _accion(admin_client, "derivacion", "cancelar", [derivacion])
    assert respuesta.status_code == 200 and "Sí, cancelarlas" in respuesta.content.decode()
    derivacion.refresh_from_db()
    assert derivacion.estado == EstadoDerivacion.ENVIADA
    _accion(admin_client, "derivacion", "cancelar", [derivacion], confirmar="1")
    derivacion.refresh_from_db()
    assert derivacion.estado == EstadoDerivacion.CANCELADA


def test_referrals_cannot_be_added_or_their_state_edited_in_the_form(admin_client):
    assert admin_client.get(_url("derivacion", "add")).status_code == 403
    derivacion = DerivacionFactory()
    formulario = admin_client.get(_url("derivacion", "change", derivacion.pk)).context["adminform"].form
    assert {"estado", "respuesta", "fecha_cierre", "departamento"}.isdisjoint(formulario.fields)


# --- export -------------------------------------------------------------------------------------


def _exportar(client, modelo, objetos, **datos):
    return _accion(client, modelo, "exportar_seleccion", objetos, confirmar="1", **datos)


def test_export_persons_to_xlsx_leaves_out_sensitive_data_unless_asked(admin_client):
    personas = [PersonaFactory(nombres='=HYPERLINK("http://x")', violencia=True), PersonaFactory()]
    respuesta = _exportar(admin_client, "persona", personas, formato="xlsx")
    assert respuesta["Content-Type"].startswith("application/vnd.openxmlformats")
    hoja = openpyxl.load_workbook(io.BytesIO(respuesta.content)).active
    encabezados = [c.value for c in hoja[1]]
    assert "nombres" in encabezados and "situaciones de vulnerabilidad" not in encabezados
    celdas = [c for fila in hoja.iter_rows(min_row=2) for c in fila]
    assert '=HYPERLINK("http://x")' in [c.value for c in celdas]
    assert all(c.data_type != "f" for c in celdas)

    respuesta = _exportar(admin_client, "persona", personas, formato="xlsx", incluir_notas="on")
    hoja = openpyxl.load_workbook(io.BytesIO(respuesta.content)).active
    assert "situaciones de vulnerabilidad" in [c.value for c in hoja[1]]


def test_export_attentions_to_csv_neutralises_formulas_and_notes_only_when_asked(admin_client):
    atencion = AtencionFactory(notas="=cmd|' /C calc'!A0", resultado="@SUM(1)")
    texto = _exportar(admin_client, "atencion", [atencion], formato="csv").content.decode("utf-8-sig")
    assert "'@SUM(1)" in texto and "calc" not in texto
    texto = _exportar(admin_client, "atencion", [atencion], formato="csv", incluir_notas="on").content.decode(
        "utf-8-sig"
    )
    assert "'=cmd|' /C calc'!A0" in texto.replace('"', "")


def test_export_first_shows_the_options(admin_client):
    respuesta = _accion(admin_client, "caso", "exportar_seleccion", [CasoFactory()])
    assert respuesta.status_code == 200
    assert "Incluir notas y datos sensibles" in respuesta.content.decode()


def test_professional_cannot_enter_the_admin(client, profesional):
    client.force_login(profesional)
    respuesta = client.get(reverse("admin:index"))
    assert respuesta.status_code == 302 and "/login/" in respuesta["Location"]
    respuesta = _exportar(client, "persona", [PersonaFactory()], formato="xlsx")
    assert respuesta.status_code == 302 and "/login/" in respuesta["Location"]


def test_professional_granted_the_admin_still_cannot_export(client, profesional):
    profesional.is_staff = True
    profesional.save()
    client.force_login(profesional)
    respuesta = client.get(_url("persona"))
    assert respuesta.status_code == 200
    assert "exportar_seleccion" not in respuesta.content.decode()
    respuesta = _exportar(client, "persona", [PersonaFactory()], formato="xlsx")
    assert not respuesta.get("Content-Type", "").startswith("application/vnd.openxmlformats")


def test_export_permission_belongs_to_the_office_head_group_only():
    permiso = Permission.objects.get(codename="exportar_datos")
    assert set(permiso.group_set.values_list("name", flat=True)) == {roles.ENCARGADA}


def test_hogar_admin_records_who_created_it(admin_client, encargada):
    admin_client.post(_url("hogar", "add"), {"nombre": "Familia Joseph", "direccion": "", **_inline_vacio()})
    assert Hogar.objects.get(nombre="Familia Joseph").creado_por == encargada


def _inline_vacio():
    prefijo = "miembros"
    return {f"{prefijo}-TOTAL_FORMS": "0", f"{prefijo}-INITIAL_FORMS": "0"}


def test_departments_list_their_open_and_overdue_referrals(admin_client, salud, educacion):
    DerivacionFactory(departamento=salud)
    DerivacionFactory(departamento=salud, fecha_limite=timezone.localdate() - datetime.timedelta(days=1))
    DerivacionFactory(departamento=salud, estado=EstadoDerivacion.RESUELTA, respuesta="Listo.")
    filas = {
        d.nombre: (d.n_abiertas, d.n_vencidas)
        for d in admin_client.get(_url("departamento")).context["cl"].result_list
    }
    assert filas == {"Salud Municipal": (2, 1), "SLEP Valparaíso": (0, 0)}


def test_office_head_flow_with_the_django_client(client, encargada, profesional):
    # The done-when flow without a browser: sign in, overdue referrals, reassign, export, indicators.
    encargada.set_password("clave-larga-de-prueba")
    encargada.save()
    assert client.login(username="encargada", password="clave-larga-de-prueba")
    assert client.get(reverse("admin:index")).status_code == 200
    vencida = DerivacionFactory(fecha_limite=timezone.localdate() - datetime.timedelta(days=1))
    DerivacionFactory()
    cl = client.get(_url("derivacion"), {"vencida": "si"}).context["cl"]
    assert list(cl.result_list) == [vencida]
    caso = CasoFactory()
    _accion(client, "caso", "reasignar", [caso], confirmar="1", asignado_a=profesional.pk)
    caso.refresh_from_db()
    assert caso.asignado_a == profesional
    personas = [PersonaFactory(), PersonaFactory()]
    libro = openpyxl.load_workbook(io.BytesIO(_exportar(client, "persona", personas, formato="xlsx").content))
    assert {fila[0] for fila in libro.active.iter_rows(min_row=2, values_only=True)} == {
        p.pk for p in personas
    }
    hoy = timezone.localdate()
    periodo = {"tipo": "anio", "anio": hoy.year - 1}
    cache.clear()  # indicators are cached per period
    assert client.get(reverse("equipo:indicadores"), periodo).status_code == 200
    reporte = client.get(reverse("equipo:indicadores_reporte"), periodo)
    assert openpyxl.load_workbook(io.BytesIO(reporte.content)).sheetnames[0] == "Portada"


def test_export_permission_comes_back_when_groups_are_resynced():
    # A test flush empties the groups; sincronizar_grupos (post_migrate) must restore the export right.
    from django.contrib.auth.models import Group

    Group.objects.filter(name=roles.ENCARGADA).delete()
    roles.sincronizar_grupos()
    grupo = Group.objects.get(name=roles.ENCARGADA)
    assert grupo.permissions.filter(codename="exportar_datos").exists()


def test_fast_action_checkbox_is_the_same_input_django_renders():
    # CasillaRapida skips the form renderer, not a single character of the markup.
    from django.contrib import admin as django_admin
    from django.contrib.admin.options import ModelAdmin

    from atenciones.models import Persona, RegistroAcceso

    persona = Persona(pk=7, nombres="Ana", apellidos="Pérez <b>")
    for modelo, obj in ((Persona, persona), (RegistroAcceso, RegistroAcceso(pk=3, detalle="x"))):
        modelo_admin = django_admin.site._registry[modelo]
        assert modelo_admin.action_checkbox(obj) == ModelAdmin.action_checkbox(modelo_admin, obj)
