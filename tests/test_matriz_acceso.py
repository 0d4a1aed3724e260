"""Access matrix: every URL pattern of the project, for every role, answers as this table says.

The test walks the URL resolver (admin included). A pattern missing from the table fails the test,
so a new page cannot slip in unguarded: add it to MATRIZ (or to ADMIN_MODELOS for an admin model)
with what each role must get.

Answers: 200; LOGIN (redirect to the staff login); ADMIN_LOGIN (redirect to the admin login);
302 (another redirect); 403; 404; 405 (wrong method: the page only takes POST).
"""

import datetime
import re

import pytest
from auditlog.context import set_actor
from auditlog.models import LogEntry
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone, translation
from django_q.models import OrmQ, Schedule, Task

from atenciones.auditoria import registrar_acceso
from atenciones.models import (
    BrechaSeguridad,
    EventoDerivacion,
    FilaImportacion,
    LoteImportacion,
    ParDuplicado,
    SolicitudDerecho,
)
from atenciones.services import actualizar_persona
from atenciones.services.documentos import agregar_documento
from atenciones.services.fusion import fusionar_personas
from atenciones.services.sello import adjuntar_evidencia
from oficina.models import (
    AccionNoDiscriminacion,
    Actividad,
    Capacitacion,
    EspacioParticipacion,
    LineaPlan,
    PlanCapacitacion,
    PlanTrabajo,
    Programa,
)
from tests.factories import (
    AtencionFactory,
    CasoFactory,
    DerivacionFactory,
    HogarFactory,
    OrganizacionFactory,
    PaginaInformativaFactory,
    PersonaFactory,
)

pytestmark = pytest.mark.django_db

ROLES = ("anonimo", "enlace", "profesional", "encargada", "superusuario")
LOGIN, ADMIN_LOGIN = "login", "admin_login"


def todos(respuesta):
    return dict.fromkeys(ROLES, respuesta)


def equipo(personal=200, encargada=None, enlace=404):
    """Staff workspace page: anonymous → login; liaisons (outsiders here) → 404."""
    return {
        "anonimo": LOGIN,
        "enlace": enlace,
        "profesional": personal,
        "encargada": personal if encargada is None else encargada,
        "superusuario": personal if encargada is None else encargada,
    }


def solo_encargada():
    return equipo(personal=404, encargada=200)


def sesion(respuesta=200):
    """Any signed-in user; anonymous → login."""
    return {**todos(respuesta), "anonimo": LOGIN}


def _par(d):
    """A likely duplicate pair of the seeded person (created on first use)."""
    otra = PersonaFactory(nombres=d["persona"].nombres, apellidos=d["persona"].apellidos)
    a, b = sorted((d["persona"].pk, otra.pk))
    par, _creado = ParDuplicado.objects.get_or_create(
        persona_a_id=a, persona_b_id=b, defaults={"probabilidad": 90}
    )
    return par


# name (or route, for unnamed patterns) → (URL kwargs from the seeded data, expected answer per role).
# Several cases for one pattern test object scoping (a liaison's own referral vs another department's).
MATRIZ = {
    "raiz": [(None, todos(302))],
    "salud": [(None, todos(200))],
    "login": [(None, todos(200))],
    "logout": [(None, todos(405))],
    "password_change": [(None, sesion())],
    "password_change_done": [(None, sesion())],
    "password_reset": [(None, todos(200))],
    "password_reset_done": [(None, todos(200))],
    "password_reset_confirm": [(lambda d: {"uidb64": "MQ", "token": "no-es-un-token"}, todos(200))],
    "password_reset_complete": [(None, todos(200))],
    "equipo:mi_dia": [(None, sesion())],
    "equipo:derecho_solicitud": [(lambda d: {"pk": d["solicitud"].pk}, solo_encargada())],
    "equipo:derecho_datos_json": [(lambda d: {"pk": d["solicitud"].pk}, solo_encargada())],
    "equipo:derecho_datos": [(lambda d: {"pk": d["solicitud"].pk}, solo_encargada())],
    "equipo:derecho_anonimizar": [(lambda d: {"pk": d["solicitud"].pk}, solo_encargada())],
    "equipo:derecho_bloqueo": [(lambda d: {"pk": d["solicitud"].pk}, solo_encargada())],
    "equipo:personas": [(None, equipo())],
    "equipo:persona_nueva": [(None, equipo())],
    "equipo:persona": [(lambda d: {"pk": d["persona"].pk}, equipo())],
    "equipo:persona_editar": [(lambda d: {"pk": d["persona"].pk}, equipo())],
    "equipo:persona_atencion": [(lambda d: {"pk": d["persona"].pk}, equipo())],
    "equipo:caso_nuevo": [(lambda d: {"persona_pk": d["persona"].pk}, equipo())],
    "equipo:persona_documentos": [(lambda d: {"pk": d["persona"].pk}, equipo())],
    "equipo:persona_vincular": [
        (lambda d: {"pk": d["persona"].pk}, todos(405)),
        (lambda d: {"pk": d["persona"].pk}, equipo(personal=302), "post"),
    ],
    # Duplicate review and merge (issue #11): the office head's permission only.
    "equipo:duplicados": [(None, solo_encargada())],
    "equipo:duplicado_fusionar": [(lambda d: {"pk": _par(d).pk}, solo_encargada())],
    "equipo:duplicado_distintas": [
        (lambda d: {"pk": _par(d).pk}, todos(405)),
        (lambda d: {"pk": _par(d).pk}, equipo(personal=404, encargada=302), "post"),
    ],
    "equipo:casos": [(None, equipo())],
    "equipo:casos_reasignar": [(None, todos(405)), (None, equipo(personal=302), "post")],
    "equipo:caso": [(lambda d: {"pk": d["caso"].pk}, equipo())],
    "equipo:caso_editar": [(lambda d: {"pk": d["caso"].pk}, equipo())],
    # Case plan (issue #13): POST only; an empty form goes back to the case with its errors.
    "equipo:caso_tarea_nueva": [
        (lambda d: {"pk": d["caso"].pk}, todos(405)),
        (lambda d: {"pk": d["caso"].pk}, equipo(personal=302), "post"),
    ],
    "equipo:caso_vincular": [
        (lambda d: {"pk": d["caso"].pk}, todos(405)),
        (lambda d: {"pk": d["caso"].pk}, equipo(personal=302), "post"),
    ],
    "equipo:tarea_hecha": [
        (lambda d: {"pk": 999999}, todos(405)),
        (lambda d: {"pk": 999999}, equipo(personal=404), "post"),
    ],
    "equipo:caso_cerrar": [(lambda d: {"pk": d["caso"].pk}, equipo())],
    "equipo:caso_reabrir": [
        (lambda d: {"pk": d["caso"].pk}, todos(405)),
        (lambda d: {"pk": d["caso"].pk}, equipo(personal=302), "post"),
    ],
    "equipo:hogar_nuevo": [(None, equipo())],
    "equipo:hogar": [(lambda d: {"pk": d["hogar"].pk}, equipo())],
    "equipo:hogar_agregar": [
        (lambda d: {"pk": d["hogar"].pk}, todos(405)),
        (lambda d: {"pk": d["hogar"].pk}, equipo(personal=302), "post"),
    ],
    # Confirm page: which member, in the query string.
    "equipo:hogar_quitar": [(lambda d: {"pk": d["hogar"].pk}, equipo())],
    "equipo:hogar_tutor": [
        (lambda d: {"pk": d["hogar"].pk}, todos(405)),
        (lambda d: {"pk": d["hogar"].pk}, equipo(personal=302), "post"),
    ],
    "equipo:bandeja": [(None, {**todos(404), "anonimo": LOGIN, "enlace": 200})],
    "equipo:derivaciones": [(None, equipo())],
    "equipo:derivacion": [
        (lambda d: {"pk": d["derivacion_salud"].pk}, equipo(enlace=200)),
        # Another department's referral: the Salud liaison gets 404.
        (lambda d: {"pk": d["derivacion_educacion"].pk}, equipo(enlace=404)),
    ],
    # The printed slip: the destination's liaison may print it too; another department's: 404.
    "equipo:derivacion_imprimir": [
        (lambda d: {"pk": d["derivacion_salud"].pk}, equipo(enlace=200)),
        (lambda d: {"pk": d["derivacion_educacion"].pk}, equipo(enlace=404)),
    ],
    # POST only: a GET is refused before anything else; the POST is checked for access.
    "equipo:derivacion_mover": [
        (lambda d: {"pk": d["derivacion_salud"].pk}, todos(405)),
        (lambda d: {"pk": d["derivacion_educacion"].pk}, equipo(personal=302, enlace=404), "post"),
    ],
    "equipo:derivacion_aceptar": [
        (lambda d: {"pk": d["derivacion_salud"].pk}, todos(405)),
        (lambda d: {"pk": d["derivacion_educacion"].pk}, equipo(personal=302, enlace=404), "post"),
    ],
    "equipo:derivacion_enlace": [
        (lambda d: {"pk": d["derivacion_salud"].pk}, todos(405)),
        (lambda d: {"pk": d["derivacion_educacion"].pk}, equipo(personal=302, enlace=404), "post"),
    ],
    # An external organisation's signed link: a made-up token is a 404 for everyone.
    "externa": [(lambda d: {"token": "no-es-un-enlace"}, todos(404))],
    "equipo:derivacion_seguimiento": [
        (lambda d: {"pk": d["derivacion_salud"].pk}, todos(405)),
        # An empty form: 400 with the form's errors.
        (lambda d: {"pk": d["derivacion_salud"].pk}, equipo(personal=400, enlace=404), "post"),
    ],
    "equipo:derivar": [(lambda d: {"persona_pk": d["persona"].pk}, equipo())],
    # Import of spreadsheets (issue #12): the office head's permission only.
    "equipo:importaciones": [(None, solo_encargada())],
    "equipo:importacion": [(lambda d: {"pk": d["lote"].pk}, solo_encargada())],
    "equipo:importacion_progreso": [(lambda d: {"pk": d["lote"].pk}, solo_encargada())],
    "equipo:importacion_reporte": [(lambda d: {"pk": d["lote"].pk}, solo_encargada())],
    "equipo:importacion_importar": [
        (lambda d: {"pk": d["lote"].pk}, todos(405)),
        (lambda d: {"pk": d["lote"].pk}, equipo(personal=404, encargada=302), "post"),
    ],
    "equipo:importacion_deshacer": [
        (lambda d: {"pk": d["lote"].pk}, todos(405)),
        (lambda d: {"pk": d["lote"].pk}, equipo(personal=404, encargada=302), "post"),
    ],
    "equipo:indicadores": [(None, equipo())],
    "equipo:indicadores_reporte": [(None, equipo())],
    "equipo:sello": [(None, equipo())],
    "equipo:sello_informe": [(None, equipo())],
    "equipo:sello_dossier": [(None, equipo())],
    "equipo:sello_plan": [(lambda d: {"pk": d["plan"].pk}, equipo())],
    "equipo:sello_narrativa": [
        (lambda d: {"pk": d["plan"].pk, "compromiso": "marco"}, todos(405)),
        # The office head's text: professionals get 404; an empty text is valid (clears it).
        (lambda d: {"pk": d["plan"].pk, "compromiso": "marco"}, equipo(personal=404, encargada=302), "post"),
    ],
    "equipo:sello_evidencia_subir": [
        (lambda d: {"pk": d["linea"].pk}, todos(405)),
        (lambda d: {"pk": d["linea"].pk}, equipo(personal=400), "post"),
    ],
    # Evidence files: staff only, streamed after the check (never a public MEDIA_URL).
    "equipo:sello_evidencia": [(lambda d: {"pk": d["evidencia"].pk}, equipo())],
    "equipo:sello_programa": [(lambda d: {"pk": d["programa"].pk}, equipo())],
    "equipo:sello_asistencia": [(lambda d: {"pk": d["actividad"].pk}, equipo())],
    "publico:inicio": [(None, todos(200))],
    "publico:guias": [(None, todos(200))],
    "publico:guia": [
        (lambda d: {"clave": d["guia"].clave}, todos(200)),
        (lambda d: {"clave": "no-existe"}, todos(404)),
    ],
    "publico:red_de_apoyo": [(None, todos(200))],
    "publico:actividades": [(None, todos(200))],
    "publico:privacidad": [(None, todos(200))],
    "publico:buscar": [(None, todos(200))],
    # Open data: the public directory, the same for everyone; unknown ids are 404.
    "datos:hsds_organizations": [(None, todos(200))],
    "datos:hsds_organization": [(lambda d: {"id": "00000000-0000-0000-0000-000000000000"}, todos(404))],
    "datos:hsds_services": [(None, todos(200))],
    "datos:hsds_service": [(lambda d: {"id": "00000000-0000-0000-0000-000000000000"}, todos(404))],
    "datos:hsds_locations": [(None, todos(200))],
    "datos:hsds_location": [(lambda d: {"id": "00000000-0000-0000-0000-000000000000"}, todos(404))],
}

# Admin models: what the office head may do (v view, a add, c change, d delete) and what a superuser may.
ADMIN_MODELOS = {
    "atenciones.persona": ("vac", "vacd"),
    "atenciones.hogar": ("vacd", "vacd"),
    "atenciones.caso": ("vac", "vacd"),
    "atenciones.atencion": ("vc", "vcd"),  # logged only through the service (staff workspace)
    "atenciones.derivacion": ("vc", "vcd"),  # sent only through the service (staff workspace)
    "atenciones.eventoderivacion": ("v", "v"),
    "atenciones.registroacceso": ("v", "v"),
    "atenciones.solicitudderecho": ("vac", "vac"),
    "atenciones.brechaseguridad": ("vac", "vac"),
    # Identity (issue 11): looked up here, written only through the staff workspace's services.
    "atenciones.documentoidentidad": ("v", "v"),
    "atenciones.parduplicado": ("v", "v"),
    "atenciones.fusion": ("v", "v"),
    # Imports (issue 12): made and undone in the staff workspace's services; looked up here.
    "atenciones.loteimportacion": ("v", "v"),
    "atenciones.filaimportacion": ("v", "v"),
    "auditlog.logentry": ("v", "v"),
    "oficina.departamento": ("vacd", "vacd"),
    "oficina.organizacion": ("vacd", "vacd"),
    "oficina.programa": ("vacd", "vacd"),
    "oficina.actividad": ("vacd", "vacd"),
    "oficina.capacitacion": ("vacd", "vacd"),
    "oficina.paginainformativa": ("vacd", "vacd"),
    "oficina.membresia": ("vacd", "vacd"),
    "oficina.plantrabajo": ("vacd", "vacd"),
    "oficina.plancapacitacion": ("vacd", "vacd"),
    "oficina.espacioparticipacion": ("vacd", "vacd"),
    "oficina.accionnodiscriminacion": ("vacd", "vacd"),
    # Staff accounts: the office head creates, changes and deactivates them (never deletes).
    "auth.user": ("vac", "vacd"),
    "auth.group": ("", "vacd"),
    "axes.accessattempt": ("", "vcd"),
    "axes.accesslog": ("", "vcd"),
    "axes.accessfailurelog": ("", "vcd"),
    # The task runner's queue and results (django-q2): the superuser's, for operations.
    "django_q.success": ("", "vcd"),
    "django_q.failure": ("", "vcd"),
    "django_q.schedule": ("", "vacd"),
    "django_q.ormq": ("", "vcd"),
}
# Admin app pages: does the office head see the app?
ADMIN_APPS = {
    "atenciones": 200,
    "oficina": 200,
    "auditlog": 200,
    "auth": 200,
    "axes": 404,
    "django_q": 404,
}


def _admin(encargada, superusuario=200, anonimo=ADMIN_LOGIN):
    """Admin page: anonymous users and non-staff roles are sent to the admin login."""
    return {
        "anonimo": anonimo,
        "enlace": ADMIN_LOGIN,
        "profesional": ADMIN_LOGIN,
        "encargada": encargada,
        "superusuario": superusuario,
    }


def _matriz_admin():
    prefijo = "admin:"
    matriz = {
        f"{prefijo}index": [(None, _admin(200))],
        # The admin login page: staff are sent on to the index; others see the form (saying so).
        f"{prefijo}login": [(None, {**todos(200), "encargada": 302, "superusuario": 302})],
        # POST only for staff; anyone else is sent away before the method is checked.
        f"{prefijo}logout": [(None, {**todos(302), "encargada": 405, "superusuario": 405})],
        f"{prefijo}password_change": [(None, _admin(200))],
        f"{prefijo}password_change_done": [(None, _admin(200))],
        f"{prefijo}jsi18n": [(None, _admin(200))],
        f"{prefijo}autocomplete": [(None, _admin(200))],
        # Content types have no public page: 404 once signed in to the admin.
        f"{prefijo}view_on_site": [
            (
                lambda d: {
                    "content_type_id": ContentType.objects.get_for_model(d["persona"]).pk,
                    "object_id": d["persona"].pk,
                },
                _admin(404, superusuario=404),
            )
        ],
        f"{prefijo}app_list": [
            (lambda d, app=app: {"app_label": app}, _admin(codigo)) for app, codigo in ADMIN_APPS.items()
        ],
        # A referral's state change, through the one service: whoever may change referrals.
        f"{prefijo}atenciones_derivacion_estado": [
            (lambda d: {"object_id": d["derivacion_salud"].pk}, _admin(200))
        ],
        # Resetting a staff account's password: the office head too (not a superuser's: see
        # tests/oficina/test_cuentas.py).
        f"{prefijo}auth_user_password_change": [
            (lambda d: {"id": d["objetos"]["auth.user"].pk}, _admin(200))
        ],
        # Anything else under the admin: login first, then 404.
        f"{settings.ADMIN_URL}(?P<url>.*)$": [
            (lambda d: {"url": "no-existe/"}, _admin(404, superusuario=404))
        ],
    }
    for etiqueta, (encargada, superusuario) in ADMIN_MODELOS.items():
        app, modelo = etiqueta.split(".")
        base = f"{prefijo}{app}_{modelo}"

        def obj(d, etiqueta=etiqueta):
            return {"object_id": d["objetos"][etiqueta].pk}

        def codigo(permisos, necesita):
            return 200 if set(necesita) & set(permisos) else 403

        for sufijo, necesita, kwargs in (
            ("changelist", "vc", None),
            ("add", "a", None),
            ("change", "vc", obj),
            ("history", "vc", obj),
            ("delete", "d", obj),
        ):
            matriz[f"{base}_{sufijo}"] = [
                (kwargs, _admin(codigo(encargada, necesita), superusuario=codigo(superusuario, necesita)))
            ]
        # `<id>/` redirects to the change page (or to the login).
        matriz[f"{settings.ADMIN_URL}{app}/{modelo}/<path:object_id>/"] = [
            (obj, _admin(302, superusuario=302))
        ]
    return matriz


def _patrones(resolver, prefijo="", espacio=""):
    for patron in resolver.url_patterns:
        if isinstance(patron, URLResolver):
            nuevo = f"{espacio}{patron.namespace}:" if patron.namespace else espacio
            yield from _patrones(patron, prefijo + str(patron.pattern), nuevo)
        elif isinstance(patron, URLPattern):
            yield (f"{espacio}{patron.name}" if patron.name else prefijo + str(patron.pattern)), patron


@pytest.fixture
def datos(salud, educacion, encargada, profesional, enlace_salud):
    hogar = HogarFactory()
    persona = PersonaFactory(hogar=hogar)
    caso = CasoFactory(persona=persona)
    AtencionFactory(persona=persona)
    derivacion_salud = DerivacionFactory(persona=persona, departamento=salud)
    derivacion_educacion = DerivacionFactory(departamento=educacion)
    with set_actor(profesional):
        actualizar_persona(persona=persona, usuario=profesional, sector="Cerro Alegre")
    registrar_acceso(usuario=profesional, accion="ver_persona", objeto=persona)
    solicitud = SolicitudDerecho.objects.create(tipo="acceso", solicitante="Ana", persona=persona)
    BrechaSeguridad.objects.create(
        naturaleza="Correo enviado a un destinatario equivocado", categorias_datos="contacto"
    )
    programa = Programa.objects.create(**_minimos(Programa))
    actividad = Actividad.objects.create(**_minimos(Actividad, programa=programa))
    plan = PlanTrabajo.objects.create(**_minimos(PlanTrabajo))
    linea = LineaPlan.objects.create(**_minimos(LineaPlan, plan=plan))
    evidencia = adjuntar_evidencia(
        linea=linea,
        titulo="Acta",
        archivo=SimpleUploadedFile("acta.pdf", b"%PDF-1.4 prueba", content_type="application/pdf"),
        subida_por=encargada,
    )
    PlanCapacitacion.objects.create(**_minimos(PlanCapacitacion, plan=plan))
    EspacioParticipacion.objects.create(**_minimos(EspacioParticipacion))
    AccionNoDiscriminacion.objects.create(**_minimos(AccionNoDiscriminacion))
    Capacitacion.objects.create(**_minimos(Capacitacion))
    OrganizacionFactory()
    guia = PaginaInformativaFactory()
    AccessAttempt.objects.create(
        username="x", ip_address="10.0.0.1", failures_since_start=1, attempt_time=timezone.now()
    )
    AccessLog.objects.create(username="x", ip_address="10.0.0.1", attempt_time=timezone.now())
    AccessFailureLog.objects.create(username="x", ip_address="10.0.0.1", attempt_time=timezone.now())
    for exito in (True, False):
        Task.objects.create(
            id=f"tarea-{exito}",
            name=f"tarea-{exito}",
            func="sello_migrante.tareas.encolar",
            started=timezone.now(),
            stopped=timezone.now(),
            success=exito,
        )
    Schedule.objects.create(name="prueba", func="atenciones.notificaciones.enviar_recordatorios")
    OrmQ.objects.create(key="sello_migrante", payload="x", lock=timezone.now())
    agregar_documento(persona=persona, usuario=encargada, tipo="pasaporte", numero="VE123456", vigente=True)
    otra, copia = PersonaFactory(), PersonaFactory()
    ParDuplicado.objects.create(persona_a=persona, persona_b=otra, probabilidad=90, evidencia=["nombre"])
    fusionar_personas(superviviente=otra, absorbida=copia, usuario=encargada)
    lote = LoteImportacion.objects.create(nombre_archivo="planilla.csv", creado_por=encargada)
    FilaImportacion.objects.create(lote=lote, numero=2, huella="0" * 64, resultado="nueva", valores=["Ana"])
    objetos = {}
    for etiqueta in ADMIN_MODELOS:
        modelo = apps.get_model(etiqueta)
        objetos[etiqueta] = modelo._default_manager.order_by("pk").first()
        assert objetos[etiqueta] is not None, etiqueta
    objetos["auth.group"] = Group.objects.first()
    objetos["atenciones.eventoderivacion"] = EventoDerivacion.objects.first()
    objetos["auditlog.logentry"] = LogEntry.objects.first()
    return {
        "persona": persona,
        "hogar": hogar,
        "caso": caso,
        "solicitud": solicitud,
        "objetos": objetos,
        "guia": guia,
        "derivacion_salud": derivacion_salud,
        "derivacion_educacion": derivacion_educacion,
        "plan": plan,
        "linea": linea,
        "evidencia": evidencia,
        "programa": programa,
        "actividad": actividad,
        "lote": lote,
    }


def _minimos(modelo, **extra):
    """The smallest valid row of an office model: required text fields filled, dates today."""
    valores = {}
    for campo in modelo._meta.concrete_fields:
        if campo.primary_key or campo.null or campo.has_default() or campo.blank or campo.is_relation:
            continue
        if campo.get_internal_type() in ("CharField", "TextField", "SlugField"):
            valores[campo.name] = campo.choices[0][0] if campo.choices else f"{campo.name}-prueba"
        elif campo.get_internal_type() == "DateField":
            valores[campo.name] = timezone.localdate()
        elif campo.get_internal_type() == "DateTimeField":
            valores[campo.name] = timezone.now() + datetime.timedelta(days=3)
        elif "Integer" in campo.get_internal_type():
            valores[campo.name] = 1
    valores.update(extra)
    return valores


@pytest.fixture
def clientes(enlace_salud, profesional, encargada, django_user_model):
    superusuario = django_user_model.objects.create_superuser("raiz", "raiz@example.org", "clave-larga-raiz")
    usuarios = {"enlace": enlace_salud, "profesional": profesional, "encargada": encargada}
    usuarios["superusuario"] = superusuario
    resultado = {"anonimo": Client()}
    for rol, usuario in usuarios.items():
        resultado[rol] = Client()
        resultado[rol].force_login(usuario)
    return resultado


# Inline code the Content-Security-Policy would block: a <script> without src, <style>, style= or on…= attributes.
# (A JSON data block, as json_script writes, is not executed: allowed.)
CODIGO_EN_LINEA = re.compile(
    r"<script(?![^>]*\b(?:src=|type=\"application/json\"))[^>]*>|<style[\s>]|\sstyle=|\son[a-z]+=",
    re.IGNORECASE,
)


def _respuesta(respuesta):
    if respuesta.status_code == 302:
        destino = respuesta["Location"]
        if destino.startswith(reverse("admin:login")):
            return ADMIN_LOGIN
        if destino.startswith(reverse("login")):
            return LOGIN
    return respuesta.status_code


def _url(patron_clave, patron, kwargs):
    if ":" in patron_clave and not patron_clave.startswith(settings.ADMIN_URL) or patron.name:
        return reverse(patron_clave, kwargs=kwargs or None)
    # Unnamed patterns: fill the route by hand.
    ruta = patron_clave
    for nombre, valor in (kwargs or {}).items():
        ruta = ruta.replace(f"<path:{nombre}>", str(valor)).replace(f"(?P<{nombre}>.*)$", str(valor))
    return "/" + ruta


def test_every_url_pattern_is_in_the_access_matrix():
    with translation.override("es"):
        claves = {clave for clave, _ in _patrones(get_resolver())}
    tabla = set(MATRIZ) | set(_matriz_admin())
    assert claves - tabla == set(), "URL sin fila en la matriz de acceso (agréguela a MATRIZ)"
    assert tabla - claves == set(), "filas de la matriz sin URL (bórrelas)"


def test_every_role_gets_the_expected_answer_on_every_url(datos, clientes):
    """And no page answered with 200 carries inline script or style (the CSP would block it)."""
    tabla = {**MATRIZ, **_matriz_admin()}
    errores = []
    with translation.override("es"):
        patrones = list(_patrones(get_resolver()))
        for clave, patron in patrones:
            for kwargs_de, esperado, *metodo in tabla[clave]:
                kwargs = kwargs_de(datos) if kwargs_de else None
                url = _url(clave, patron, kwargs)
                if clave == "admin:autocomplete":
                    url += "?app_label=atenciones&model_name=solicitudderecho&field_name=persona"
                if clave == "equipo:hogar_quitar":
                    url += f"?persona={datos['persona'].pk}"
                for rol in ROLES:
                    respuesta = clientes[rol].post(url, {}) if metodo == ["post"] else clientes[rol].get(url)
                    obtenido = _respuesta(respuesta)
                    if obtenido != esperado[rol]:
                        errores.append(f"{rol:<13} {url}: esperado {esperado[rol]}, obtenido {obtenido}")
                    html = respuesta.status_code == 200 and "html" in respuesta.get("Content-Type", "")
                    if html and (en_linea := CODIGO_EN_LINEA.search(respuesta.content.decode())):
                        errores.append(f"{rol:<13} {url}: código en línea {en_linea.group(0)!r}")
    assert errores == [], "\n".join(errores)
