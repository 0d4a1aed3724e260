"""Sello Migrante indicators for a period: one aggregate query per indicator, in the database.

A period is a range of local dates (America/Santiago, settings.TIME_ZONE), inclusive; it is
queried as the half-open range of instants [start of `desde`, start of the day after `hasta`).
Nothing here returns personal data: only counts, rates and medians by category.
"""

import datetime
from dataclasses import dataclass

from django.db import connection, transaction
from django.db.models import (
    Aggregate,
    CharField,
    Count,
    DurationField,
    ExpressionWrapper,
    F,
    Q,
    Sum,
    Value,
    Window,
)
from django.db.models.functions import Cast, Coalesce, Concat, RowNumber, TruncMonth
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from oficina.choices import IdiomaPublico, Tema
from oficina.models import Actividad, AsistenteCapacitacion, Capacitacion, PaginaInformativa

from .choices import (
    ESTADOS_DERIVACION_ABIERTOS,
    RESULTADOS_RESUELTOS,
    Canal,
    EstadoDerivacion,
    ResultadoDerivacion,
    Sexo,
)
from .models import Atencion, AtencionTema, Derivacion

# Counts under this are shown as "<5" in anything published (the Sello Migrante report).
UMBRAL_PEQUENO = 5
# Age groups: (key, label, lower age inclusive); ages are taken at the period's last day.
GRUPOS_EDAD = [
    ("0-17", _("0 a 17 años"), 0),
    ("18-29", _("18 a 29 años"), 18),
    ("30-44", _("30 a 44 años"), 30),
    ("45-59", _("45 a 59 años"), 45),
    ("60+", _("60 años o más"), 60),
]
SIN_DATO = _("Sin dato")


@dataclass(frozen=True)
class Periodo:
    desde: datetime.date
    hasta: datetime.date  # inclusive

    @property
    def inicio(self) -> datetime.datetime:
        return _medianoche(self.desde)

    @property
    def fin(self) -> datetime.datetime:
        """First instant after the period."""
        return _medianoche(self.hasta + datetime.timedelta(days=1))

    @property
    def dias(self) -> int:
        return (self.hasta - self.desde).days + 1

    def meses(self):
        """First day of each month the period touches."""
        mes = self.desde.replace(day=1)
        while mes <= self.hasta:
            yield mes
            mes = (mes + datetime.timedelta(days=32)).replace(day=1)

    def __str__(self):
        return _("del %(desde)s al %(hasta)s") % {
            "desde": date_format(self.desde, "SHORT_DATE_FORMAT"),
            "hasta": date_format(self.hasta, "SHORT_DATE_FORMAT"),
        }


def _medianoche(dia: datetime.date) -> datetime.datetime:
    # The office's time zone; a midnight skipped by daylight saving resolves to the next instant.
    return datetime.datetime.combine(dia, datetime.time(0), tzinfo=timezone.get_default_timezone())


def _hace_anios(dia: datetime.date, anios: int) -> datetime.date:
    try:
        return dia.replace(year=dia.year - anios)
    except ValueError:  # 29 February
        return dia.replace(year=dia.year - anios, day=28)


def es_postgresql() -> bool:
    return connection.vendor == "postgresql"


class Mediana(Aggregate):
    """PostgreSQL's exact median (percentile_cont), usable with GROUP BY and FILTER."""

    function = "PERCENTILE_CONT"
    name = "Mediana"
    template = "%(function)s(0.5) WITHIN GROUP (ORDER BY %(expressions)s)"
    allow_distinct = False


def _fila(clave, etiqueta, **valores):
    return {"clave": clave, "etiqueta": str(etiqueta), **valores}


# --- persons and attentions -------------------------------------------------------------------
#
# The attention-side indicators come from two scans of the period's attentions instead of one
# query each: at a million rows every scan costs, and COUNT(DISTINCT) per group costs more.
#   perfil(): attentions grouped by person first, then by the person's nationality, sex, age
#             group and whether the period holds their first attention ever (persons, new,
#             returning, and the three breakdowns, distinct persons without COUNT(DISTINCT));
#   mes_y_canal(): attentions by (month, channel).


def perfil(p: Periodo) -> list[tuple]:
    """Rows (nationality, sex, age group, new 0/1, attentions, persons) for the period."""
    por_persona = (
        Atencion.objects.filter(fecha_hora__gte=p.inicio, fecha_hora__lt=p.fin)
        .values("persona_id")
        .annotate(n=Count("id"))
        .order_by()
    )
    sql_interno, params_internos = por_persona.query.sql_with_params()
    ops = connection.ops
    q = ops.quote_name
    grupos, params = [], []
    # From the oldest group down: born on or before the day they turned the group's lower age.
    for clave, _etiqueta, edad in reversed(GRUPOS_EDAD[1:]):
        grupos.append(f"WHEN p.{q('fecha_nacimiento')} <= %s THEN '{clave}'")
        params.append(ops.adapt_datefield_value(_hace_anios(p.hasta, edad)))
    params.append(ops.adapt_datetimefield_value(p.inicio))
    atencion = q(Atencion._meta.db_table)
    persona = q(Atencion._meta.get_field("persona").related_model._meta.db_table)
    sql = f"""
        SELECT p.{q("nacionalidad")}, p.{q("sexo")},
            CASE WHEN p.{q("fecha_nacimiento")} IS NULL THEN 'sin_dato' {" ".join(grupos)}
                ELSE '{GRUPOS_EDAD[0][0]}' END,
            CASE WHEN EXISTS (
                SELECT 1 FROM {atencion} a2 WHERE a2.{q("persona_id")} = t.{q("persona_id")}
                AND a2.{q("fecha_hora")} < %s
            ) THEN 0 ELSE 1 END,
            SUM(t.{q("n")}), COUNT(*)
        FROM ({sql_interno}) t INNER JOIN {persona} p ON p.{q("id")} = t.{q("persona_id")}
        GROUP BY 1, 2, 3, 4
    """  # noqa: S608 (identifiers are quoted model names; values are parameters)
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, *params_internos])
        return [
            (nac, sexo, grupo, int(nueva), int(atenciones), int(personas))
            for nac, sexo, grupo, nueva, atenciones, personas in cursor.fetchall()
        ]


def mes_y_canal(p: Periodo) -> list[dict]:
    return list(
        Atencion.objects.filter(fecha_hora__gte=p.inicio, fecha_hora__lt=p.fin)
        .annotate(mes=TruncMonth("fecha_hora", tzinfo=timezone.get_default_timezone()))
        .values("mes", "canal")
        .annotate(atenciones=Count("id"))
        .order_by()
    )


def personas_atendidas(p: Periodo, filas=None) -> dict:
    """Persons attended in the period; new ones had their first attention ever in the period."""
    filas = perfil(p) if filas is None else filas
    datos = {
        "atenciones": sum(f[4] for f in filas),
        "personas": sum(f[5] for f in filas),
        "nuevas": sum(f[5] for f in filas if f[3]),
    }
    datos["recurrentes"] = datos["personas"] - datos["nuevas"]
    return datos


def _sumar(filas, indice):
    conteo = {}
    for fila in filas:
        actual = conteo.setdefault(fila[indice], {"atenciones": 0, "personas": 0})
        actual["atenciones"] += fila[4]
        actual["personas"] += fila[5]
    return conteo


def atenciones_por_nacionalidad(p: Periodo, filas=None) -> list[dict]:
    conteo = _sumar(perfil(p) if filas is None else filas, 0)
    return _ordenar(
        [
            _fila(codigo or "", countries.name(codigo) if codigo else SIN_DATO, **valores)
            for codigo, valores in conteo.items()
        ]
    )


def atenciones_por_sexo(p: Periodo, filas=None) -> list[dict]:
    conteo = _sumar(perfil(p) if filas is None else filas, 1)
    vacio = {"atenciones": 0, "personas": 0}
    return [_fila(s.value, s.label, **conteo.get(s.value, vacio)) for s in Sexo]


def atenciones_por_edad(p: Periodo, filas=None) -> list[dict]:
    conteo = _sumar(perfil(p) if filas is None else filas, 2)
    vacio = {"atenciones": 0, "personas": 0}
    claves = [(clave, etiqueta) for clave, etiqueta, _edad in GRUPOS_EDAD] + [("sin_dato", SIN_DATO)]
    return [_fila(clave, etiqueta, **conteo.get(clave, vacio)) for clave, etiqueta in claves]


def atenciones_por_mes(p: Periodo, filas=None) -> list[dict]:
    por_mes = {}
    for fila in mes_y_canal(p) if filas is None else filas:
        mes = fila["mes"]
        mes = timezone.localtime(mes).date() if isinstance(mes, datetime.datetime) else mes
        mes = mes.replace(day=1)
        por_mes[mes] = por_mes.get(mes, 0) + fila["atenciones"]
    return [
        _fila(mes.isoformat()[:7], date_format(mes, "YEAR_MONTH_FORMAT"), atenciones=por_mes.get(mes, 0))
        for mes in p.meses()
    ]


def atenciones_por_canal(p: Periodo, filas=None) -> list[dict]:
    conteo = {}
    for fila in mes_y_canal(p) if filas is None else filas:
        conteo[fila["canal"]] = conteo.get(fila["canal"], 0) + fila["atenciones"]
    return _ordenar([_fila(c.value, c.label, atenciones=conteo.get(c.value, 0)) for c in Canal])


def atenciones_por_tema(p: Periodo) -> list[dict]:
    """An attention with two topics counts once in each."""
    filas = (
        AtencionTema.objects.filter(atencion__fecha_hora__gte=p.inicio, atencion__fecha_hora__lt=p.fin)
        .values("tema")
        .annotate(atenciones=Count("atencion_id"))
        .order_by()
    )
    conteo = {f["tema"]: f["atenciones"] for f in filas}
    return _ordenar([_fila(t.value, t.label, atenciones=conteo.get(t.value, 0)) for t in Tema])


# --- referrals ----------------------------------------------------------------------------------

_DESTINO = [
    "departamento_id",
    "departamento__nombre",
    "departamento__sigla",
    "organizacion_id",
    "organizacion__nombre",
    "organizacion__sigla",
]


def _destino(fila):
    if fila["departamento_id"]:
        return f"d{fila['departamento_id']}", fila["departamento__sigla"] or fila["departamento__nombre"]
    return f"o{fila['organizacion_id']}", fila["organizacion__sigla"] or fila["organizacion__nombre"]


# A referral counts as resolved by its outcome, not by its state (issue #13): see RESULTADOS_RESUELTOS.
Q_RESUELTA = Q(estado=EstadoDerivacion.RESUELTA, resultado__in=RESULTADOS_RESUELTOS)
# Closed with an outcome that is not "resolved" (no-show, pending on the person, not eligible...).
Q_CERRADA_SIN_RESOLVER = Q(estado=EstadoDerivacion.RESUELTA) & ~Q(resultado__in=RESULTADOS_RESUELTOS)


def _duracion():
    return ExpressionWrapper(F("fecha_cierre") - F("fecha_envio"), output_field=DurationField())


def _dias(duracion):
    if duracion is None:
        return None
    if isinstance(duracion, datetime.timedelta):
        return round(duracion.total_seconds() / 86400, 1)
    return round(float(duracion) / 86400, 1)


def _medianas_sin_postgresql(qs) -> dict:
    """Median per destination with window functions: only the one or two middle rows are fetched."""
    particion = [F("departamento_id"), F("organizacion_id")]
    filas = (
        qs.filter(Q_RESUELTA)
        .annotate(
            duracion=_duracion(),
            n=Window(Count("id"), partition_by=particion),
            orden=Window(RowNumber(), partition_by=particion, order_by=[_duracion().asc(), F("id").asc()]),
        )
        .filter(orden__gte=(F("n") + 1) / 2, orden__lte=(F("n") + 2) / 2)
        .values_list("departamento_id", "organizacion_id", "duracion")
    )
    medios = {}
    for departamento_id, organizacion_id, duracion in filas:
        clave = f"d{departamento_id}" if departamento_id else f"o{organizacion_id}"
        medios.setdefault(clave, []).append(duracion)
    return {clave: sum(valores, datetime.timedelta()) / len(valores) for clave, valores in medios.items()}


def derivaciones_por_destino(p: Periodo) -> list[dict]:
    """Referrals sent in the period, by destination: how many, resolved, rate, median days to resolve.

    "Resolved" means the outcome "attended and resolved" (RESULTADOS_RESUELTOS): a no-show, a step
    pending on the person, not eligible, referred onward or "other" close the referral without
    resolving it. The resolution rate leaves out referrals the office itself cancelled; the median
    counts the days from sending to closing of the resolved ones.
    """
    qs = Derivacion.objects.filter(fecha_envio__gte=p.inicio, fecha_envio__lt=p.fin)
    hoy = timezone.localdate()
    conteos = {
        "total": Count("id"),
        "resueltas": Count("id", filter=Q_RESUELTA),
        "cerradas_sin_resolver": Count("id", filter=Q_CERRADA_SIN_RESOLVER),
        "no_se_presento": Count(
            "id", filter=Q(estado=EstadoDerivacion.RESUELTA, resultado=ResultadoDerivacion.NO_SE_PRESENTO)
        ),
        "rechazadas": Count("id", filter=Q(estado=EstadoDerivacion.RECHAZADA)),
        "canceladas": Count("id", filter=Q(estado=EstadoDerivacion.CANCELADA)),
        "abiertas": Count("id", filter=Q(estado__in=ESTADOS_DERIVACION_ABIERTOS)),
        "vencidas": Count("id", filter=Q(estado__in=ESTADOS_DERIVACION_ABIERTOS, fecha_limite__lt=hoy)),
    }
    if es_postgresql():
        conteos["mediana"] = Mediana(_duracion(), filter=Q_RESUELTA, output_field=DurationField())
    filas = list(qs.values(*_DESTINO).annotate(**conteos).order_by("-total", "departamento__nombre"))
    medianas = None if es_postgresql() else _medianas_sin_postgresql(qs)
    resultado = []
    for fila in filas:
        clave, etiqueta = _destino(fila)
        base = fila["total"] - fila["canceladas"]
        mediana = fila["mediana"] if medianas is None else medianas.get(clave)
        resultado.append(
            _fila(
                clave,
                etiqueta,
                tipo=str(_("Departamento") if fila["departamento_id"] else _("Organización")),
                total=fila["total"],
                resueltas=fila["resueltas"],
                cerradas_sin_resolver=fila["cerradas_sin_resolver"],
                no_se_presento=fila["no_se_presento"],
                rechazadas=fila["rechazadas"],
                canceladas=fila["canceladas"],
                abiertas=fila["abiertas"],
                vencidas=fila["vencidas"],
                base_tasa=base,
                tasa=round(100 * fila["resueltas"] / base, 1) if base else None,
                mediana_dias=_dias(mediana),
            )
        )
    return resultado


def derivaciones_por_resultado(p: Periodo) -> list[dict]:
    """Referrals sent in the period and closed with an outcome, by outcome (every outcome listed)."""
    filas = (
        Derivacion.objects.filter(
            fecha_envio__gte=p.inicio, fecha_envio__lt=p.fin, estado=EstadoDerivacion.RESUELTA
        )
        .exclude(resultado="")
        .values("resultado")
        .annotate(n=Count("id"))
        .order_by()
    )
    conteo = {f["resultado"]: f["n"] for f in filas}
    return [
        _fila(r.value, r.label, derivaciones=conteo.get(r.value, 0), resuelta=r.value in RESULTADOS_RESUELTOS)
        for r in ResultadoDerivacion
    ]


def derivaciones_vencidas(p: Periodo | None = None) -> list[dict]:
    """Open referrals past their due date today (whatever the period), by destination."""
    filas = (
        Derivacion.objects.filter(
            estado__in=ESTADOS_DERIVACION_ABIERTOS, fecha_limite__lt=timezone.localdate()
        )
        .values(*_DESTINO)
        .annotate(vencidas=Count("id"))
        .order_by("-vencidas", "departamento__nombre")
    )
    return [_fila(*_destino(f), vencidas=f["vencidas"]) for f in filas]


def derivaciones_externas_pendientes(p: Periodo | None = None) -> list[dict]:
    """Referrals to the support network still waiting for an answer today, by organisation."""
    filas = (
        Derivacion.objects.filter(organizacion__isnull=False, estado__in=ESTADOS_DERIVACION_ABIERTOS)
        .values(*_DESTINO)
        .annotate(
            pendientes=Count("id"),
            vencidas=Count("id", filter=Q(fecha_limite__lt=timezone.localdate())),
        )
        .order_by("-pendientes", "organizacion__nombre")
    )
    return [_fila(*_destino(f), pendientes=f["pendientes"], vencidas=f["vencidas"]) for f in filas]


# --- office work ----------------------------------------------------------------------------------


def actividades(p: Periodo) -> list[dict]:
    """Activities that started in the period and their recorded attendance, by program."""
    filas = (
        Actividad.objects.filter(inicio__gte=p.inicio, inicio__lt=p.fin)
        .values("programa_id", "programa__nombre")
        .annotate(
            actividades=Count("id"),
            total_asistentes=Coalesce(Sum("asistentes"), 0),
            sin_registro=Count("id", filter=Q(asistentes__isnull=True)),
        )
        .order_by("-actividades", "programa__nombre")
    )
    return [
        _fila(
            f["programa_id"],
            f["programa__nombre"],
            actividades=f["actividades"],
            asistentes=f["total_asistentes"],
            sin_registro=f["sin_registro"],
        )
        for f in filas
    ]


def capacitaciones(p: Periodo) -> list[dict]:
    """Trainings held in the period with their number of attendees."""
    filas = (
        Capacitacion.objects.filter(fecha__gte=p.desde, fecha__lte=p.hasta)
        .annotate(n_asistentes=Count("asistentes"))
        .values("id", "titulo", "fecha", "tema", "horas", "n_asistentes")
        .order_by("fecha", "id")
    )
    temas = dict(Tema.choices)
    return [
        _fila(
            f["id"],
            f["titulo"],
            fecha=f["fecha"],
            tema=str(temas.get(f["tema"], "")),
            horas=f["horas"],
            asistentes=f["n_asistentes"],
        )
        for f in filas
    ]


def personal_capacitado(p: Periodo) -> int:
    """Distinct people trained in the period (a user, or a name when the attendee has no account)."""
    persona = Coalesce(
        Concat(Value("u"), Cast("usuario_id", CharField())),
        Concat(Value("n"), "nombre"),
        output_field=CharField(),
    )
    return AsistenteCapacitacion.objects.filter(
        capacitacion__fecha__gte=p.desde, capacitacion__fecha__lte=p.hasta
    ).aggregate(n=Count(persona, distinct=True))["n"]


def guias_por_idioma(p: Periodo) -> list[dict]:
    """Public guides published now per language, and how many were updated in the period."""
    filas = PaginaInformativa.objects.values("idioma").annotate(
        publicadas=Count("id", filter=Q(publicada=True)),
        actualizadas=Count("id", filter=Q(publicada=True, actualizada__gte=p.inicio, actualizada__lt=p.fin)),
    )
    conteo = {f["idioma"]: f for f in filas.order_by()}
    return [
        _fila(
            i.value,
            i.label,
            publicadas=conteo.get(i.value, {}).get("publicadas", 0),
            actualizadas=conteo.get(i.value, {}).get("actualizadas", 0),
        )
        for i in IdiomaPublico
    ]


def _ordenar(filas, campo="atenciones"):
    return sorted(filas, key=lambda f: (-f[campo], f["etiqueta"]))


def calcular(p: Periodo) -> dict:
    """Every indicator of the page and the report (a fixed number of queries)."""
    with transaction.atomic():
        if es_postgresql():
            # A few large aggregates over a year of attentions: JIT compilation costs more than it
            # saves, per-person hash tables need more than the default 4 MB, and parallel workers
            # would each rebuild the same hash table (measured on the benchmark database).
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT set_config('jit', 'off', true), set_config('work_mem', '32MB', true),"
                    " set_config('max_parallel_workers_per_gather', '0', true)"
                )
        return _calcular(p)


def _calcular(p: Periodo) -> dict:
    derivaciones = derivaciones_por_destino(p)
    capac = capacitaciones(p)
    filas_perfil = perfil(p)
    filas_mes = mes_y_canal(p)
    return {
        "periodo": p,
        "calculado": timezone.localtime(),
        "personas": personas_atendidas(p, filas_perfil),
        "por_mes": atenciones_por_mes(p, filas_mes),
        "por_tema": atenciones_por_tema(p),
        "por_canal": atenciones_por_canal(p, filas_mes),
        "por_nacionalidad": atenciones_por_nacionalidad(p, filas_perfil),
        "por_sexo": atenciones_por_sexo(p, filas_perfil),
        "por_edad": atenciones_por_edad(p, filas_perfil),
        "derivaciones": derivaciones,
        "derivaciones_total": {
            "total": sum(f["total"] for f in derivaciones),
            "resueltas": sum(f["resueltas"] for f in derivaciones),
            "cerradas_sin_resolver": sum(f["cerradas_sin_resolver"] for f in derivaciones),
            "no_se_presento": sum(f["no_se_presento"] for f in derivaciones),
            "vencidas": sum(f["vencidas"] for f in derivaciones),
        },
        "por_resultado": derivaciones_por_resultado(p),
        "vencidas": derivaciones_vencidas(p),
        "externas": derivaciones_externas_pendientes(p),
        "actividades": actividades(p),
        "capacitaciones": capac,
        "capacitaciones_total": {
            "sesiones": len(capac),
            "horas": sum((f["horas"] for f in capac), 0),
            "asistencias": sum(f["asistentes"] for f in capac),
            "personas": personal_capacitado(p),
        },
        "guias": guias_por_idioma(p),
    }


def enmascarar(valor):
    """A count for publication: 1 to 4 become "<5" (0 stays: it identifies no one)."""
    if isinstance(valor, int) and not isinstance(valor, bool) and 0 < valor < UMBRAL_PEQUENO:
        return f"<{UMBRAL_PEQUENO}"
    return valor
