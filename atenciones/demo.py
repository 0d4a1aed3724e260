"""Deterministic demo data for `manage.py seed_demo`.

Reference data (departments, network, programs, users) is upserted by natural key; persons,
attentions, cases and referrals are topped up to the requested counts in bulk batches, so a second
run with the same counts changes nothing and memory stays bounded at any scale.
"""

import datetime
import random
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone
from stdnum.cl import rut

from oficina import roles
from oficina.choices import Area, Tema
from oficina.models import (
    Actividad,
    AsistenteCapacitacion,
    Capacitacion,
    Departamento,
    Membresia,
    Organizacion,
    Programa,
    Servicio,
)
from oficina.red_inicial import DESCRIPCION_ACTIVIDAD, ORGANIZACIONES, PROGRAMAS, VERIFICADA

from .busqueda import texto_busqueda
from .choices import (
    Canal,
    EstadoCaso,
    EstadoDerivacion,
    Genero,
    MotivoCierre,
    MotivoRechazo,
    Prioridad,
    RelacionHogar,
    ResultadoDerivacion,
    Sexo,
    SituacionMigratoria,
    TipoDocumento,
)
from .demo_datos import (
    CAPACITACIONES,
    DEPARTAMENTOS,
    NACIONALIDADES,
    NOTAS,
    RESULTADOS,
    SECTORES,
    TEMA_DE_AREA,
    USUARIOS,
)
from .demo_nombres import nombre_completo
from .identidad import claves_persona
from .models import Atencion, AtencionTema, Caso, Derivacion, EventoDerivacion, Hogar, Persona

LOTE = 5000
SEMILLA = 20261124


def _tz():
    return ZoneInfo(settings.TIME_ZONE)


def _completar(objeto, datos: dict) -> None:
    """Fill the fields of `objeto` that are still empty with the seed's values (edits are kept)."""
    campos = [c for c, v in datos.items() if v and getattr(objeto, c) in ("", None, [])]
    for campo in campos:
        setattr(objeto, campo, datos[campo])
    if campos:
        objeto.save(update_fields=campos)


def cargar_referencia(*, password, stdout=None):
    """Departments, network, programs, trainings and demo users: upserted, never duplicated."""
    deptos = {}
    for nombre, sigla, area, plazo, correo in DEPARTAMENTOS:
        deptos[sigla], _ = Departamento.objects.get_or_create(
            nombre=nombre,
            defaults={
                "sigla": sigla,
                "area": area,
                "plazo_respuesta_dias": plazo,
                "email": f"{correo}@municipalidad.example",
                "direccion": "Av. Argentina 864, Valparaíso",
                "horario": "Lunes a viernes, 8:30 a 14:00",
                "telefono": "+56 32 000 0000",
            },
        )
    for datos in ORGANIZACIONES:
        datos = dict(datos)
        servicios = datos.pop("servicios")
        org, _ = Organizacion.objects.get_or_create(
            nombre=datos["nombre"], defaults={**datos, "plazo_respuesta_dias": 10, "verificada": VERIFICADA}
        )
        # Placeholders of earlier seeds (never an office's edit): replaced by the published figures.
        viejos = {
            "descripcion": f"{org.nombre} es parte de la red de apoyo de la oficina.",
            "horario": "Lunes a viernes, 9:00 a 14:00",
        }
        if limpiar := [campo for campo, viejo in viejos.items() if getattr(org, campo) == viejo]:
            for campo in limpiar:
                setattr(org, campo, "")
            org.save(update_fields=limpiar)
        _completar(org, {**datos, "verificada": VERIFICADA})
        # NGOs and foundations answer their referrals through the signed link (issue #13).
        if org.acepta_derivaciones and org.tipo in ("ong", "fundacion") and not org.responde_por_enlace:
            org.email = org.email or f"derivaciones@{(org.sigla or str(org.pk)).lower()}.example"
            org.responde_por_enlace = True
            org.save(update_fields=["email", "responde_por_enlace"])
        for servicio in servicios:
            fila = Servicio.objects.filter(organizacion=org, nombre=servicio["nombre"]).first()
            if fila is None:
                Servicio.objects.create(organizacion=org, idiomas=datos["idiomas"], **servicio)
            else:
                _completar(fila, servicio)
    User = get_user_model()
    usuarios = {}
    for username, nombre, apellido, grupo, sigla_depto in USUARIOS:
        user, creado = User.objects.get_or_create(
            username=username,
            defaults={
                "first_name": nombre,
                "last_name": apellido,
                "email": f"{username}@municipalidad.example",
                "is_staff": grupo == roles.ENCARGADA,
            },
        )
        if creado:
            user.set_password(password)
            user.save(update_fields=["password"])
            user.groups.add(Group.objects.get(name=grupo))
            if sigla_depto:
                Membresia.objects.create(usuario=user, departamento=deptos[sigla_depto])
        usuarios[username] = user

    hoy = timezone.localdate()
    rng = random.Random(SEMILLA)
    for datos in PROGRAMAS:
        datos = dict(datos)
        actividades = datos.pop("actividades")
        programa, creado = Programa.objects.get_or_create(nombre=datos["nombre"], defaults=datos)
        _completar(programa, datos)
        if not creado:
            # Earlier seeds: add the translations the activities did not have.
            for titulo, titulo_ht, titulo_en in actividades:
                for actividad in programa.actividades.filter(titulo=titulo):
                    _completar(
                        actividad, {"titulo_ht": titulo_ht, "titulo_en": titulo_en, **DESCRIPCION_ACTIVIDAD}
                    )
            continue
        for titulo, titulo_ht, titulo_en in actividades:
            for desfase in (-60, -20, 10, 40):
                dia = hoy + datetime.timedelta(days=desfase + rng.randint(0, 6))
                inicio = datetime.datetime.combine(
                    dia, datetime.time(rng.choice([10, 11, 16, 18])), tzinfo=_tz()
                )
                Actividad.objects.create(
                    programa=programa,
                    titulo=titulo,
                    titulo_ht=titulo_ht,
                    titulo_en=titulo_en,
                    inicio=inicio,
                    fin=inicio + datetime.timedelta(hours=2),
                    lugar=rng.choice(
                        ["Biblioteca Severín", "Sede vecinal Cerro Barón", "Oficina de Migrantes"]
                    ),
                    asistentes=rng.randint(8, 60) if desfase < 0 else None,
                    **DESCRIPCION_ACTIVIDAD,
                )
    for i, (titulo, tema) in enumerate(CAPACITACIONES):
        cap, creada = Capacitacion.objects.get_or_create(
            titulo=titulo,
            defaults={"fecha": hoy - datetime.timedelta(days=45 + 70 * i), "tema": tema, "relator": "SERMIG"},
        )
        if creada:
            for user in usuarios.values():
                AsistenteCapacitacion.objects.create(
                    capacitacion=cap, usuario=user, nombre=user.get_full_name(), evaluacion=rng.randint(5, 7)
                )
            AsistenteCapacitacion.objects.create(
                capacitacion=cap,
                nombre="Funcionaria CESFAM Barón",
                departamento=deptos["Salud"],
                evaluacion=6,
            )
    return usuarios


def _documento(rng, indice, nacionalidad):
    """A unique, valid document for the person number `indice`."""
    opcion = rng.random()
    if opcion < 0.45:
        cuerpo = str(25_000_000 + indice)
        return TipoDocumento.RUN, cuerpo + rut.calc_check_digit(cuerpo)
    if opcion < 0.70:
        return TipoDocumento.PASAPORTE, f"{nacionalidad}{indice:09d}"
    if opcion < 0.85:
        return TipoDocumento.DNI_EXTRANJERO, f"{indice:010d}"
    return TipoDocumento.NINGUNO, ""


def _persona(rng, indice, hoy, usuario, nacionalidades, pesos, adulto=True):
    nac = rng.choices(nacionalidades, weights=pesos)[0]
    _, idiomas = NACIONALIDADES[nac]
    mujer = rng.random() < 0.55
    nombres, apellidos = nombre_completo(rng, nac, mujer)
    edad = rng.randint(18, 70) if adulto else rng.randint(1, 17)
    tipo, numero = _documento(rng, indice, nac)
    llegada = hoy - datetime.timedelta(days=rng.randint(5, 2500))
    persona = Persona(
        nombres=nombres,
        apellidos=apellidos,
        fecha_nacimiento=hoy - datetime.timedelta(days=edad * 365 + rng.randint(0, 364)),
        sexo=Sexo.MUJER if mujer else Sexo.HOMBRE,
        genero=Genero.FEMENINO if mujer else Genero.MASCULINO,
        nacionalidad=nac,
        pais_nacimiento=nac,
        tipo_documento=tipo,
        documento_numero=numero,
        telefono=f"+569{rng.randint(10_000_000, 99_999_999)}" if adulto else "",
        comuna=settings.COMUNA,
        sector=rng.choice(SECTORES),
        fecha_llegada_chile=llegada,
        situacion_migratoria=rng.choice(SituacionMigratoria.values),
        idiomas=idiomas,
        requiere_interprete="ht" in idiomas and rng.random() < 0.6,
        recien_llegada=(hoy - llegada).days < 90,
        sin_documentos=tipo == TipoDocumento.NINGUNO,
        nna=not adulto,
        embarazo=mujer and adulto and edad < 40 and rng.random() < 0.05,
        situacion_calle=rng.random() < 0.02,
        discapacidad=rng.random() < 0.04,
        consentimiento_fecha=timezone.now(),
        consentimiento_version=settings.AVISO_PRIVACIDAD_VERSION,
        consentimiento_registrado_por=usuario,
        creado_por=usuario,
        modificado_por=usuario,
    )
    # bulk_create skips clean(), which fills the search text.
    persona.busqueda = texto_busqueda(persona)
    persona.claves = claves_persona(persona)
    return persona


def crear_personas(*, total, usuarios, log=print):
    """Top up persons (in households) to `total`."""
    existentes = Persona.objects.count()
    if existentes >= total:
        return 0
    rng = random.Random(SEMILLA + existentes)
    hoy = timezone.localdate()
    staff = [usuarios["profesional"], usuarios["profesional2"], usuarios["encargada"]]
    nacionalidades = list(NACIONALIDADES)
    pesos = [NACIONALIDADES[n][0] for n in nacionalidades]
    indice = existentes
    while indice < total:
        with transaction.atomic():
            familias: list[list[Persona]] = []
            while indice < total and sum(len(f) for f in familias) < LOTE:
                usuario = rng.choice(staff)
                tamano = min(rng.choices([1, 2, 3, 4], weights=[55, 20, 15, 10])[0], total - indice)
                familia = [_persona(rng, indice, hoy, usuario, nacionalidades, pesos)]
                for k in range(1, tamano):
                    familia.append(
                        _persona(rng, indice + k, hoy, usuario, nacionalidades, pesos, adulto=k == 1)
                    )
                indice += tamano
                familias.append(familia)
            con_hogar = [f for f in familias if len(f) > 1]
            hogares = Hogar.objects.bulk_create(
                Hogar(
                    nombre=f"Familia {f[0].apellidos.split()[0]}",
                    direccion=f[0].sector,
                    creado_por=f[0].creado_por,
                )
                for f in con_hogar
            )
            for hogar, familia in zip(hogares, con_hogar, strict=True):
                for k, persona in enumerate(familia):
                    persona.hogar = hogar
                    persona.relacion_hogar = (
                        [RelacionHogar.JEFATURA, RelacionHogar.PAREJA][k] if k < 2 else (RelacionHogar.HIJO)
                    )
            personas = Persona.objects.bulk_create([p for f in familias for p in f], batch_size=1000)
            ninos = []
            for familia in con_hogar:
                for persona in familia[2:]:
                    persona.tutor = familia[0]
                    ninos.append(persona)
            Persona.objects.bulk_update(ninos, ["tutor"], batch_size=1000)
        log(f"  personas: {existentes + len(personas) if indice == total else indice:,}/{total:,}")
    return total - existentes


def crear_atenciones(*, total, usuarios, log=print):
    """Top up attentions (with their topics) to `total`, spread over the last 18 months."""
    existentes = Atencion.objects.count()
    if existentes >= total:
        return 0
    rng = random.Random(SEMILLA + 1 + existentes)
    persona_ids = list(Persona.objects.order_by("pk").values_list("pk", flat=True))
    staff = [usuarios["profesional"], usuarios["profesional2"], usuarios["encargada"]]
    ahora = timezone.now()
    tz = _tz()
    hoy = timezone.localdate()
    temas = Tema.values
    pesos_temas = [20, 4, 14, 12, 10, 6, 8, 5, 3, 2, 5, 4, 2, 4, 1]
    hechas = existentes
    while hechas < total:
        n = min(LOTE, total - hechas)
        with transaction.atomic():
            atenciones = []
            for _ in range(n):
                dia = hoy - datetime.timedelta(days=rng.randint(0, 540))
                fecha = datetime.datetime.combine(
                    dia, datetime.time(rng.randint(8, 17), rng.choice([0, 15, 30, 45])), tzinfo=tz
                )
                atenciones.append(
                    Atencion(
                        persona_id=rng.choice(persona_ids),
                        profesional=rng.choice(staff),
                        fecha_hora=min(fecha, ahora),
                        canal=rng.choices(Canal.values, weights=[60, 12, 18, 4, 3, 3])[0],
                        notas=rng.choice(NOTAS),
                        resultado=rng.choice(RESULTADOS),
                        fecha_seguimiento=dia + datetime.timedelta(days=14) if rng.random() < 0.15 else None,
                    )
                )
            Atencion.objects.bulk_create(atenciones, batch_size=1000)
            filas: list[AtencionTema] = []
            for atencion in atenciones:
                elegidos = {rng.choices(temas, weights=pesos_temas)[0] for _ in range(rng.choice([1, 1, 2]))}
                filas.extend(AtencionTema(atencion_id=atencion.pk, tema=t) for t in elegidos)
            AtencionTema.objects.bulk_create(filas, batch_size=2000)
        hechas += n
        log(f"  atenciones: {hechas:,}/{total:,}")
    return total - existentes


def crear_casos(*, total, usuarios, log=print):
    existentes = Caso.objects.count()
    if existentes >= total:
        return 0
    rng = random.Random(SEMILLA + 2 + existentes)
    persona_ids = list(Persona.objects.order_by("pk").values_list("pk", flat=True))
    staff = [usuarios["profesional"], usuarios["profesional2"]]
    hoy = timezone.localdate()
    hechos = existentes
    while hechos < total:
        n = min(LOTE, total - hechos)
        casos = []
        for _ in range(n):
            abierto = hoy - datetime.timedelta(days=rng.randint(0, 500))
            estado = rng.choices(EstadoCaso.values, weights=[35, 25, 40])[0]
            cerrado = estado == EstadoCaso.CERRADO
            casos.append(
                Caso(
                    persona_id=rng.choice(persona_ids),
                    motivo=rng.choice(
                        [
                            "Regularización de residencia",
                            "Acceso a salud",
                            "Matrícula escolar de hijos",
                            "Búsqueda de empleo",
                            "Situación habitacional",
                        ]
                    ),
                    area=rng.choice(
                        [Area.REGULARIZACION, Area.SALUD, Area.EDUCACION, Area.TRABAJO, Area.VIVIENDA]
                    ),
                    estado=estado,
                    prioridad=rng.choices(Prioridad.values, weights=[20, 50, 25, 5])[0],
                    asignado_a=rng.choice(staff),
                    abierto_en=abierto,
                    fecha_seguimiento=None
                    if cerrado
                    else hoy + datetime.timedelta(days=rng.randint(-10, 30)),
                    cerrado_en=min(hoy, abierto + datetime.timedelta(days=rng.randint(5, 90)))
                    if cerrado
                    else None,
                    motivo_cierre=rng.choice(MotivoCierre.values) if cerrado else "",
                )
            )
        Caso.objects.bulk_create(casos, batch_size=1000)
        hechos += n
        log(f"  casos: {hechos:,}/{total:,}")
    return total - existentes


def crear_derivaciones(*, total, usuarios, log=print):
    """Top up referrals to `total`, in every state, each with a coherent event history."""
    existentes = Derivacion.objects.count()
    if existentes >= total:
        return 0
    rng = random.Random(SEMILLA + 3 + existentes)
    # Outcomes of resolved referrals from their own stream, so the rest of the demo stays the same.
    rng_resultado = random.Random(SEMILLA + 4 + existentes)
    R = ResultadoDerivacion
    resultados = [R.ATENDIDA_RESUELTA, R.ATENDIDA_PENDIENTE, R.NO_SE_PRESENTO, R.NO_ELEGIBLE, R.OTRO]
    respuestas: dict[str, str] = {
        R.ATENDIDA_RESUELTA: "Persona atendida; se entregó la prestación solicitada.",
        R.ATENDIDA_PENDIENTE: "Persona atendida; falta que traiga un documento.",
        R.NO_SE_PRESENTO: "La persona no se presentó a la hora citada.",
        R.NO_ELEGIBLE: "La persona no cumple los requisitos del programa.",
        R.OTRO: "Se orientó por teléfono.",
    }
    persona_ids = list(Persona.objects.order_by("pk").values_list("pk", flat=True))
    deptos = list(Departamento.objects.order_by("pk"))
    orgs = list(Organizacion.objects.filter(acepta_derivaciones=True).order_by("pk"))
    enlaces = {
        m.departamento_id: m.usuario for m in Membresia.objects.select_related("usuario").order_by("pk")
    }
    staff = [usuarios["profesional"], usuarios["profesional2"]]
    ahora = timezone.now()
    tz = _tz()
    caminos: dict[str, list[str]] = {
        EstadoDerivacion.ENVIADA: [],
        EstadoDerivacion.RECIBIDA: [EstadoDerivacion.RECIBIDA],
        EstadoDerivacion.EN_ATENCION: [EstadoDerivacion.RECIBIDA, EstadoDerivacion.EN_ATENCION],
        EstadoDerivacion.RESUELTA: [
            EstadoDerivacion.RECIBIDA,
            EstadoDerivacion.EN_ATENCION,
            EstadoDerivacion.RESUELTA,
        ],
        EstadoDerivacion.RECHAZADA: [EstadoDerivacion.RECHAZADA],
        EstadoDerivacion.CANCELADA: [EstadoDerivacion.CANCELADA],
    }
    hechas = existentes
    while hechas < total:
        n = min(LOTE, total - hechas)
        with transaction.atomic():
            derivaciones, historias = [], []
            for _ in range(n):
                # Salud gets a third of referrals, so the demo liaison's inbox is never empty.
                destino: Departamento | Organizacion
                if rng.random() < 0.75:
                    depto = destino = deptos[0] if rng.random() < 0.4 else rng.choice(deptos)
                    org = None
                else:
                    depto, org = None, rng.choice(orgs)
                    destino = org
                envio = ahora - datetime.timedelta(days=rng.randint(0, 500), hours=rng.randint(0, 8))
                reciente = (ahora - envio).days < 30
                estado = rng.choices(
                    EstadoDerivacion.values,
                    weights=[30, 15, 15, 25, 8, 7] if reciente else [4, 3, 4, 70, 11, 8],
                )[0]
                remitente = rng.choice(staff)
                if depto:
                    tema = TEMA_DE_AREA.get(depto.area, Tema.OTRO)
                else:
                    tema = rng.choice([Tema.REGULARIZACION, Tema.JURIDICA, Tema.SALUD, Tema.EMERGENCIA])
                fechas = sorted(
                    envio + datetime.timedelta(hours=rng.randint(2, 240)) for _ in caminos[estado]
                )
                fechas = [min(f, ahora) for f in fechas]
                resultado = ""
                if estado == EstadoDerivacion.RESUELTA:
                    resultado = rng_resultado.choices(resultados, weights=[75, 8, 10, 4, 3])[0]
                derivaciones.append(
                    Derivacion(
                        persona_id=rng.choice(persona_ids),
                        departamento=depto,
                        organizacion=org,
                        tema=tema,
                        motivo="Se solicita atención según lo conversado con la persona.",
                        prioridad=rng.choices(Prioridad.values, weights=[15, 60, 20, 5])[0],
                        consentimiento=True,
                        derivado_por=remitente,
                        fecha_envio=envio,
                        fecha_limite=destino.fecha_limite(envio.astimezone(tz).date()),
                        estado=estado,
                        respuesta=respuestas.get(resultado, ""),
                        motivo_rechazo=rng.choice(MotivoRechazo.values)
                        if estado == EstadoDerivacion.RECHAZADA
                        else "",
                        fecha_cierre=fechas[-1]
                        if estado
                        in (EstadoDerivacion.RESUELTA, EstadoDerivacion.RECHAZADA, EstadoDerivacion.CANCELADA)
                        else None,
                        resultado=resultado,
                        resultado_detalle="Se coordinó por teléfono." if resultado == R.OTRO else "",
                        fecha_atendida=fechas[-1].astimezone(tz).date()
                        if resultado in (R.ATENDIDA_RESUELTA, R.ATENDIDA_PENDIENTE)
                        else None,
                    )
                )
                actor = enlaces.get(depto.pk) if depto else None
                historias.append((remitente, actor, envio, list(zip(caminos[estado], fechas, strict=True))))
            Derivacion.objects.bulk_create(derivaciones, batch_size=1000)
            eventos = []
            for derivacion, (remitente, actor, envio, pasos) in zip(derivaciones, historias, strict=True):
                derivacion.codigo = f"D-{envio.astimezone(tz).year}-{derivacion.pk:06d}"
                eventos.append(
                    EventoDerivacion(
                        derivacion=derivacion,
                        estado_anterior="",
                        estado_nuevo=EstadoDerivacion.ENVIADA,
                        usuario=remitente,
                        fecha=envio,
                    )
                )
                anterior: str = EstadoDerivacion.ENVIADA
                for estado, fecha in pasos:
                    quien = remitente if estado == EstadoDerivacion.CANCELADA else actor or remitente
                    eventos.append(
                        EventoDerivacion(
                            derivacion=derivacion,
                            estado_anterior=anterior,
                            estado_nuevo=estado,
                            usuario=quien,
                            fecha=fecha,
                            nota=derivacion.respuesta if estado == EstadoDerivacion.RESUELTA else "",
                            resultado=derivacion.resultado if estado == EstadoDerivacion.RESUELTA else "",
                        )
                    )
                    anterior = estado
            Derivacion.objects.bulk_update(derivaciones, ["codigo"], batch_size=1000)
            EventoDerivacion.objects.bulk_create(eventos, batch_size=2000)
        hechas += n
        log(f"  derivaciones: {hechas:,}/{total:,}")
    return total - existentes
