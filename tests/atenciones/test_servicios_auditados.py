"""Every service names its actor in the change history; bulk changes leave one entry per row."""

import datetime
import importlib
import inspect
import io
import pkgutil

import pytest
from auditlog.context import set_actor
from auditlog.models import LogEntry
from django.core.exceptions import ImproperlyConfigured
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

import atenciones.services as paquete_servicios
from atenciones.choices import Canal, EstadoCaso, EstadoDerivacion, MotivoCierre, ResultadoSeguimiento
from atenciones.models import Caso, Inscripcion, Persona
from oficina.choices import Area, Tema
from oficina.models import LineaPlan, PlanTrabajo
from tests.factories import (
    ActividadFactory,
    CasoFactory,
    DerivacionFactory,
    HogarFactory,
    PersonaFactory,
    ProgramaFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def _servicios_publicos():
    """Every public function defined in a public module of `atenciones.services`."""
    encontrados = {}
    for info in pkgutil.iter_modules(paquete_servicios.__path__):
        if info.name.startswith("_"):
            continue
        modulo = importlib.import_module(f"{paquete_servicios.__name__}.{info.name}")
        for nombre, objeto in vars(modulo).items():
            if (
                nombre.startswith("_")
                or not inspect.isfunction(objeto)
                or objeto.__module__ != modulo.__name__
            ):
                continue
            encontrados[f"{info.name}.{nombre}"] = objeto
    return encontrados


SERVICIOS = _servicios_publicos()


# For each service: set up what it needs (before the history is read), return the call made by
# actor `a`. `f` is the service, `c` the cast.
ESCENARIOS = {}


def escenario(nombre):
    def registrar(funcion):
        ESCENARIOS[nombre] = funcion
        return funcion

    return registrar


@escenario("atenciones.registrar_atencion")
def _registrar_atencion(c, f, a):
    p = PersonaFactory()
    return lambda: f(persona=p, profesional=a, temas=[Tema.SALUD], canal=Canal.PRESENCIAL)


@escenario("atenciones.registrar_atencion_completa")
def _registrar_atencion_completa(c, f, a):
    p = PersonaFactory()
    atencion = {"temas": [Tema.SALUD], "canal": Canal.PRESENCIAL}
    nuevo_caso = {"motivo": "Residencia", "area": Area.REGULARIZACION}
    return lambda: f(persona=p, profesional=a, atencion=atencion, nuevo_caso=nuevo_caso)


@escenario("casos.abrir_caso")
def _abrir_caso(c, f, a):
    p = PersonaFactory()
    return lambda: f(
        persona=p, motivo="Residencia", area=Area.REGULARIZACION, asignado_a=c["profesional"], usuario=a
    )


@escenario("casos.actualizar_caso")
def _actualizar_caso(c, f, a):
    caso = CasoFactory()
    return lambda: f(caso=caso, usuario=a, prioridad="alta")


@escenario("casos.cerrar_caso")
def _cerrar_caso(c, f, a):
    caso = CasoFactory()
    return lambda: f(caso=caso, motivo_cierre=MotivoCierre.RESUELTO, usuario=a)


@escenario("casos.reabrir_caso")
def _reabrir_caso(c, f, a):
    caso = CasoFactory(
        estado=EstadoCaso.CERRADO, motivo_cierre=MotivoCierre.RESUELTO, cerrado_en=timezone.localdate()
    )
    return lambda: f(caso=caso, usuario=a)


@escenario("casos.reasignar_caso")
def _reasignar_caso(c, f, a):
    caso = CasoFactory()
    return lambda: f(caso=caso, asignado_a=c["profesional"], usuario=a)


@escenario("casos.reasignar_casos")
def _reasignar_casos(c, f, a):
    ids = [caso.pk for caso in CasoFactory.create_batch(2)]
    return lambda: f(casos_ids=ids, asignado_a=c["profesional"], usuario=a)


@escenario("derivaciones.derivar")
def _derivar(c, f, a):
    p = PersonaFactory()
    return lambda: f(
        persona=p,
        derivado_por=a,
        tema=Tema.SALUD,
        motivo="CESFAM",
        consentimiento=True,
        departamento=c["salud"],
    )


@escenario("derivaciones.cambiar_estado_derivacion")
def _cambiar_estado_derivacion(c, f, a):
    d = DerivacionFactory()
    return lambda: f(derivacion=d, nuevo_estado=EstadoDerivacion.RECIBIDA, usuario=a)


@escenario("derivaciones.registrar_seguimiento")
def _registrar_seguimiento(c, f, a):
    d = DerivacionFactory()
    return lambda: f(derivacion=d, usuario=a, resultado=ResultadoSeguimiento.CONTACTADO)


@escenario("derivaciones.aceptar_derivacion")
def _aceptar_derivacion(c, f, a):
    d = DerivacionFactory()
    return lambda: f(derivacion=d, usuario=a)


def _derivacion_externa():
    from tests.factories import OrganizacionFactory

    org = OrganizacionFactory(email="ong@example.org", responde_por_enlace=True)
    return DerivacionFactory(departamento=None, organizacion=org)


@escenario("derivaciones.emitir_enlace")
def _emitir_enlace(c, f, a):
    d = _derivacion_externa()
    return lambda: f(derivacion=d, usuario=a)


@escenario("derivaciones.revocar_enlace")
def _revocar_enlace(c, f, a):
    from atenciones.services import emitir_enlace

    enlace = emitir_enlace(derivacion=_derivacion_externa(), usuario=c["profesional"])
    return lambda: f(enlace=enlace, usuario=a)


@escenario("derivaciones.responder_externo")
def _responder_externo(c, f, a):
    from atenciones.services import emitir_enlace

    enlace = emitir_enlace(derivacion=_derivacion_externa(), usuario=c["profesional"])
    return lambda: f(enlace=enlace, accion="aceptar", usuario=a)


@escenario("casos.crear_tarea")
def _crear_tarea(c, f, a):
    caso = CasoFactory()
    return lambda: f(
        caso=caso, descripcion="Llamar", vence=timezone.localdate(), responsable=c["profesional"], usuario=a
    )


@escenario("casos.marcar_tarea")
def _marcar_tarea(c, f, a):
    from atenciones.services import crear_tarea

    tarea = crear_tarea(
        caso=CasoFactory(),
        descripcion="Llamar",
        vence=timezone.localdate(),
        responsable=c["profesional"],
        usuario=c["profesional"],
    )
    return lambda: f(tarea=tarea, usuario=a)


@escenario("casos.vincular_a_caso")
def _vincular_a_caso(c, f, a):
    caso = CasoFactory()
    d = DerivacionFactory(persona=caso.persona)
    return lambda: f(caso=caso, tipo="derivacion", objeto_id=d.pk, usuario=a)


@escenario("casos.desvincular_de_caso")
def _desvincular_de_caso(c, f, a):
    caso = CasoFactory()
    d = DerivacionFactory(persona=caso.persona, caso=caso)
    return lambda: f(caso=caso, tipo="derivacion", objeto_id=d.pk, usuario=a)


@escenario("hogares.crear_hogar")
def _crear_hogar(c, f, a):
    return lambda: f(nombre="Familia Pérez", creado_por=a)


@escenario("hogares.agregar_miembro")
def _agregar_miembro(c, f, a):
    h, p = HogarFactory(), PersonaFactory()
    return lambda: f(hogar=h, persona=p, relacion="pareja", usuario=a)


@escenario("hogares.quitar_miembro")
def _quitar_miembro(c, f, a):
    adulto, _nino = _hogar_con_nino(tutor=True)
    return lambda: f(persona=adulto, usuario=a)


@escenario("hogares.asignar_tutor")
def _asignar_tutor(c, f, a):
    adulto, nino = _hogar_con_nino()
    return lambda: f(persona=nino, tutor=adulto, usuario=a)


@escenario("personas.registrar_persona")
def _registrar_persona(c, f, a):
    return lambda: f(creado_por=a, nombres="José", apellidos="Núñez")


@escenario("personas.actualizar_persona")
def _actualizar_persona(c, f, a):
    p = PersonaFactory()
    return lambda: f(persona=p, usuario=a, telefono="+56911112222")


@escenario("privacidad.anonimizar_persona")
@escenario("privacidad.bloquear_persona")
def _bloquear_persona(c, f, a):
    p = PersonaFactory()
    return lambda: f(persona=p, usuario=a)


@escenario("privacidad.desbloquear_persona")
def _desbloquear_persona(c, f, a):
    p = PersonaFactory(bloqueada=True)
    return lambda: f(persona=p, usuario=a)


@escenario("privacidad.cambiar_estado_solicitud")
def _cambiar_estado_solicitud(c, f, a):
    from atenciones.models import SolicitudDerecho

    s = SolicitudDerecho.objects.create(tipo="acceso", solicitante="Ana")
    return lambda: f(solicitud=s, estado="respondida", resultado="Datos entregados.", usuario=a)


@escenario("privacidad.purgar_registro_accesos")
def _purgar_registro_accesos(c, f, a):
    return lambda: f(anos=2, usuario=a)


def _linea_plan():
    plan = PlanTrabajo.objects.create(
        nombre="Plan", desde=datetime.date(2026, 1, 1), hasta=datetime.date(2027, 12, 31)
    )
    return LineaPlan.objects.create(plan=plan, compromiso="marco", eje="transversal", titulo="Unidad")


@escenario("sello.adjuntar_evidencia")
def _adjuntar_evidencia(c, f, a):
    linea = _linea_plan()
    archivo = SimpleUploadedFile("acta.pdf", b"%PDF-1.4 acta", content_type="application/pdf")
    return lambda: f(linea=linea, titulo="Acta", archivo=archivo, subida_por=a)


@escenario("sello.guardar_narrativa")
def _guardar_narrativa(c, f, a):
    plan = _linea_plan().plan
    return lambda: f(plan=plan, compromiso="marco", texto="La oficina lidera.", usuario=a)


@escenario("sello.inscribir_en_programa")
def _inscribir_en_programa(c, f, a):
    programa, p = ProgramaFactory(), PersonaFactory()
    return lambda: f(programa=programa, persona=p, usuario=a)


@escenario("sello.registrar_asistencia")
def _registrar_asistencia(c, f, a):
    sesion, p = ActividadFactory(), PersonaFactory()
    Inscripcion.objects.create(
        programa=sesion.programa, persona=p, fecha=timezone.localdate(), inscrita_por=a
    )
    return lambda: f(actividad=sesion, personas=[p], usuario=a)


@escenario("sello.registrar_tramite_operativo")
def _registrar_tramite_operativo(c, f, a):
    sesion, p = ActividadFactory(), PersonaFactory()
    return lambda: f(
        actividad=sesion, persona=p, tipo="solicitud_residencia", numero_solicitud="S-1", usuario=a
    )


def _hogar_con_nino(*, tutor=False):
    hogar = HogarFactory()
    adulto = PersonaFactory(hogar=hogar, relacion_hogar="jefatura")
    nino = PersonaFactory(hogar=hogar, relacion_hogar="hijo", nna=True, tutor=adulto if tutor else None)
    return adulto, nino


@pytest.mark.parametrize("nombre", sorted(SERVICIOS))
def test_every_public_service_leaves_history_naming_its_actor(nombre, encargada, profesional, salud):
    assert nombre in ESCENARIOS, f"servicio nuevo sin escenario de auditoría: agregue {nombre} a ESCENARIOS"
    reparto = {"profesional": profesional, "salud": salud}
    llamar = ESCENARIOS[nombre](reparto, SERVICIOS[nombre], encargada)  # set-up happens here
    ultimo = LogEntry.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    llamar()
    nuevas = list(LogEntry.objects.filter(pk__gt=ultimo))
    assert nuevas, f"{nombre} no dejó historial"
    assert {e.actor for e in nuevas} == {encargada}


# Issue #11: documents, the duplicate queue, merges.
def _gemelas():
    import datetime

    a = PersonaFactory(nombres="Yusmary", apellidos="Peña", fecha_nacimiento=datetime.date(1990, 1, 1))
    b = PersonaFactory(nombres="Yusmari", apellidos="Pena", fecha_nacimiento=datetime.date(1990, 1, 1))
    return a, b


@escenario("documentos.agregar_documento")
def _agregar_documento(c, f, a):
    p = PersonaFactory()
    return lambda: f(persona=p, usuario=a, tipo="fonasa", numero="F1234", vigente=True)


@escenario("duplicados.recalcular_pares")
def _recalcular_pares(c, f, a):
    _a, b = _gemelas()
    return lambda: f(b.pk, usuario=a)


@escenario("duplicados.recalcular_todos")
def _recalcular_todos(c, f, a):
    _gemelas()
    return lambda: f(usuario=a)


@escenario("duplicados.marcar_distintas")
def _marcar_distintas(c, f, a):
    from atenciones.models import ParDuplicado

    x, y = _gemelas()
    par = ParDuplicado.objects.create(persona_a=x, persona_b=y, probabilidad=90)
    return lambda: f(par=par, usuario=a)


@escenario("fusion.fusionar_personas")
def _fusionar_personas(c, f, a):
    x, y = _gemelas()
    return lambda: f(superviviente=x, absorbida=y, usuario=a)


# Issue #12: imports. Each call is made by the office head; the dry run writes no attentions.
def _csv_subido(a):
    import io

    from atenciones.services.importacion import crear_lote

    contenido = b"Nombre;Apellidos;Fecha\r\nAna;Rojas;01-02-2023\r\n"
    return crear_lote(archivo=io.BytesIO(contenido), nombre="planilla.csv", usuario=a)


@escenario("importacion.crear_lote")
def _crear_lote(c, f, a):
    import io

    contenido = b"Nombre;Apellidos;Fecha\r\nAna;Rojas;01-02-2023\r\n"
    return lambda: f(archivo=io.BytesIO(contenido), nombre="planilla.csv", usuario=a)


@escenario("importacion.ajustar_mapeo")
def _ajustar_mapeo(c, f, a):
    lote = _csv_subido(a)
    return lambda: f(lote=lote, usuario=a, mapeo={0: "nombres", 2: "fecha_atencion"}, guardar_como="Prueba")


@escenario("importacion.simular_lote")
def _simular_lote(c, f, a):
    lote = _csv_subido(a)
    return lambda: f(lote=lote, usuario=a)


@escenario("importacion.ejecutar_lote")
def _ejecutar_lote(c, f, a):
    from atenciones.models import LoteImportacion

    lote = _csv_subido(a)
    LoteImportacion.objects.filter(pk=lote.pk).update(estado="en_cola", simulacion=True)
    return lambda: f(lote.pk, usuario=a)


@escenario("importacion.importar_lote")
def _importar_lote(c, f, a):
    from atenciones.models import LoteImportacion

    lote = _csv_subido(a)
    LoteImportacion.objects.filter(pk=lote.pk).update(estado="simulado", simulacion=True)
    return lambda: f(lote=lote, usuario=a, en_segundo_plano=False)


@escenario("importacion.deshacer_lote")
def _deshacer_lote(c, f, a):
    from atenciones.models import LoteImportacion

    lote = _csv_subido(a)
    LoteImportacion.objects.filter(pk=lote.pk).update(estado="importado", terminado=timezone.now())
    return lambda: f(lote=lote, usuario=a)


@escenario("importacion.ejecutar_deshacer")
def _ejecutar_deshacer(c, f, a):
    from atenciones.models import LoteImportacion

    lote = _csv_subido(a)
    LoteImportacion.objects.filter(pk=lote.pk).update(
        estado="deshaciendo", terminado=timezone.now(), deshacer_total=0
    )
    return lambda: f(lote.pk, usuario=a)


@escenario("importacion.borrar_archivos_vencidos")
def _borrar_archivos_vencidos(c, f, a):
    import datetime

    from atenciones.models import LoteImportacion

    lote = _csv_subido(a)
    LoteImportacion.objects.filter(pk=lote.pk).update(creado=timezone.now() - datetime.timedelta(days=400))
    return lambda: f(usuario=a)


def test_the_walk_finds_the_services_of_every_module():
    # Guards the introspection itself: one known function of each module is found.
    assert {n.split(".")[0] for n in SERVICIOS} == {
        "atenciones",
        "casos",
        "derivaciones",
        "documentos",  # issue #11
        "duplicados",  # issue #11
        "fusion",  # issue #11
        "importacion",  # issue #12
        "hogares",
        "personas",
        "privacidad",
        "sello",
    }
    assert len(SERVICIOS) == len(ESCENARIOS)


def test_a_service_run_without_a_user_acts_as_the_system_user_who_cannot_log_in(profesional):
    caso = CasoFactory()
    _auditoria_antes = LogEntry.objects.count()
    paquete_servicios.cerrar_caso(caso=caso, motivo_cierre=MotivoCierre.RESUELTO)
    entrada = LogEntry.objects.order_by("-pk").first()
    assert LogEntry.objects.count() == _auditoria_antes + 1
    sistema = entrada.actor
    assert sistema.username == "sistema"
    assert not sistema.is_superuser and not sistema.is_staff and not sistema.is_active
    assert not sistema.has_usable_password()
    assert not Client().login(username="sistema", password="")
    # Created once, reused.
    paquete_servicios.reabrir_caso(caso=caso)
    assert LogEntry.objects.order_by("-pk").first().actor == sistema


def test_retention_command_records_the_system_user_as_actor():
    persona = PersonaFactory()
    from atenciones.services.privacidad import anonimizar_persona

    # Same call the command makes for each inactive person, then the command itself.
    anonimizar_persona(persona=persona, usuario=None)
    entrada = LogEntry.objects.get_for_object(persona).order_by("-pk").first()
    assert entrada.actor.username == "sistema"
    call_command("retencion", "--apply", stdout=io.StringIO())
    purga = LogEntry.objects.order_by("-pk").first()
    assert purga.actor.username == "sistema" and purga.action == LogEntry.Action.DELETE


def test_a_service_inside_a_request_keeps_the_requests_actor_for_later_changes(profesional, encargada):
    caso = CasoFactory()
    persona = PersonaFactory()
    with set_actor(profesional):
        paquete_servicios.cerrar_caso(caso=caso, motivo_cierre=MotivoCierre.RESUELTO, usuario=encargada)
        persona.telefono = "+56933334444"
        persona.save()
    assert LogEntry.objects.get_for_object(caso).latest("pk").actor == encargada
    assert LogEntry.objects.get_for_object(persona).latest("pk").actor == profesional


def test_bulk_reassignment_leaves_one_entry_per_case_moved(profesional, encargada):
    casos = CasoFactory.create_batch(3, asignado_a=profesional)
    ya_suyo = CasoFactory(asignado_a=encargada)
    movidos = paquete_servicios.reasignar_casos(
        casos_ids=[c.pk for c in [*casos, ya_suyo]], asignado_a=encargada, usuario=encargada
    )
    assert movidos == 3
    for caso in casos:
        entrada = LogEntry.objects.get_for_object(caso).latest("pk")
        assert entrada.actor == encargada
        assert entrada.changes == {"asignado_a": [str(profesional.pk), str(encargada.pk)]}
    assert not LogEntry.objects.get_for_object(ya_suyo).filter(action=LogEntry.Action.UPDATE).exists()


def test_removing_a_guardian_records_the_unlinking_of_each_ward(profesional):
    hogar = HogarFactory()
    padre = PersonaFactory(hogar=hogar, relacion_hogar="jefatura")
    hijos = PersonaFactory.create_batch(2, hogar=hogar, relacion_hogar="hijo", nna=True, tutor=padre)
    paquete_servicios.quitar_miembro(persona=padre, usuario=profesional)
    for hijo in hijos:
        hijo.refresh_from_db()
        assert hijo.tutor is None and hijo.modificado_por == profesional
        entrada = LogEntry.objects.get_for_object(hijo).latest("pk")
        assert entrada.actor == profesional
        assert entrada.changes["tutor"] == [str(padre.pk), "None"]


def test_erasure_leaves_redacted_entries_for_the_texts_it_blanks(encargada):
    persona = PersonaFactory()
    caso = CasoFactory(persona=persona, motivo="Violencia intrafamiliar de su pareja Juan")
    from atenciones.services.privacidad import anonimizar_persona

    anonimizar_persona(persona=persona, usuario=encargada)
    entrada = LogEntry.objects.get_for_object(caso).latest("pk")
    assert entrada.actor == encargada
    assert entrada.changes == {"motivo": ["[anonimizado]", "[anonimizado]"]}
    assert "Juan" not in str(list(LogEntry.objects.values_list("changes", "object_repr")))
    assert Caso.objects.get(pk=caso.pk).motivo == "[anonimizado]"
    assert Persona.objects.get(pk=persona.pk).anonimizada_en is not None


def test_a_real_account_named_sistema_is_never_used_as_the_system(profesional):
    real = UserFactory(username="sistema")
    with pytest.raises(ImproperlyConfigured, match="sistema"):
        paquete_servicios.cerrar_caso(caso=CasoFactory(), motivo_cierre=MotivoCierre.RESUELTO)
    real.refresh_from_db()
    assert real.has_usable_password() and real.is_active
