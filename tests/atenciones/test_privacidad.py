"""Data-subject rights (Ley 21.719): erasure keeps every indicator, blocking freezes, access exports."""

import datetime
import json
import random
from collections import Counter

import pytest
import time_machine
from auditlog.context import set_actor
from auditlog.models import LogEntry
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db.models import Count
from django.db.models.functions import TruncMonth
from django.urls import reverse
from django.utils import timezone

from atenciones.choices import EstadoDerivacion, MotivoRechazo, ResultadoSeguimiento, Sexo
from atenciones.models import (
    Atencion,
    AtencionTema,
    Caso,
    Derivacion,
    EventoDerivacion,
    Persona,
    RegistroAcceso,
    SeguimientoDerivacion,
    SolicitudDerecho,
)
from atenciones.selectors.privacidad import datos_del_titular, personas_inactivas, personas_sin_consentimiento
from atenciones.services import (
    abrir_caso,
    actualizar_persona,
    cambiar_estado_derivacion,
    cerrar_caso,
    derivar,
    registrar_atencion,
    registrar_seguimiento,
)
from atenciones.services.privacidad import anonimizar_persona, bloquear_persona, desbloquear_persona
from oficina.choices import Area, Tema
from tests.factories import (
    AtencionFactory,
    CasoFactory,
    DerivacionFactory,
    HogarFactory,
    OrganizacionFactory,
    PersonaFactory,
)

pytestmark = pytest.mark.django_db

AHORA = datetime.datetime(2026, 11, 20, 15, 0, tzinfo=datetime.UTC)


# --- Indicators: the aggregates the Sello Migrante report is built from ---


def _grupo_edad(nacimiento, fecha):
    if nacimiento is None:
        return "sin dato"
    edad = fecha.year - nacimiento.year - ((fecha.month, fecha.day) < (nacimiento.month, nacimiento.day))
    for limite, grupo in ((18, "0-17"), (30, "18-29"), (45, "30-44"), (60, "45-59")):
        if edad < limite:
            return grupo
    return "60+"


def _conteo(qs, *campos):
    filas = qs.values(*campos).annotate(n=Count("pk")).order_by()
    return sorted((tuple(fila.values()) for fila in filas), key=repr)


def _indicadores():
    """Every aggregate an indicator of any period may use, by month."""
    atenciones = Atencion.objects.annotate(mes=TruncMonth("fecha_hora"))
    edades = Counter(
        (timezone.localtime(f).strftime("%Y-%m"), _grupo_edad(n, timezone.localtime(f).date()))
        for f, n in Atencion.objects.values_list("fecha_hora", "persona__fecha_nacimiento")
    )
    derivaciones = Derivacion.objects.annotate(mes=TruncMonth("fecha_envio"))
    return {
        "atenciones_tema": _conteo(
            AtencionTema.objects.annotate(mes=TruncMonth("atencion__fecha_hora")), "mes", "tema"
        ),
        "atenciones_canal": _conteo(atenciones, "mes", "canal"),
        "atenciones_nacionalidad": _conteo(atenciones, "mes", "persona__nacionalidad"),
        "atenciones_sexo": _conteo(atenciones, "mes", "persona__sexo"),
        "atenciones_genero": _conteo(atenciones, "mes", "persona__genero"),
        "atenciones_situacion": _conteo(atenciones, "mes", "persona__situacion_migratoria"),
        "atenciones_edad": sorted(edades.items()),
        "personas_atendidas": sorted(
            (fila["mes"], fila["n"])
            for fila in atenciones.values("mes").annotate(n=Count("persona", distinct=True)).order_by()
        ),
        "personas_nuevas": _conteo(Persona.objects.annotate(mes=TruncMonth("creado")), "mes"),
        "personas_banderas": _conteo(
            Persona.objects.all(), "recien_llegada", "sin_documentos", "nna", "embarazo", "situacion_calle"
        ),
        "derivaciones_destino": _conteo(
            derivaciones, "mes", "departamento", "organizacion", "estado", "tema"
        ),
        "derivaciones_respuesta_dias": sorted(
            (d.fecha_cierre - d.fecha_envio).days for d in Derivacion.objects.exclude(fecha_cierre=None)
        ),
        "derivaciones_vencidas": Derivacion.objects.filter(
            estado__in=["enviada", "recibida", "en_atencion"], fecha_limite__lt=timezone.localdate()
        ).count(),
        "derivaciones_consentimiento": _conteo(derivaciones, "mes", "consentimiento"),
        "eventos": _conteo(EventoDerivacion.objects.annotate(mes=TruncMonth("fecha")), "mes", "estado_nuevo"),
        "casos": _conteo(
            Caso.objects.annotate(mes=TruncMonth("abierto_en")), "mes", "area", "estado", "prioridad"
        ),
        "casos_cierre": _conteo(Caso.objects.exclude(cerrado_en=None), "cerrado_en", "motivo_cierre"),
    }


@pytest.fixture
def datos_sembrados(profesional, encargada, salud, educacion):
    """Eight persons with a year of attentions, cases and referrals in every state."""
    azar = random.Random(21719)
    organizacion = OrganizacionFactory(nombre="OIM")
    hogar = HogarFactory(nombre="Familia Pérez Joseph", direccion="Pasaje 3, Cerro Alegre")
    personas = []
    with time_machine.travel(AHORA - datetime.timedelta(days=400), tick=False):
        for i in range(8):
            personas.append(
                PersonaFactory(
                    nombres=f"Nombre{i}",
                    apellidos=f"Apellido{i}",
                    nombre_social=f"Social{i}" if i % 3 == 0 else "",
                    nacionalidad=azar.choice(["VE", "HT", "PE", "CO"]),
                    sexo=azar.choice([Sexo.MUJER, Sexo.HOMBRE, Sexo.NO_INFORMA]),
                    fecha_nacimiento=datetime.date(1960 + i * 7, 1 + i, 10 + i),
                    email=f"persona{i}@correo.example",
                    direccion=f"Calle {i} 123",
                    sector="Cerro Barón",
                    hogar=hogar if i < 3 else None,
                    recien_llegada=i % 2 == 0,
                    sin_documentos=i == 5,
                )
            )
    personas[1].tutor = personas[0]
    personas[1].save()
    with time_machine.travel(AHORA, tick=False):
        for persona in personas:
            for _ in range(azar.randint(2, 6)):
                AtencionFactory(
                    persona=persona,
                    profesional=profesional,
                    fecha_hora=AHORA
                    - datetime.timedelta(days=azar.randint(0, 360), hours=azar.randint(0, 8)),
                    canal=azar.choice(["presencial", "telefono", "whatsapp"]),
                    notas=f"Notas privadas de {persona.nombres}",
                    resultado=f"Resultado para {persona.nombres}",
                    temas=azar.sample([Tema.SALUD, Tema.EDUCACION, Tema.REGULARIZACION, Tema.CULTURA], 2),
                )
            caso = abrir_caso(
                persona=persona,
                motivo=f"Motivo de {persona.nombres}",
                area=Area.SALUD,
                asignado_a=profesional,
            )
            if persona.pk % 2:
                cerrar_caso(
                    caso=caso, motivo_cierre="resuelto", nota=f"Cierre {persona.nombres}", usuario=profesional
                )
            destino = {"departamento": salud} if persona.pk % 3 else {"organizacion": organizacion}
            # Only the office head may refer without consent.
            derivacion = derivar(
                persona=persona,
                derivado_por=profesional if persona.pk % 4 else encargada,
                tema=Tema.SALUD,
                motivo=f"Derivo a {persona.nombres} por salud",
                consentimiento=persona.pk % 4 != 0,
                consentimiento_omitido_motivo=f"Urgencia de {persona.nombres}",
                **destino,
            )
            final = persona.pk % 3
            if final == 0:
                cambiar_estado_derivacion(derivacion=derivacion, nuevo_estado="recibida", usuario=profesional)
                cambiar_estado_derivacion(
                    derivacion=derivacion, nuevo_estado="en_atencion", usuario=profesional
                )
                cambiar_estado_derivacion(
                    derivacion=derivacion,
                    nuevo_estado="resuelta",
                    usuario=profesional,
                    respuesta=f"Atendida {persona.nombres} en el CESFAM",
                )
            elif final == 1:
                cambiar_estado_derivacion(
                    derivacion=derivacion,
                    nuevo_estado="rechazada",
                    usuario=profesional,
                    motivo_rechazo=MotivoRechazo.NO_CORRESPONDE,
                    nota=f"No corresponde a {persona.nombres}",
                )
    # Two months of referrals from the past, so that periods differ; one followed up by phone.
    with time_machine.travel(AHORA - datetime.timedelta(days=70), tick=False):
        DerivacionFactory(persona=personas[2], departamento=educacion, motivo="Matrícula de Nombre2")
        registrar_seguimiento(
            derivacion=DerivacionFactory(
                persona=personas[0], departamento=educacion, derivado_por=profesional
            ),
            usuario=profesional,
            resultado=ResultadoSeguimiento.CONTACTADO,
            nota="Llamé a Nombre0 al celular",
        )
    return personas


def _textos_de(persona_id):
    """Every text stored about one person (their rows and their change history)."""
    partes = [json.dumps(list(Persona.objects.filter(pk=persona_id).values()), default=str)]
    for modelo in (Caso, Atencion, Derivacion):
        partes.append(json.dumps(list(modelo.objects.filter(persona_id=persona_id).values()), default=str))
    partes.append(
        json.dumps(
            list(EventoDerivacion.objects.filter(derivacion__persona_id=persona_id).values()), default=str
        )
    )
    partes.append(
        json.dumps(
            list(SeguimientoDerivacion.objects.filter(derivacion__persona_id=persona_id).values()),
            default=str,
        )
    )
    partes.append(
        json.dumps(list(LogEntry.objects.values("changes", "object_repr", "changes_text")), default=str)
    )
    return "\n".join(partes)


def _indicadores_oficiales():
    """The Sello Migrante indicators (atenciones.indicadores) of every month of the data, and of all of it."""
    from atenciones.indicadores import Periodo, calcular

    desde = (AHORA - datetime.timedelta(days=420)).date()
    hasta = AHORA.date() + datetime.timedelta(days=1)
    periodos = [Periodo(desde, hasta)]
    mes = desde.replace(day=1)
    while mes <= hasta:
        siguiente = (mes + datetime.timedelta(days=32)).replace(day=1)
        periodos.append(Periodo(mes, siguiente - datetime.timedelta(days=1)))
        mes = siguiente
    resultado = {}
    for periodo in periodos:
        datos = calcular(periodo)
        datos.pop("calculado")  # when it was computed
        resultado[str(periodo)] = datos
    return resultado


def test_erasure_keeps_every_indicator_of_every_period(datos_sembrados, encargada, profesional):
    antes, oficiales_antes = _indicadores(), _indicadores_oficiales()
    assert sum(n for *_, n in antes["atenciones_tema"]) > 20  # the dataset is not trivial
    assert sum(d["personas"]["atenciones"] for d in oficiales_antes.values()) > 40  # all + each month
    for persona in datos_sembrados[:4]:
        with set_actor(encargada):
            anonimizar_persona(persona=persona, usuario=encargada)
    despues, oficiales_despues = _indicadores(), _indicadores_oficiales()
    for clave in antes:
        assert despues[clave] == antes[clave], clave
    for periodo, datos in oficiales_antes.items():
        for clave, valor in datos.items():
            assert oficiales_despues[periodo][clave] == valor, (periodo, clave)


def test_erasure_removes_names_documents_contacts_and_free_texts(datos_sembrados, encargada, profesional):
    persona = datos_sembrados[0]
    with set_actor(profesional):
        actualizar_persona(persona=persona, usuario=profesional, telefono="+56977777777")
    secretos = [
        "Nombre0",
        "Apellido0",
        "Social0",
        persona.documento_numero,
        "+56977777777",
        "persona0@correo.example",
        "Calle 0 123",
        "Cerro Barón",
        "Notas privadas de Nombre0",
        "Resultado para Nombre0",
        "Motivo de Nombre0",
        "Derivo a Nombre0",
        "Urgencia de Nombre0",
        "Atendida Nombre0",
        "No corresponde a Nombre0",
        "Cierre Nombre0",
        "Llamé a Nombre0",
    ]
    texto = _textos_de(persona.pk)
    assert sum(secreto in texto for secreto in secretos) >= 10
    with set_actor(encargada):
        anonimizar_persona(persona=persona, usuario=encargada)
    texto = _textos_de(persona.pk)
    for secreto in secretos:
        assert secreto not in texto, secreto
    persona.refresh_from_db()
    assert persona.nombre_completo == "Persona anonimizada"
    assert persona.anonimizada_en is not None
    assert persona.hogar is None and persona.tutor is None
    assert not Persona.objects.filter(tutor=persona).exists()
    # Kept for the statistics.
    assert persona.nacionalidad and persona.fecha_nacimiento == datos_sembrados[0].fecha_nacimiento
    # The change history still says who changed which field, and when.
    entrada = LogEntry.objects.get_for_object(persona).filter(actor=profesional).get()
    assert entrada.changes_dict["telefono"] == ["[anonimizado]", "[anonimizado]"]
    assert RegistroAcceso.objects.filter(persona=persona, accion="anonimizar", usuario=encargada).exists()


def test_a_household_left_without_members_loses_its_name(encargada):
    hogar = HogarFactory(nombre="Familia Joseph", direccion="Pasaje 9")
    persona = PersonaFactory(hogar=hogar)
    anonimizar_persona(persona=persona, usuario=encargada)
    hogar.refresh_from_db()
    assert (hogar.nombre, hogar.direccion) == ("Hogar anonimizado", "")


def test_erasure_is_idempotent(encargada):
    persona = anonimizar_persona(persona=PersonaFactory(), usuario=encargada)
    fecha = persona.anonimizada_en
    assert anonimizar_persona(persona=persona, usuario=encargada).anonimizada_en == fecha
    assert RegistroAcceso.objects.filter(accion="anonimizar").count() == 1


# --- Blocking ---


def test_blocked_person_cannot_be_edited_or_receive_attentions_cases_or_referrals(
    profesional, encargada, salud
):
    persona = PersonaFactory()
    bloquear_persona(persona=persona, usuario=encargada)
    intentos = [
        lambda: actualizar_persona(persona=persona, usuario=profesional, telefono="+56911112222"),
        lambda: registrar_atencion(
            persona=persona, profesional=profesional, temas=[Tema.SALUD], canal="presencial"
        ),
        lambda: abrir_caso(persona=persona, motivo="x", area=Area.SALUD, asignado_a=profesional),
        lambda: derivar(
            persona=persona,
            derivado_por=profesional,
            tema=Tema.SALUD,
            motivo="x",
            consentimiento=True,
            departamento=salud,
        ),
    ]
    for intento in intentos:
        with pytest.raises(ValidationError, match="bloqueado"):
            intento()
    assert not Atencion.objects.filter(persona=persona).exists()
    assert not Derivacion.objects.filter(persona=persona).exists()
    desbloquear_persona(persona=persona, usuario=encargada)
    registrar_atencion(persona=persona, profesional=profesional, temas=[Tema.SALUD], canal="presencial")
    assert list(
        RegistroAcceso.objects.filter(persona=persona).values_list("accion", flat=True).order_by("id")
    ) == [
        "bloquear",
        "desbloquear",
    ]


def test_anonymised_person_cannot_be_edited(profesional, encargada):
    persona = anonimizar_persona(persona=PersonaFactory(), usuario=encargada)
    with pytest.raises(ValidationError, match="anonimizados"):
        actualizar_persona(persona=persona, usuario=profesional, nombres="Otra")


def test_block_banner_partial(rf):
    from django.template.loader import render_to_string

    persona = PersonaFactory(bloqueada=True)
    assert "Registro bloqueado" in render_to_string("equipo/personas/_bloqueo.html", {"persona": persona})
    persona.bloqueada = False
    assert render_to_string("equipo/personas/_bloqueo.html", {"persona": persona}).strip() == ""


# --- Consent ---


def test_persons_without_consent_are_selected_and_flagged(profesional):
    from django.template.loader import render_to_string

    con = PersonaFactory(consentimiento_registrado_por=profesional)
    sin = PersonaFactory(consentimiento_fecha=None, consentimiento_version="")
    assert list(personas_sin_consentimiento()) == [sin]
    html_sin = render_to_string("equipo/personas/_consentimiento.html", {"persona": sin})
    assert "Sin consentimiento registrado" in html_sin
    html_con = render_to_string("equipo/personas/_consentimiento.html", {"persona": con})
    assert "versión 2026-12" in html_con and profesional.get_full_name() in html_con


# --- Retention ---


def test_retention_lists_and_anonymises_only_persons_inactive_for_n_years(profesional, salud, capsys):
    hace_seis = timezone.now() - datetime.timedelta(days=6 * 366)
    with time_machine.travel(hace_seis, tick=False):
        inactiva = PersonaFactory(nombres="Inactiva")
        AtencionFactory(persona=inactiva, fecha_hora=hace_seis)
        con_atencion_reciente = PersonaFactory(nombres="Reciente")
        con_derivacion_abierta = PersonaFactory(nombres="Abierta")
        DerivacionFactory(persona=con_derivacion_abierta, departamento=salud, fecha_envio=hace_seis)
        bloqueada = PersonaFactory(nombres="Bloqueada", bloqueada=True)
    AtencionFactory(persona=con_atencion_reciente)
    PersonaFactory(nombres="Nueva")
    assert list(personas_inactivas(anos=5)) == [inactiva]
    assert set(personas_inactivas(anos=7)) == set()
    call_command("retencion", "--anos", "5")
    salida = capsys.readouterr().out
    assert f"persona {inactiva.pk}" in salida and "1 personas sin actividad" in salida
    assert "Inactiva" not in salida  # ids only, never names
    inactiva.refresh_from_db()
    assert inactiva.anonimizada_en is None  # listing changes nothing
    call_command("retencion", "--apply")
    inactiva.refresh_from_db()
    assert inactiva.anonimizada_en is not None and inactiva.nombres == "Persona anonimizada"
    for otra in (con_atencion_reciente, con_derivacion_abierta, bloqueada):
        otra.refresh_from_db()
        assert otra.anonimizada_en is None


# --- Data-subject requests: register and execution ---


def test_request_is_due_thirty_calendar_days_after_receipt_and_flagged_when_overdue():
    solicitud = SolicitudDerecho.objects.create(
        tipo="acceso", solicitante="Ana", recibida_el=timezone.localdate() - datetime.timedelta(days=31)
    )
    assert solicitud.vence_el == solicitud.recibida_el + datetime.timedelta(days=30)
    assert solicitud.vencida
    solicitud.recibida_el = timezone.localdate() - datetime.timedelta(days=30)
    solicitud.save()
    assert solicitud.vence_el == timezone.localdate() and not solicitud.vencida


def test_a_closed_request_needs_date_and_outcome():
    solicitud = SolicitudDerecho(tipo="acceso", solicitante="Ana", estado="respondida")
    with pytest.raises(ValidationError) as error:
        solicitud.full_clean()
    assert set(error.value.message_dict) >= {"respondida_el", "resultado"}


def test_overdue_requests_filter_in_the_admin(client, encargada):
    vieja = SolicitudDerecho.objects.create(
        tipo="acceso", solicitante="Vieja", recibida_el=timezone.localdate() - datetime.timedelta(days=40)
    )
    SolicitudDerecho.objects.create(tipo="acceso", solicitante="Nueva")
    client.force_login(encargada)
    pagina = client.get(reverse("admin:atenciones_solicitudderecho_changelist"), {"vencida": "si"})
    assert list(pagina.context["cl"].result_list) == [vieja]


def test_office_head_registers_a_request_in_the_admin(client, encargada):
    persona = PersonaFactory()
    client.force_login(encargada)
    respuesta = client.post(
        reverse("admin:atenciones_solicitudderecho_add"),
        {
            "tipo": "supresion",
            "solicitante": "Ana Pérez",
            "persona": persona.pk,
            "recibida_el": timezone.localdate().isoformat(),
            "identidad_verificada_por": encargada.pk,
            "documento_verificacion": "Cédula de identidad",
            "estado": "recibida",
        },
    )
    assert respuesta.status_code == 302
    solicitud = SolicitudDerecho.objects.get()
    assert solicitud.registrada_por == encargada and solicitud.vence_el


def _solicitud(tipo, persona):
    return SolicitudDerecho.objects.create(tipo=tipo, solicitante=persona.nombre_completo, persona=persona)


def test_access_request_exports_everything_as_json_and_is_audited(client, encargada, profesional):
    persona = PersonaFactory(nombres="Ana")
    AtencionFactory(persona=persona, notas="Orientación FONASA", temas=[Tema.SALUD])
    DerivacionFactory(persona=persona, motivo="CESFAM")
    CasoFactory(persona=persona)
    solicitud = _solicitud("acceso", persona)
    client.force_login(encargada)
    respuesta = client.get(reverse("equipo:derecho_datos_json", args=[solicitud.pk]))
    assert respuesta.status_code == 200
    assert respuesta["Content-Disposition"] == f'attachment; filename="datos-persona-{persona.pk}.json"'
    assert "no-store" in respuesta["Cache-Control"] or "no-cache" in respuesta["Cache-Control"]
    datos = json.loads(respuesta.content)
    assert datos["persona"]["nombres"] == "Ana"
    assert datos["atenciones"][0]["notas"] == "Orientación FONASA"
    assert datos["atenciones"][0]["temas"] == [str(Tema.SALUD.label)]
    assert len(datos["derivaciones"]) == 1 and datos["derivaciones"][0]["historial"]
    assert len(datos["casos"]) == 1 and len(datos["solicitudes_de_derechos"]) == 1
    registro = RegistroAcceso.objects.get(accion="exportar_datos_titular")
    assert (registro.usuario, registro.persona) == (encargada, persona)
    solicitud.refresh_from_db()
    assert solicitud.estado == "en_curso"


def test_printable_page_shows_the_persons_data(client, encargada, django_assert_max_num_queries):
    persona = PersonaFactory(nombres="Ana<script>")
    for _ in range(6):
        AtencionFactory(persona=persona)
        DerivacionFactory(persona=persona)
    solicitud = _solicitud("acceso", persona)
    client.force_login(encargada)
    # The whole record on one page: the query count must not grow with attentions or referrals.
    with django_assert_max_num_queries(22):
        respuesta = client.get(reverse("equipo:derecho_datos", args=[solicitud.pk]))
    texto = respuesta.content.decode()
    assert respuesta.status_code == 200
    assert "Ana&lt;script&gt;" in texto and "Ana<script>" not in texto
    assert texto.count("datos-titular") >= 13


def test_only_the_office_head_executes_requests(client, profesional, enlace_salud, extrano):
    persona = PersonaFactory()
    solicitud = _solicitud("supresion", persona)
    urls = [
        reverse(nombre, args=[solicitud.pk])
        for nombre in (
            "equipo:derecho_solicitud",
            "equipo:derecho_datos_json",
            "equipo:derecho_datos",
            "equipo:derecho_anonimizar",
            "equipo:derecho_bloqueo",
        )
    ]
    for usuario in (profesional, enlace_salud, extrano):
        client.force_login(usuario)
        for url in urls:
            assert client.get(url).status_code == 404, (usuario, url)
            assert client.post(url, {"confirmo": "on"}).status_code == 404, (usuario, url)
    client.logout()
    assert client.get(urls[0]).status_code == 302
    persona.refresh_from_db()
    assert persona.anonimizada_en is None and not persona.bloqueada
    assert not RegistroAcceso.objects.exists()


def test_erasure_request_asks_for_confirmation_then_anonymises(
    client, encargada, django_assert_max_num_queries
):
    persona = PersonaFactory(nombres="Ana")
    solicitud = _solicitud("supresion", persona)
    client.force_login(encargada)
    with django_assert_max_num_queries(12):
        pagina = client.get(reverse("equipo:derecho_solicitud", args=[solicitud.pk]))
    assert "Anonimizar a la persona" in pagina.content.decode()
    url = reverse("equipo:derecho_anonimizar", args=[solicitud.pk])
    assert "no se puede deshacer" in client.get(url).content.decode()
    sin_confirmar = client.post(url, {})
    assert sin_confirmar.status_code == 200
    assert "Este campo es obligatorio" in sin_confirmar.content.decode()
    persona.refresh_from_db()
    assert persona.anonimizada_en is None
    respuesta = client.post(url, {"confirmo": "on"}, follow=True)
    assert "La persona fue anonimizada" in respuesta.content.decode()
    persona.refresh_from_db()
    assert persona.anonimizada_en is not None
    assert RegistroAcceso.objects.filter(accion="anonimizar", usuario=encargada, persona=persona).exists()


def test_blocking_request_freezes_and_releases_the_record(client, encargada):
    persona = PersonaFactory()
    solicitud = _solicitud("bloqueo", persona)
    client.force_login(encargada)
    url = reverse("equipo:derecho_bloqueo", args=[solicitud.pk])
    assert client.get(url).status_code == 200
    pagina = client.post(url, follow=True)
    assert "Registro bloqueado" in pagina.content.decode()
    persona.refresh_from_db()
    assert persona.bloqueada
    client.post(url)
    persona.refresh_from_db()
    assert not persona.bloqueada


def test_subject_data_has_every_section():
    persona = PersonaFactory()
    datos = datos_del_titular(persona)
    assert set(datos) == {
        "generado_el",
        "persona",
        "casos",
        "atenciones",
        "derivaciones",
        "solicitudes_de_derechos",
    }
    assert datos["persona"]["número de documento"] == persona.documento_numero
    DerivacionFactory(persona=persona)
    datos = datos_del_titular(persona)
    assert datos["derivaciones"][0]["estado"] == {
        "valor": "enviada",
        "texto": str(EstadoDerivacion.ENVIADA.label),
    }


def test_referring_a_blocked_person_shows_the_banner_and_the_reason(client, profesional, salud):
    persona = PersonaFactory(bloqueada=True)
    client.force_login(profesional)
    url = reverse("equipo:derivar", args=[persona.pk])
    assert "Registro bloqueado" in client.get(url).content.decode()
    respuesta = client.post(
        url,
        {
            "tema": Tema.SALUD,
            "destino": f"departamento:{salud.pk}",
            "motivo": "Control de salud",
            "prioridad": "media",
            "consentimiento": "on",
        },
    )
    assert respuesta.status_code == 200
    assert "está bloqueado por una solicitud de derechos" in respuesta.content.decode()
    assert not Derivacion.objects.filter(persona=persona).exists()


def test_consent_partial_lists_each_referrals_consent(encargada):
    from django.template.loader import render_to_string

    persona = PersonaFactory()
    con = DerivacionFactory(persona=persona)
    sin = DerivacionFactory(
        persona=persona, consentimiento=False, consentimiento_omitido_motivo="Riesgo vital"
    )
    html = render_to_string(
        "equipo/personas/_consentimiento.html", {"persona": persona, "derivaciones": [con, sin]}
    )
    assert f"{con.codigo}:" in html and "con consentimiento para compartir" in html
    assert "sin consentimiento (motivo registrado: Riesgo vital)" in html


def test_a_blocked_person_cannot_be_edited_in_the_admin_either(client, encargada):
    from django.forms.models import model_to_dict

    persona = PersonaFactory(bloqueada=True, sector="Cerro Alegre")
    client.force_login(encargada)
    datos = {k: v for k, v in model_to_dict(persona).items() if v is not None}
    datos.update(sector="Cerro Cordillera", idiomas="[]", otras_nacionalidades=[])
    respuesta = client.post(reverse("admin:atenciones_persona_change", args=[persona.pk]), datos)
    assert respuesta.status_code == 200
    assert "está bloqueado por una solicitud de derechos" in respuesta.content.decode()
    persona.refresh_from_db()
    assert persona.sector == "Cerro Alegre"


def test_an_anonymised_person_is_no_longer_found_by_name_document_or_phone(client, profesional, encargada):
    persona = PersonaFactory(nombres="Mirlande", apellidos="Joseph", telefono="+56912345678")
    documento = persona.documento_numero
    client.force_login(profesional)

    def encontradas(q):
        return list(client.get(reverse("equipo:personas"), {"q": q}).context["pagina"] or [])

    assert encontradas("mirlande joseph") == [persona]
    anonimizar_persona(persona=persona, usuario=encargada)
    for consulta in ("mirlande joseph", documento, "912345678"):
        assert encontradas(consulta) == [], consulta


def test_office_head_lists_persons_without_consent_and_blocked_ones_in_the_admin(client, encargada):
    PersonaFactory()
    sin = PersonaFactory(consentimiento_fecha=None, consentimiento_version="")
    bloqueada = PersonaFactory(bloqueada=True)
    client.force_login(encargada)
    url = reverse("admin:atenciones_persona_changelist")
    assert list(client.get(url, {"consentimiento_fecha__isempty": "1"}).context["cl"].result_list) == [sin]
    assert list(client.get(url, {"bloqueada__exact": "1"}).context["cl"].result_list) == [bloqueada]
