"""seed_demo's Sello Migrante evidence: a work plan with evidence, enrolment and attendance,
regularisation procedures, training evaluations, organisations and participation meetings.

Idempotent: a second run finds the demo plan and changes nothing.
"""

import datetime
import random

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from oficina.models import (
    AccionNoDiscriminacion,
    Actividad,
    AsistenteCapacitacion,
    Capacitacion,
    Departamento,
    EspacioParticipacion,
    LineaPlan,
    Organizacion,
    PlanCapacitacion,
    PlanTrabajo,
    Programa,
    ReunionParticipacion,
)

from .demo_datos import (
    ACCIONES_NO_DISCRIMINACION,
    ESPACIOS,
    LINEAS_PLAN,
    ORGANIZACIONES_MIGRANTES,
    PLAN_CAPACITACION,
)
from .models import Inscripcion, Persona, TramiteOperativo
from .services.sello import (
    adjuntar_evidencia,
    inscribir_en_programa,
    registrar_asistencia,
    registrar_tramite_operativo,
)

SEMILLA = 20261414
NOMBRE_PLAN = "Plan comunal de gestión migratoria"
# Minimal files whose first bytes match their type (the upload check reads them).
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
    b"\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82"
)
# Programs whose sessions take attendance by name (the others record anonymous counts).
NOMINALES = [
    "Clases de español para personas haitianas",
    "Salud intercultural",
    "Operativos de regularización en terreno",
]


def crear_sello(*, usuarios: dict, log=print) -> None:
    hoy = timezone.localdate()
    desde = datetime.date(hoy.year - 1, 1, 1)
    plan, creado = PlanTrabajo.objects.get_or_create(
        nombre=NOMBRE_PLAN, defaults={"desde": desde, "hasta": PlanTrabajo.hasta_por_defecto(desde)}
    )
    if not creado:
        return
    rng = random.Random(SEMILLA)  # noqa: S311 (demo data, not security)
    encargada = usuarios["encargada"] if "encargada" in usuarios else next(iter(usuarios.values()))
    deptos = {d.sigla or d.nombre: d for d in Departamento.objects.all()}
    for compromiso, eje, titulo, sigla, estado, meta, evidencias in LINEAS_PLAN:
        linea = LineaPlan.objects.create(
            plan=plan,
            compromiso=compromiso,
            eje=eje,
            titulo=titulo,
            acciones=f"Acciones de la línea «{titulo}».",
            departamento=deptos.get(sigla),
            inicio=desde,
            termino=plan.hasta,
            estado=estado,
            avance="Avance revisado en la última reunión de equipo.",
            indicador_meta=meta,
        )
        for ev_titulo, clase in evidencias:
            if clase == "pdf":
                archivo = SimpleUploadedFile(f"{ev_titulo[:40]}.pdf", PDF, content_type="application/pdf")
                adjuntar_evidencia(linea=linea, titulo=ev_titulo, archivo=archivo, subida_por=encargada)
            elif clase == "png":
                archivo = SimpleUploadedFile(f"{ev_titulo[:40]}.png", PNG, content_type="image/png")
                adjuntar_evidencia(linea=linea, titulo=ev_titulo, archivo=archivo, subida_por=encargada)
            else:
                adjuntar_evidencia(linea=linea, titulo=ev_titulo, enlace=clase, subida_por=encargada)
    capacitaciones = list(Capacitacion.objects.order_by("fecha"))
    for i, (tema, siglas) in enumerate(PLAN_CAPACITACION):
        pc = PlanCapacitacion.objects.create(
            plan=plan,
            tema=tema,
            fecha_prevista=desde + datetime.timedelta(days=120 * (i + 1)),
            realizada=capacitaciones[i] if i < len(capacitaciones) else None,
        )
        pc.departamentos.set([deptos[s] for s in siglas if s in deptos])
    lista_deptos = list(deptos.values())
    for cap in capacitaciones:
        # Staff from the departments (no portal account): the training's reach across the municipality.
        for n, depto in enumerate(rng.sample(lista_deptos, min(len(lista_deptos), rng.randint(3, 6)))):
            for m in range(rng.randint(1, 3)):
                AsistenteCapacitacion.objects.create(
                    capacitacion=cap,
                    nombre=f"Funcionario/a {depto} {n}{m}",
                    departamento=depto,
                    evaluacion=rng.randint(4, 7),
                )
    orgs = []
    for nombre, tipo in ORGANIZACIONES_MIGRANTES:
        org, _c = Organizacion.objects.get_or_create(
            nombre=nombre,
            defaults={
                "tipo": tipo,
                "comuna": "Valparaíso",
                "acepta_derivaciones": False,
                "plazo_respuesta_dias": 10,
                "telefono": "+56 9 0000 0000",
                "verificada": hoy,
                "descripcion": f"{nombre}: organización de la comunidad migrante de Valparaíso.",
                "descripcion_ht": f"{nombre}: òganizasyon kominote migran nan Valparaíso.",
                "descripcion_en": f"{nombre}: a migrant community organisation in Valparaíso.",
            },
        )
        orgs.append(org)
    for j, (nombre, tipo, acuerdos) in enumerate(ESPACIOS):
        espacio = EspacioParticipacion.objects.create(nombre=nombre, tipo=tipo)
        for k, acuerdo in enumerate(acuerdos):
            reunion = ReunionParticipacion.objects.create(
                espacio=espacio,
                fecha=hoy - datetime.timedelta(days=30 + 61 * k + 13 * j),
                asistentes=rng.randint(6, 30),
                acuerdos=acuerdo,
            )
            reunion.organizaciones.set(rng.sample(orgs, rng.randint(2, len(orgs))))
    for k, (tipo, titulo, resultado) in enumerate(ACCIONES_NO_DISCRIMINACION):
        AccionNoDiscriminacion.objects.create(
            tipo=tipo, titulo=titulo, fecha=hoy - datetime.timedelta(days=20 + 37 * k), resultado=resultado
        )
    _inscripciones(rng, usuarios=usuarios, quien=encargada, log=log)


def _inscripciones(rng: random.Random, *, usuarios: dict, quien, log) -> None:
    personas = list(Persona.objects.activas().order_by("id")[:400])
    if not personas:
        return
    ahora = timezone.now()
    for programa in Programa.objects.filter(nombre__in=NOMINALES):
        inscritas = rng.sample(personas, min(len(personas), rng.randint(18, 30)))
        for persona in inscritas:
            inscribir_en_programa(programa=programa, persona=persona, usuario=quien)
        for sesion in Actividad.objects.filter(programa=programa, inicio__lt=ahora):
            presentes = [p for p in inscritas if rng.random() < 0.75]
            registrar_asistencia(actividad=sesion, personas=presentes, usuario=quien)
            if programa.area == "regularizacion":
                for n, persona in enumerate(presentes):
                    tipo = rng.choice(list(TramiteOperativo.Tipo))
                    numero = (
                        f"S-{sesion.inicio:%Y}-{sesion.pk:04d}{n:03d}"
                        if tipo == "solicitud_residencia"
                        else ""
                    )
                    registrar_tramite_operativo(
                        actividad=sesion, persona=persona, tipo=tipo, numero_solicitud=numero, usuario=quien
                    )
    log(
        f"Sello Migrante: {Inscripcion.objects.count()} inscripciones, evidencias y reuniones de participación."
    )
