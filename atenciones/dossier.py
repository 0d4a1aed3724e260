"""The Sello Migrante dossier for a period: one part per commitment, every count masked so it holds.

`construir(periodo)` gathers the figures (a fixed number of aggregate queries, no personal data)
into a `Dossier`: tables whose count cells are keys of one `supresion.Cuadro`, so sums that run
across tables (persons by nationality, by sex, by age all add up to the same total) are masked
together. `dossier_xlsx` writes the workbook; the printable report renders the same tables.
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Avg, Count, Exists, OuterRef, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _
from django_countries import countries

from oficina.choices import Area, Idioma, Tema
from oficina.models import (
    AccionNoDiscriminacion,
    Actividad,
    AsistenteCapacitacion,
    Compromiso,
    Departamento,
    Evidencia,
    LineaPlan,
    NarrativaCompromiso,
    Organizacion,
    PlanCapacitacion,
    PlanTrabajo,
    ReunionParticipacion,
)

from . import indicadores as ind
from .choices import EstadoDerivacion, MotivoCierre, ResultadoDerivacion, Sexo, SituacionMigratoria
from .indicadores.periodo import _hace_anios
from .models import Asistencia, Atencion, Caso, Derivacion, Persona, TramiteOperativo
from .supresion import C, Cuadro, D, mostrar, ocultar

BANDERAS = [
    ("recien_llegada", "Recién llegada"),
    ("sin_documentos", "Sin documentos"),
    ("nna", "Niño, niña o adolescente"),
    ("nna_no_acompanado", "NNA no acompañado"),
    ("embarazo", "Embarazo"),
    ("situacion_calle", "Situación de calle"),
    ("discapacidad", "Discapacidad"),
    ("violencia", "Víctima de violencia"),
]
AREAS_PROGRAMA = [Area.CULTURA, Area.SALUD, Area.EDUCACION]


@dataclass
class Tabla:
    titulo: str
    columnas: list[str]
    filas: list[list] = field(default_factory=list)
    grafico: int | None = None  # index of the column the printable report charts


@dataclass
class Parte:
    compromiso: str
    titulo: str
    narrativa: str = ""
    lineas: list[dict] = field(default_factory=list)
    tablas: list[Tabla] = field(default_factory=list)


@dataclass
class Dossier:
    periodo: ind.Periodo
    plan: PlanTrabajo | None
    partes: list[Parte]
    resumen: list[tuple[str, Any]]
    evidencias: list[dict]
    cuadro: Cuadro
    ocultos: dict = field(default_factory=dict)  # hidden count → "<5" or "*" (supresion.ocultar)

    def mostrar(self, celda: Any) -> Any:
        """A cell as published: a number, "<5", "*", or the plain value."""
        return mostrar(self.cuadro, self.ocultos, celda)

    def filas(self, tabla: Tabla) -> list[list]:
        return [[self.mostrar(c) for c in fila] for fila in tabla.filas]


class _Armador:
    def __init__(self) -> None:
        self.cuadro = Cuadro()

    def c(self, clave: tuple, valor: int) -> C:
        return C(self.cuadro.conteo(clave, valor))

    def d(self, clave: tuple, valor: Any, *depende: C) -> D:
        return D(self.cuadro.derivado(clave, *(x.clave for x in depende)), valor)

    def desglose(
        self, prefijo: str, titulo: str, columna: str, filas: list[tuple[str, str, int]], total: C
    ) -> Tabla:
        """A one-column breakdown whose rows add up to `total` (a count already in the dossier)."""
        celdas = [(etiqueta, self.c((prefijo, clave), n)) for clave, etiqueta, n in filas]
        self.cuadro.suma(total.clave, [x.clave for _e, x in celdas])
        return Tabla(titulo, [columna, _("Personas")], [[e, x] for e, x in celdas], grafico=1)


def plan_del_periodo(p: ind.Periodo) -> PlanTrabajo | None:
    """The work plan that overlaps the period, the latest starting one first."""
    return PlanTrabajo.objects.filter(desde__lte=p.hasta, hasta__gte=p.desde).order_by("-desde").first()


def construir(p: ind.Periodo) -> Dossier:
    datos = ind.calcular(p)
    a = _Armador()
    plan = plan_del_periodo(p)
    narrativas = (
        dict(NarrativaCompromiso.objects.filter(plan=plan).values_list("compromiso", "texto")) if plan else {}
    )
    lineas = _lineas(plan)
    partes = [
        _marco(a, p, datos),
        _capacitacion(a, p, plan),
        _politicas(a, p, datos),
        _regularizacion(a, p),
        _participacion(a, p),
    ]
    for parte in partes:
        parte.narrativa = narrativas.get(parte.compromiso, "")
        parte.lineas = [x for x in lineas if x["compromiso"] == parte.compromiso]
    v = a.cuadro.valores
    resumen = [
        (_("Personas atendidas"), C(("personas", "total"))),
        (_("Atenciones"), C(("atenciones", "total"))),
        (_("Derivaciones enviadas"), C(("deriv", "total", "total"))),
        (_("Líneas del plan de trabajo"), len(lineas)),
        (_("Líneas cumplidas"), sum(1 for x in lineas if x["estado_clave"] == LineaPlan.Estado.CUMPLIDA)),
        (_("Capacitaciones realizadas"), v.get(("capac", "sesiones"), 0)),
        (_("Personas alcanzadas por programas"), C(("prog_personas", "total"))),
        (_("Trámites iniciados en operativos"), C(("tramites", "total"))),
        (_("Reuniones de participación"), v.get(("reuniones", "total"), 0)),
    ]
    evidencias = [e for x in lineas for e in x["evidencias"]]
    dossier = Dossier(p, plan, partes, resumen, evidencias, a.cuadro)
    dossier.ocultos = ocultar(a.cuadro)
    return dossier


def _lineas(plan: PlanTrabajo | None) -> list[dict]:
    if plan is None:
        return []
    evidencias: dict[int, list[dict]] = {}
    for e in Evidencia.objects.filter(linea__plan=plan).order_by("linea_id", "creada"):
        evidencias.setdefault(e.linea_id, []).append(
            {
                "id": e.pk,
                "titulo": e.titulo,
                "tipo": e.get_tipo_display(),
                "enlace": e.enlace,
                "linea": e.linea_id,
            }
        )
    filas = []
    for linea in plan.lineas.select_related("departamento"):
        filas.append(
            {
                "id": linea.pk,
                "compromiso": linea.compromiso,
                "eje": linea.get_eje_display(),
                "titulo": linea.titulo,
                "acciones": linea.acciones,
                "responsable": str(linea.departamento) if linea.departamento else plan.unidad_responsable,
                "inicio": linea.inicio,
                "termino": linea.termino,
                "estado": linea.get_estado_display(),
                "estado_clave": linea.estado,
                "avance": linea.avance,
                "indicador_meta": linea.indicador_meta,
                "evidencias": [{**e, "linea_titulo": linea.titulo} for e in evidencias.get(linea.pk, [])],
            }
        )
    return filas


def _atendidas(p: ind.Periodo):
    return Persona.objects.filter(
        Exists(
            Atencion.objects.filter(persona=OuterRef("pk"), fecha_hora__gte=p.inicio, fecha_hora__lt=p.fin)
        )
    )


def _marco(a: _Armador, p: ind.Periodo, datos: dict) -> Parte:
    """Commitment 1: the unit, the plan, and the monitoring of how the municipality attends migrants."""
    parte = Parte(Compromiso.MARCO, str(Compromiso.MARCO.label))
    per = datos["personas"]
    total_p = a.c(("personas", "total"), per["personas"])
    total_a = a.c(("atenciones", "total"), per["atenciones"])
    nuevas, vuelven = (
        a.c(("personas", "nuevas"), per["nuevas"]),
        a.c(("personas", "vuelven"), per["recurrentes"]),
    )
    a.cuadro.suma(total_p.clave, [nuevas.clave, vuelven.clave])
    parte.tablas.append(
        Tabla(
            _("Personas y atenciones"),
            [_("Indicador"), _("Valor")],
            [
                [_("Personas atendidas"), total_p],
                [_("Personas nuevas"), nuevas],
                [_("Personas que vuelven"), vuelven],
                [_("Atenciones"), total_a],
            ],
        )
    )
    meses = [(f["clave"], f["etiqueta"], f["atenciones"]) for f in datos["por_mes"]]
    t = Tabla(_("Atenciones por mes"), [_("Mes"), _("Atenciones")], grafico=1)
    celdas = [a.c(("mes", k), n) for k, _e, n in meses]
    a.cuadro.suma(total_a.clave, [x.clave for x in celdas])
    t.filas = [[e, x] for (_k, e, _n), x in zip(meses, celdas, strict=True)]
    parte.tablas.append(t)
    t = Tabla(_("Atenciones por canal"), [_("Canal"), _("Atenciones")], grafico=1)
    canales = [(f["etiqueta"], a.c(("canal", f["clave"]), f["atenciones"])) for f in datos["por_canal"]]
    a.cuadro.suma(total_a.clave, [x.clave for _e, x in canales])
    t.filas = [[e, x] for e, x in canales]
    parte.tablas.append(t)
    # An attention with two topics counts in both: no sum to check, each cell masked on its own.
    parte.tablas.append(
        Tabla(
            _("Atenciones por tema"),
            [_("Tema"), _("Atenciones")],
            [[f["etiqueta"], a.c(("tema", f["clave"]), f["atenciones"])] for f in datos["por_tema"]],
            grafico=1,
        )
    )
    for clave, titulo, columna in (
        ("por_nacionalidad", _("Personas por nacionalidad"), _("Nacionalidad")),
        ("por_sexo", _("Personas por sexo"), _("Sexo")),
        ("por_edad", _("Personas por grupo de edad"), _("Grupo de edad")),
    ):
        filas = [(f["clave"], f["etiqueta"], f["personas"]) for f in datos[clave]]
        parte.tablas.append(a.desglose(clave, titulo, columna, filas, total_p))
    # Point 5: more from what is stored, over the persons attended in the period: one scan of
    # them, grouped by situation and language list (a few hundred groups), flags counted alongside.
    grupos = list(
        _atendidas(p)
        .values("situacion_migratoria", "idiomas")
        .annotate(
            n=Count("id"),
            interprete=Count("id", filter=Q(requiere_interprete=True)),
            **{b: Count("id", filter=Q(**{b: True})) for b, _e in BANDERAS},
        )
        .order_by()
    )
    situaciones: dict[str, int] = {}
    banderas = dict.fromkeys(["interprete", *(b for b, _e in BANDERAS)], 0)
    idiomas: dict[str, int] = {}
    for g in grupos:
        situaciones[g["situacion_migratoria"]] = situaciones.get(g["situacion_migratoria"], 0) + g["n"]
        for b in banderas:
            banderas[b] += g[b]
        for codigo in set(g["idiomas"] or []):
            idiomas[codigo] = idiomas.get(codigo, 0) + g["n"]
    filas = [(s.value, s.label, situaciones.get(s.value, 0)) for s in SituacionMigratoria]
    parte.tablas.append(
        a.desglose(
            "situacion", _("Personas por situación migratoria"), _("Situación migratoria"), filas, total_p
        )
    )
    # Flags overlap (a person may carry several): each masked on its own.
    parte.tablas.append(
        Tabla(
            _("Personas por condición de vulnerabilidad"),
            [_("Condición"), _("Personas")],
            [[_(e), a.c(("bandera", b), banderas[b])] for b, e in BANDERAS],
            grafico=1,
        )
    )
    interprete = a.c(("interprete", "si"), banderas["interprete"])
    sin_interprete = a.c(("interprete", "no"), per["personas"] - banderas["interprete"])
    a.cuadro.suma(total_p.clave, [interprete.clave, sin_interprete.clave])
    etiquetas = dict(Idioma.choices)
    parte.tablas.append(
        Tabla(
            _("Intérprete e idiomas"),
            [_("Indicador"), _("Personas")],
            [[_("Requiere intérprete"), interprete], [_("No requiere intérprete"), sin_interprete]]
            + [
                [_("Habla %(idioma)s") % {"idioma": etiquetas.get(k, k)}, a.c(("idioma", k), n)]
                for k, n in sorted(idiomas.items(), key=lambda x: (-x[1], x[0]))
            ],
        )
    )
    # Cases opened by area, closed by reason.
    abiertos = dict(
        Caso.objects.filter(abierto_en__gte=p.desde, abierto_en__lte=p.hasta)
        .values("area")
        .annotate(n=Count("id"))
        .order_by()
        .values_list("area", "n")
    )
    cerrados = dict(
        Caso.objects.filter(cerrado_en__gte=p.desde, cerrado_en__lte=p.hasta)
        .values("motivo_cierre")
        .annotate(n=Count("id"))
        .order_by()
        .values_list("motivo_cierre", "n")
    )
    t_ab = a.c(("casos_abiertos", "total"), sum(abiertos.values()))
    t_ce = a.c(("casos_cerrados", "total"), sum(cerrados.values()))
    celdas_ab: list[tuple[Any, C]] = [
        (ar.label, a.c(("casos_abiertos", ar.value), abiertos.get(ar.value, 0))) for ar in Area
    ]
    celdas_ce: list[tuple[Any, C]] = [
        (m.label, a.c(("casos_cerrados", m.value), cerrados.get(m.value, 0))) for m in MotivoCierre
    ]
    sin_motivo = sum(n for k, n in cerrados.items() if k not in MotivoCierre.values)
    celdas_ce.append((_("Sin motivo"), a.c(("casos_cerrados", "sin_motivo"), sin_motivo)))
    a.cuadro.suma(t_ab.clave, [x.clave for _e, x in celdas_ab])
    a.cuadro.suma(t_ce.clave, [x.clave for _e, x in celdas_ce])
    parte.tablas.append(
        Tabla(
            _("Casos abiertos por área"),
            [_("Área"), _("Casos")],
            [[e, x] for e, x in celdas_ab] + [[_("Total"), t_ab]],
            grafico=1,
        )
    )
    parte.tablas.append(
        Tabla(
            _("Casos cerrados por motivo"),
            [_("Motivo"), _("Casos")],
            [[e, x] for e, x in celdas_ce] + [[_("Total"), t_ce]],
            grafico=1,
        )
    )
    parte.tablas.append(_derivaciones(a, datos))
    parte.tablas.extend(_derivaciones_por_resultado(a, p, datos))
    parte.tablas.append(
        Tabla(
            _("Información oportuna: guías publicadas por idioma"),
            [_("Idioma"), _("Guías publicadas"), _("Actualizadas en el período")],
            [[f["etiqueta"], f["publicadas"], f["actualizadas"]] for f in datos["guias"]],
        )
    )
    return parte


# What became of the referrals sent: every one is in exactly one of these (they add up to "sent").
# "Resolved" counts only the outcome "attended and resolved" (issue 13); a referral closed with any
# other outcome is "closed without resolving".
ESTADOS_DERIV = ["resueltas", "cerradas_sin_resolver", "rechazadas", "canceladas", "abiertas"]


def _derivaciones(a: _Armador, datos: dict) -> Tabla:
    """Referrals by destination: states add up per row and per column; rate and median only when their counts show."""
    t = Tabla(
        _("Derivaciones por destino"),
        [
            _("Destino"),
            _("Tipo"),
            _("Enviadas"),
            _("Resueltas"),
            _("Cerradas sin resolver"),
            _("Rechazadas"),
            _("Canceladas"),
            _("Abiertas"),
            _("Tasa de resolución (%)"),
            _("Mediana de días para resolver"),
        ],
        grafico=2,
    )
    columnas: dict[str, list] = {k: [] for k in ["total", *ESTADOS_DERIV]}
    for f in datos["derivaciones"]:
        fila = {k: a.c(("deriv", f["clave"], k), f[k]) for k in ["total", *ESTADOS_DERIV]}
        a.cuadro.suma(fila["total"].clave, [fila[k].clave for k in ESTADOS_DERIV])
        for k, x in fila.items():
            columnas[k].append(x.clave)
        tasa = a.d(
            ("deriv", f["clave"], "tasa"), f["tasa"], fila["resueltas"], fila["total"], fila["canceladas"]
        )
        mediana = a.d(
            ("deriv", f["clave"], "mediana"),
            f["mediana_dias"] if f["resueltas"] >= 5 else None,
            fila["resueltas"],
        )
        t.filas.append(
            [f["etiqueta"], f["tipo"], *(fila[k] for k in ["total", *ESTADOS_DERIV]), tasa, mediana]
        )
    totales = {
        k: a.c(("deriv", "total", k), sum(x[k] for x in datos["derivaciones"]))
        for k in ["total", *ESTADOS_DERIV]
    }
    for k, claves in columnas.items():
        a.cuadro.suma(totales[k].clave, claves)
    a.cuadro.suma(totales["total"].clave, [totales[k].clave for k in ESTADOS_DERIV])
    t.filas.append([_("Total"), "", *(totales[k] for k in ["total", *ESTADOS_DERIV]), "", ""])
    return t


SIN_RESULTADO = "sin_resultado"


def _derivaciones_por_resultado(a: _Armador, p: ind.Periodo, datos: dict) -> list[Tabla]:
    """Referrals sent in the period and closed, by outcome, and by destination × outcome.

    The cells are the same counts as the destination table's: "attended and resolved" of a
    destination is its "resolved" cell, the other outcomes add up to its "closed without resolving",
    each outcome column adds up to its total; so complementary suppression sees every sum a reader
    could check across the three tables.
    """
    filas = (
        Derivacion.objects.filter(
            fecha_envio__gte=p.inicio, fecha_envio__lt=p.fin, estado=EstadoDerivacion.RESUELTA
        )
        .values("departamento_id", "organizacion_id", "resultado")
        .annotate(n=Count("id"))
        .order_by()
    )
    conteo: dict[tuple[str, str], int] = {}
    for f in filas:
        destino = f"d{f['departamento_id']}" if f["departamento_id"] else f"o{f['organizacion_id']}"
        resultado = f["resultado"] or SIN_RESULTADO
        conteo[(destino, resultado)] = conteo.get((destino, resultado), 0) + f["n"]
    resultados: list[tuple[str, str]] = [(r.value, str(r.label)) for r in ResultadoDerivacion]
    if any(r == SIN_RESULTADO for _d, r in conteo):  # closed before outcomes existed
        resultados.append((SIN_RESULTADO, _("Sin resultado registrado")))
    resuelta = ResultadoDerivacion.ATENDIDA_RESUELTA.value

    def celda(destino: str, resultado: str) -> C:
        if resultado == resuelta:  # the destination table's "resolved" cell, the same count
            return a.c(("deriv", destino, "resueltas"), conteo.get((destino, resultado), 0))
        return a.c(("deriv_res", destino, resultado), conteo.get((destino, resultado), 0))

    destinos = [(f["clave"], f["etiqueta"]) for f in datos["derivaciones"]]
    cruce = Tabla(
        _("Derivaciones cerradas por destino y resultado"),
        [_("Destino"), *(e for _r, e in resultados)],
    )
    columnas: dict[str, list] = {r: [] for r, _e in resultados}
    for destino, etiqueta in destinos:
        celdas = {r: celda(destino, r) for r, _e in resultados}
        a.cuadro.suma(
            ("deriv", destino, "cerradas_sin_resolver"), [x.clave for r, x in celdas.items() if r != resuelta]
        )
        for r, x in celdas.items():
            columnas[r].append(x.clave)
        cruce.filas.append([etiqueta, *(celdas[r] for r, _e in resultados)])
    totales = {}
    for r, _e in resultados:
        clave = ("deriv", "total", "resueltas") if r == resuelta else ("deriv_res", "total", r)
        totales[r] = a.c(clave, sum(conteo.get((d, r), 0) for d, _e in destinos))
        a.cuadro.suma(totales[r].clave, columnas[r])
    a.cuadro.suma(
        ("deriv", "total", "cerradas_sin_resolver"), [x.clave for r, x in totales.items() if r != resuelta]
    )
    cruce.filas.append([_("Total"), *(totales[r] for r, _e in resultados)])
    cerradas = a.c(
        ("deriv_res", "total", "cerradas"),
        a.cuadro.valores[("deriv", "total", "resueltas")]
        + a.cuadro.valores[("deriv", "total", "cerradas_sin_resolver")],
    )
    a.cuadro.suma(cerradas.clave, [x.clave for x in totales.values()])
    a.cuadro.suma(
        cerradas.clave, [("deriv", "total", "resueltas"), ("deriv", "total", "cerradas_sin_resolver")]
    )
    por_resultado = Tabla(
        _("Derivaciones cerradas por resultado"),
        [_("Resultado"), _("Derivaciones"), _("¿Cuenta como resuelta?")],
        [[e, totales[r], _("Sí") if r == resuelta else _("No")] for r, e in resultados]
        + [[_("Total"), cerradas, ""]],
        grafico=1,
    )
    return [por_resultado, cruce]


def _capacitacion(a: _Armador, p: ind.Periodo, plan: PlanTrabajo | None) -> Parte:
    """Commitment 2: the training plan, sessions with attendees by department, evaluations."""
    parte = Parte(Compromiso.CAPACITACION, str(Compromiso.CAPACITACION.label))
    if plan:
        plan_filas = [
            [
                x.tema,
                x.fecha_prevista,
                ", ".join(str(d) for d in x.departamentos.all()),
                _("Sí") if x.realizada_id else _("No"),
            ]
            for x in PlanCapacitacion.objects.filter(plan=plan).prefetch_related("departamentos")
        ]
        parte.tablas.append(
            Tabla(
                _("Plan de capacitación"),
                [_("Tema"), _("Fecha prevista"), _("Departamentos"), _("Realizada")],
                plan_filas,
            )
        )
    asistentes = AsistenteCapacitacion.objects.filter(
        capacitacion__fecha__gte=p.desde, capacitacion__fecha__lte=p.hasta
    )
    sesiones = list(
        asistentes.values(
            "capacitacion_id", "capacitacion__titulo", "capacitacion__fecha", "capacitacion__horas"
        )
        .annotate(n=Count("id"), evaluadas=Count("evaluacion"), promedio=Avg("evaluacion"))
        .order_by("capacitacion__fecha", "capacitacion_id")
    )
    t = Tabla(
        _("Sesiones de capacitación"),
        [
            _("Capacitación"),
            _("Fecha"),
            _("Horas"),
            _("Asistentes"),
            _("Evaluaciones"),
            _("Evaluación promedio (1 a 7)"),
        ],
        grafico=3,
    )
    celdas = []
    for s in sesiones:
        n = a.c(("capac_sesion", s["capacitacion_id"]), s["n"])
        ev = a.c(("capac_eval", s["capacitacion_id"]), s["evaluadas"])
        prom = round(float(s["promedio"]), 1) if s["promedio"] is not None and s["evaluadas"] >= 5 else None
        celdas.append(n)
        t.filas.append(
            [
                s["capacitacion__titulo"],
                s["capacitacion__fecha"],
                s["capacitacion__horas"],
                n,
                ev,
                a.d(("capac_prom", s["capacitacion_id"]), prom, ev),
            ]
        )
    total = a.c(("capac", "asistencias"), sum(s["n"] for s in sesiones))
    a.cuadro.suma(total.clave, [x.clave for x in celdas])
    a.cuadro.conteo(("capac", "sesiones"), len(sesiones))
    t.filas.append(
        [_("Total"), "", sum((s["capacitacion__horas"] for s in sesiones), Decimal(0)), total, "", ""]
    )
    parte.tablas.append(t)
    por_depto = dict(
        asistentes.filter(departamento__isnull=False)
        .values("departamento_id")
        .annotate(n=Count("id"))
        .order_by()
        .values_list("departamento_id", "n")
    )
    deptos = list(Departamento.objects.filter(activo=True).values_list("id", "nombre"))
    con = sum(1 for i, _n in deptos if por_depto.get(i))
    dt = Tabla(_("Asistentes por departamento"), [_("Departamento"), _("Asistentes")], grafico=1)
    dt.filas = [[nombre, a.c(("capac_depto", i), por_depto.get(i, 0))] for i, nombre in deptos]
    parte.tablas.append(dt)
    parte.tablas.append(
        Tabla(
            _("Cobertura de departamentos"),
            [_("Indicador"), _("Valor")],
            [
                [_("Departamentos activos"), len(deptos)],
                [_("Departamentos con funcionarios capacitados"), con],
                [
                    _("Porcentaje de departamentos con funcionarios capacitados"),
                    round(100 * con / len(deptos), 1) if deptos else "",
                ],
                [
                    _("Personas capacitadas (distintas)"),
                    a.c(("capac", "personas"), ind.personal_capacitado(p)),
                ],
            ],
        )
    )
    return parte


def _politicas(a: _Armador, p: ind.Periodo, datos: dict) -> Parte:
    """Commitment 3: inclusion programs (culture, health, education) and non-discrimination actions."""
    parte = Parte(Compromiso.POLITICAS, str(Compromiso.POLITICAS.label))
    acciones = AccionNoDiscriminacion.objects.filter(fecha__gte=p.desde, fecha__lte=p.hasta)
    por_tipo = dict(acciones.values("tipo").annotate(n=Count("id")).order_by().values_list("tipo", "n"))
    filas: list[list[Any]] = []
    for tipo in AccionNoDiscriminacion.Tipo:
        valor = por_tipo.get(tipo.value, 0)
        # A complaint is about someone: its count is masked like any count of persons.
        filas.append(
            [
                tipo.label,
                a.c(("denuncias", "total"), valor) if tipo == AccionNoDiscriminacion.Tipo.DENUNCIA else valor,
            ]
        )
    tema_disc = next((f["atenciones"] for f in datos["por_tema"] if f["clave"] == Tema.DISCRIMINACION), 0)
    filas.append([_("Atenciones por discriminación"), a.c(("tema", Tema.DISCRIMINACION.value), tema_disc)])
    parte.tablas.append(Tabla(_("Acciones de no discriminación"), [_("Tipo"), _("Cantidad")], filas))
    # Campaigns and ordinances are public acts: listed by title (complaints are not).
    parte.tablas.append(
        Tabla(
            _("Campañas y ordenanzas del período"),
            [_("Fecha"), _("Tipo"), _("Título"), _("Resultado")],
            [
                [x.fecha, x.get_tipo_display(), x.titulo, x.resultado]
                for x in acciones.exclude(tipo=AccionNoDiscriminacion.Tipo.DENUNCIA).order_by("fecha")
            ],
        )
    )
    parte.tablas.extend(_programas(a, p))
    return parte


def _sesiones(p: ind.Periodo):
    return Actividad.objects.filter(inicio__gte=p.inicio, inicio__lt=p.fin)


def _programas(a: _Armador, p: ind.Periodo) -> list[Tabla]:
    """Distinct persons reached by program and area (from attendance), plus anonymous counts at open events."""
    asist = Asistencia.objects.filter(actividad__inicio__gte=p.inicio, actividad__inicio__lt=p.fin)
    por_programa = list(
        asist.values("actividad__programa_id", "actividad__programa__nombre", "actividad__programa__area")
        .annotate(personas=Count("persona_id", distinct=True))
        .order_by("actividad__programa__nombre")
    )
    suma_anon = dict(
        _sesiones(p)
        .values("programa_id")
        .annotate(s=Sum("asistentes"))
        .order_by()
        .values_list("programa_id", "s")
    )
    sesiones = dict(
        _sesiones(p).values("programa_id").annotate(n=Count("id")).order_by().values_list("programa_id", "n")
    )
    t = Tabla(
        _("Programas: personas alcanzadas"),
        [
            _("Programa"),
            _("Área"),
            _("Sesiones"),
            _("Personas distintas (asistencia nominal)"),
            _("Asistentes en actividades abiertas"),
        ],
        grafico=3,
    )
    areas = dict(Area.choices)
    for f in por_programa:
        pid = f["actividad__programa_id"]
        t.filas.append(
            [
                f["actividad__programa__nombre"],
                areas.get(f["actividad__programa__area"], ""),
                sesiones.get(pid, 0),
                a.c(("prog", pid), f["personas"]),
                suma_anon.get(pid) or 0,
            ]
        )
    personas = asist.values("persona_id").distinct()
    total = a.c(("prog_personas", "total"), personas.count())
    por_area = dict(
        asist.values("actividad__programa__area")
        .annotate(n=Count("persona_id", distinct=True))
        .order_by()
        .values_list("actividad__programa__area", "n")
    )
    # A person may join programs of several areas: each area masked on its own.
    ta = Tabla(
        _("Personas alcanzadas por área"),
        [_("Área"), _("Personas")],
        [[ar.label, a.c(("prog_area", ar.value), por_area.get(ar.value, 0))] for ar in AREAS_PROGRAMA],
        grafico=1,
    )
    alcanzadas = Persona.objects.filter(Exists(asist.filter(persona=OuterRef("pk"))))
    nac = dict(
        alcanzadas.values("nacionalidad").annotate(n=Count("id")).order_by().values_list("nacionalidad", "n")
    )
    filas_nac = sorted(
        ((k or "", countries.name(k) if k else str(ind.SIN_DATO), n) for k, n in nac.items()),
        key=lambda x: (-x[2], x[1]),
    )
    sexo = dict(alcanzadas.values("sexo").annotate(n=Count("id")).order_by().values_list("sexo", "n"))
    edad = _por_edad(alcanzadas, p.hasta)
    return [
        t,
        Tabla(
            _("Personas alcanzadas por programas"),
            [_("Indicador"), _("Personas")],
            [[_("Personas distintas con asistencia"), total]],
        ),
        ta,
        a.desglose(
            "prog_nac", _("Personas alcanzadas por nacionalidad"), _("Nacionalidad"), filas_nac, total
        ),
        a.desglose(
            "prog_sexo",
            _("Personas alcanzadas por sexo"),
            _("Sexo"),
            [(s.value, str(s.label), sexo.get(s.value, 0)) for s in Sexo],
            total,
        ),
        a.desglose("prog_edad", _("Personas alcanzadas por grupo de edad"), _("Grupo de edad"), edad, total),
    ]


def _por_edad(personas, dia: datetime.date) -> list[tuple[str, str, int]]:
    conteos = personas.aggregate(
        sin_dato=Count("id", filter=Q(fecha_nacimiento__isnull=True)),
        **{
            f"g{i}": Count(
                "id",
                filter=Q(fecha_nacimiento__lte=_hace_anios(dia, edad))
                & (
                    Q(fecha_nacimiento__gt=_hace_anios(dia, ind.GRUPOS_EDAD[i + 1][2]))
                    if i + 1 < len(ind.GRUPOS_EDAD)
                    else Q()
                ),
            )
            for i, (_k, _e, edad) in enumerate(ind.GRUPOS_EDAD)
        },
    )
    filas = [(k, str(e), conteos[f"g{i}"]) for i, (k, e, _edad) in enumerate(ind.GRUPOS_EDAD)]
    return [*filas, ("sin_dato", str(ind.SIN_DATO), conteos["sin_dato"])]


def _regularizacion(a: _Armador, p: ind.Periodo) -> Parte:
    """Commitment 4: regularisation operations, persons assisted and procedures started."""
    parte = Parte(Compromiso.REGULARIZACION, str(Compromiso.REGULARIZACION.label))
    operativos = _sesiones(p).filter(programa__area=Area.REGULARIZACION)
    tramites = TramiteOperativo.objects.filter(actividad__in=operativos)
    # Distinct persons across both small tables (not a scan of every person with two EXISTS).
    asistidas = (
        tramites.values("persona_id")
        .order_by()
        .union(Asistencia.objects.filter(actividad__in=operativos).values("persona_id").order_by())
        .count()
    )
    por_tipo = dict(tramites.values("tipo").annotate(n=Count("id")).order_by().values_list("tipo", "n"))
    total = a.c(("tramites", "total"), sum(por_tipo.values()))
    celdas = [(t.label, a.c(("tramites", t.value), por_tipo.get(t.value, 0))) for t in TramiteOperativo.Tipo]
    a.cuadro.suma(total.clave, [x.clave for _e, x in celdas])
    parte.tablas.append(
        Tabla(
            _("Operativos de regularización"),
            [_("Indicador"), _("Valor")],
            [
                [_("Operativos realizados"), operativos.count()],
                [_("Personas asistidas"), a.c(("operativos", "personas"), asistidas)],
                [_("Trámites iniciados"), total],
            ],
        )
    )
    parte.tablas.append(
        Tabla(
            _("Trámites iniciados por tipo"),
            [_("Trámite"), _("Cantidad")],
            [[e, x] for e, x in celdas],
            grafico=1,
        )
    )
    por_op = list(
        operativos.annotate(n=Count("tramites"))
        .values("id", "titulo", "inicio", "lugar", "n")
        .order_by("inicio")
    )
    celdas_op = [a.c(("tramites_op", o["id"]), o["n"]) for o in por_op]
    a.cuadro.suma(total.clave, [x.clave for x in celdas_op])
    parte.tablas.append(
        Tabla(
            _("Trámites por operativo"),
            [_("Operativo"), _("Fecha"), _("Lugar"), _("Trámites")],
            [
                [o["titulo"], timezone.localdate(o["inicio"]), o["lugar"], x]
                for o, x in zip(por_op, celdas_op, strict=True)
            ],
        )
    )
    return parte


def _participacion(a: _Armador, p: ind.Periodo) -> Parte:
    """Commitment 5: the register of migrant organisations, participation spaces and their meetings."""
    parte = Parte(Compromiso.PARTICIPACION, str(Compromiso.PARTICIPACION.label))
    tipos = [
        Organizacion.Tipo.MIGRANTE,
        Organizacion.Tipo.COMUNITARIA,
        Organizacion.Tipo.ONG,
        Organizacion.Tipo.FUNDACION,
    ]
    registro = dict(
        Organizacion.objects.filter(activa=True, tipo__in=tipos)
        .values("tipo")
        .annotate(n=Count("id"))
        .order_by()
        .values_list("tipo", "n")
    )
    parte.tablas.append(
        Tabla(
            _("Registro de organizaciones"),
            [_("Tipo"), _("Organizaciones activas")],
            [[t.label, registro.get(t.value, 0)] for t in tipos],
            grafico=1,
        )
    )
    reuniones = ReunionParticipacion.objects.filter(fecha__gte=p.desde, fecha__lte=p.hasta)
    por_espacio = list(
        reuniones.values("espacio_id", "espacio__nombre", "espacio__tipo")
        .annotate(n=Count("id", distinct=True), orgs=Count("organizaciones", distinct=True))
        .order_by("espacio__nombre")
    )
    asistentes = dict(
        reuniones.values("espacio_id").annotate(s=Sum("asistentes")).order_by().values_list("espacio_id", "s")
    )
    a.cuadro.conteo(("reuniones", "total"), sum(x["n"] for x in por_espacio))
    t = Tabla(
        _("Espacios de participación"),
        [_("Espacio"), _("Reuniones"), _("Organizaciones asistentes (distintas)"), _("Asistentes")],
        grafico=1,
    )
    for x in por_espacio:
        t.filas.append(
            [
                x["espacio__nombre"],
                x["n"],
                x["orgs"],
                a.c(("part_asist", x["espacio_id"]), asistentes.get(x["espacio_id"]) or 0),
            ]
        )
    parte.tablas.append(t)
    parte.tablas.append(
        Tabla(
            _("Acuerdos"),
            [_("Fecha"), _("Espacio"), _("Acuerdos")],
            [
                [r.fecha, r.espacio.nombre, r.acuerdos]
                for r in reuniones.select_related("espacio").exclude(acuerdos="").order_by("fecha")
            ],
        )
    )
    return parte
