"""The Sello Migrante report: the period's indicators as workbook sheets, small counts masked.

Built from `atenciones.indicadores.calcular` and `indicadores.comparar.comparar` (each figure beside
the previous period's); written by `atenciones.exportar.exportar`. A previous-period count of 1 to
4 is masked like any other, and a difference is left blank when either of its two counts is
masked (it would give the masked one away).
"""

from collections.abc import Hashable
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .exportar import Hoja
from .indicadores import UMBRAL_PEQUENO
from .supresion import C, Cuadro, D, mostrar, ocultar

CONTEOS_DERIVACION = [
    "total",
    "resueltas",
    "cerradas_sin_resolver",
    "no_se_presento",
    "rechazadas",
    "canceladas",
    "abiertas",
]
# Sent = resolved + closed unresolved + rejected + cancelled + open ("no-show" is one of the
# closed unresolved, so it is in no sum).
PARTES_ENVIADAS = ["resueltas", "cerradas_sin_resolver", "rechazadas", "canceladas", "abiertas"]


class _Libro:
    """The workbook's counts in one `supresion.Cuadro`: every count the report publishes, the sums
    a reader can check across its sheets (the period's total attentions = its months = its channels
    = its nationalities…; persons = new + returning…) and the figures derived from counts
    (differences, rates, medians), so complementary suppression sees all of them at once."""

    def __init__(self) -> None:
        self.cuadro = Cuadro()

    def c(self, clave: Hashable, valor: int | None) -> C | None:
        return None if valor is None else C(self.cuadro.conteo(clave, valor))

    def d(self, clave: Hashable, valor: Any, *depende: C | None) -> D:
        claves = tuple(x.clave for x in depende if x is not None)
        return D(self.cuadro.derivado(clave, *claves), valor)

    def trio(self, clave: tuple, actual: int | None, anterior: int | None, diferencia: Any) -> list:
        """A count, the previous period's and the difference (shown only beside two shown counts)."""
        a = self.c(("a", *clave), actual)
        p = self.c(("p", *clave), anterior)
        dif = None if a is None or p is None else diferencia
        return [a, p, self.d(("dif", *clave), dif, a, p)]

    def suma(self, total: C | None, partes: list) -> None:
        """`total` = the shown parts (+ whatever the breakdown leaves out)."""
        partes = [x.clave for x in partes if x is not None]
        if total is not None:
            self.cuadro.suma_con_resto(total.clave, partes)

    def al_menos(self, mayor: C | None, menor: C | None) -> None:
        if mayor is not None and menor is not None:
            self.cuadro.al_menos(mayor.clave, menor.clave)

    def publicar(self, hojas: list[Hoja], ocultos: dict | None = None) -> list[Hoja]:
        """The sheets as published (`ocultos`: what to hide, by default what `ocultar` says; the
        tests pass {} to read the true figures in the same layout)."""
        ocultos = ocultar(self.cuadro) if ocultos is None else ocultos
        publicadas = []
        for hoja in hojas:
            filas: list[list] = hoja.filas  # type: ignore[assignment]  # built as lists above
            valores = [[mostrar(self.cuadro, ocultos, celda) for celda in fila] for fila in filas]
            publicadas.append(Hoja(hoja.titulo, hoja.encabezados, valores))
        return publicadas


def _columnas(*titulos) -> list:
    return [x for t in titulos for x in (t, _("%(cifra)s, período anterior") % {"cifra": t}, _("Diferencia"))]


def _derivados(libro: _Libro, f: dict, celdas: dict) -> list:
    """The resolution rate and the median days, each with the previous period's and the
    difference: a rate only over a base (sent − cancelled) of 5 or more, a median only over 5 or
    more resolved, and each shown only while the counts it is computed from are."""
    salida = []
    for campo, base, depende in (
        ("tasa", "base_tasa", ("resueltas", "total", "canceladas")),
        ("mediana_dias", "resueltas", ("resueltas",)),
    ):
        actual = f[campo] if f[base] >= UMBRAL_PEQUENO else None
        anterior = f["ant"][campo] if (f["ant"][base] or 0) >= UMBRAL_PEQUENO else None
        dif = f["dif"][campo] if actual is not None and anterior is not None else None
        de_a = [celdas[("a", c)] for c in depende]
        de_p = [celdas[("p", c)] for c in depende]
        clave = ("deriv", f["clave"], campo)
        salida += [
            libro.d(("a", *clave), actual, *de_a),
            libro.d(("p", *clave), anterior, *de_p),
            libro.d(("dif", *clave), dif, *de_a, *de_p),
        ]
    return salida


def hojas_reporte(datos: dict, comp: dict, *, oficina: str, comuna: str) -> list[Hoja]:
    """The Sello Migrante workbook, as published."""
    libro, hojas = armar_reporte(datos, comp, oficina=oficina, comuna=comuna)
    return libro.publicar(hojas)


def armar_reporte(datos: dict, comp: dict, *, oficina: str, comuna: str) -> tuple[_Libro, list[Hoja]]:
    """The Sello Migrante workbook: a cover sheet, then one sheet per indicator (cells as `C`/`D`).

    Each count stands beside the previous period's (`comp`, from `indicadores.comparar`). Counts of
    1 to 4 show "<5" and, where the sheets' totals, differences or rates would still give one away,
    more cells show "*" (complementary suppression, `atenciones.supresion`), in both periods.
    """
    p = datos["periodo"]
    ant = comp["anterior"]
    personas = comp["personas"]
    cap = comp["capacitaciones_total"]
    libro = _Libro()
    aviso = _(
        "Los conteos de 1 a 4 se muestran como «<5» para proteger a las personas, también los del "
        "período anterior; «*» es una cifra reservada para que ninguna de ellas pueda deducirse de "
        "los totales, las diferencias o las tasas, y marca también la diferencia, la tasa o la "
        "mediana que dependen de una cifra oculta. Sin datos personales."
    )
    # The period's totals (and the previous period's), which every breakdown adds up to.
    total: dict[str, list] = {
        c: libro.trio(("total", c), personas[c], personas["ant"][c], personas["dif"][c])
        for c in ("personas", "nuevas", "recurrentes", "atenciones")
    }
    for i in (0, 1):
        libro.suma(total["personas"][i], [total["nuevas"][i], total["recurrentes"][i]])

    def desglose(nombre: str, filas: list[dict], campos: tuple[str, ...]) -> list[list]:
        """Trios per row and field; each field's column adds up to the period's total."""
        salida = [
            [
                f["etiqueta"],
                *(
                    x
                    for c in campos
                    for x in libro.trio((nombre, f["clave"], c), f[c], f["ant"][c], f["dif"][c])
                ),
            ]
            for f in filas
        ]
        for j, c in enumerate(campos):
            for i in (0, 1):
                libro.suma(total[c][i], [fila[1 + 3 * j + i] for fila in salida])
        return salida

    meses = []
    for i, f in enumerate(comp["por_mes"]):
        a, previo, dif = libro.trio(
            ("mes", i), f["atenciones"], f["ant"]["atenciones"], f["dif"]["atenciones"]
        )
        meses.append([f["etiqueta"], a, f["etiqueta_ant"], previo, dif])
    for i in (0, 1):
        libro.suma(total["atenciones"][i], [fila[1 + 2 * i] for fila in meses])

    hojas = [
        Hoja(
            _("Portada"),
            [_("Reporte de indicadores Sello Migrante"), ""],
            [
                [_("Oficina"), oficina],
                [_("Comuna"), comuna],
                [_("Período"), str(p)],
                [_("Desde"), p.desde],
                [_("Hasta"), p.hasta],
                [_("Período anterior"), str(ant)],
                [_("Desde (período anterior)"), ant.desde],
                [_("Hasta (período anterior)"), ant.hasta],
                [_("Generado el"), timezone.localtime()],
                [_("Cifras calculadas el"), datos["calculado"]],
                [_("Nota"), aviso],
            ],
        ),
        Hoja(
            _("Personas atendidas"),
            [_("Indicador"), _("Valor"), _("Período anterior"), _("Diferencia")],
            [
                [etiqueta, *total[c]]
                for c, etiqueta in (
                    ("personas", _("Personas atendidas")),
                    ("nuevas", _("Personas nuevas")),
                    ("recurrentes", _("Personas que vuelven")),
                    ("atenciones", _("Atenciones")),
                )
            ],
        ),
        Hoja(
            _("Atenciones por mes"),
            [_("Mes"), _("Atenciones"), _("Mes del período anterior"), _("Atenciones"), _("Diferencia")],
            meses,
        ),
        Hoja(
            _("Atenciones por tema"),
            [_("Tema"), *_columnas(_("Atenciones"))],
            # An attention with two topics counts in both: the topics add up to no total.
            [
                [
                    f["etiqueta"],
                    *libro.trio(
                        ("tema", f["clave"]), f["atenciones"], f["ant"]["atenciones"], f["dif"]["atenciones"]
                    ),
                ]
                for f in comp["por_tema"]
            ],
        ),
        Hoja(
            _("Atenciones por canal"),
            [_("Canal"), *_columnas(_("Atenciones"))],
            desglose("canal", comp["por_canal"], ("atenciones",)),
        ),
    ]
    for clave, titulo, columna in (
        ("por_nacionalidad", _("Por nacionalidad"), _("Nacionalidad")),
        ("por_sexo", _("Por sexo"), _("Sexo")),
        ("por_edad", _("Por grupo de edad"), _("Grupo de edad")),
    ):
        hojas.append(
            Hoja(
                titulo,
                [columna, *_columnas(_("Atenciones"), _("Personas"))],
                desglose(clave, comp[clave], ("atenciones", "personas")),
            )
        )

    derivaciones = []
    por_destino: dict[tuple[str, str], C | None] = {}  # (destination, "abiertas"/"vencidas") → cell
    for f in comp["derivaciones"]:
        celdas: dict[tuple[str, str], Any] = {}
        fila: list = [f["etiqueta"], str(f["tipo"])]
        for campo in CONTEOS_DERIVACION:
            trio = libro.trio(("deriv", f["clave"], campo), f[campo], f["ant"][campo], f["dif"][campo])
            celdas[("a", campo)], celdas[("p", campo)] = trio[0], trio[1]
            fila += trio
        for cual in ("a", "p"):
            libro.suma(celdas[(cual, "total")], [celdas[(cual, c)] for c in PARTES_ENVIADAS])
        vencidas = libro.c(("hoy", "deriv", f["clave"], "vencidas"), f["vencidas"])
        libro.al_menos(celdas[("a", "abiertas")], vencidas)  # the overdue are among the open
        libro.al_menos(celdas[("a", "cerradas_sin_resolver")], celdas[("a", "no_se_presento")])
        libro.al_menos(celdas[("p", "cerradas_sin_resolver")], celdas[("p", "no_se_presento")])
        fila.append(vencidas)
        por_destino[(f["clave"], "abiertas")] = celdas[("a", "abiertas")]
        por_destino[(f["clave"], "vencidas")] = vencidas
        fila += _derivados(libro, f, celdas)
        derivaciones.append(fila)

    # Today's overdue referrals by destination (whatever the period): at least those of the period,
    # and the same figure as an organisation's overdue in "Externas sin respuesta"; an
    # organisation's referrals waiting today are at least its overdue and its open of the period.
    vencidas_hoy = []
    for f in datos["vencidas"]:
        celda = libro.c(("hoy", "vencidas", f["clave"]), f["vencidas"])
        libro.al_menos(celda, por_destino.get((f["clave"], "vencidas")))
        vencidas_hoy.append([f["etiqueta"], celda])
        por_destino[(f["clave"], "vencidas_hoy")] = celda
    externas = []
    for f in datos["externas"]:
        pendientes = libro.c(("hoy", "externas", f["clave"], "pendientes"), f["pendientes"])
        vencidas = libro.c(("hoy", "externas", f["clave"], "vencidas"), f["vencidas"])
        # The same referrals as the organisation's row of today's overdue: equal, both ways.
        libro.al_menos(vencidas, por_destino.get((f["clave"], "vencidas_hoy")))
        libro.al_menos(por_destino.get((f["clave"], "vencidas_hoy")), vencidas)
        libro.al_menos(pendientes, vencidas)
        libro.al_menos(pendientes, por_destino.get((f["clave"], "abiertas")))
        externas.append([f["etiqueta"], pendientes, vencidas])

    capacitaciones = [
        [f["etiqueta"], f["fecha"], f["tema"], f["horas"], libro.c(("a", "cap", i), f["asistentes"])]
        for i, f in enumerate(datos["capacitaciones"])
    ]
    asistencias = libro.c(("a", "cap", "asistencias"), cap["asistencias"])
    libro.suma(asistencias, [fila[-1] for fila in capacitaciones])
    cap_personas = libro.trio(
        ("cap", "personas"), cap["personas"], cap["ant"]["personas"], cap["dif"]["personas"]
    )

    hojas += [
        Hoja(
            _("Derivaciones por destino"),
            [
                _("Destino"),
                _("Tipo"),
                *_columnas(
                    _("Enviadas"),
                    _("Resueltas"),
                    _("Cerradas sin resolver"),
                    _("No se presentó"),
                    _("Rechazadas"),
                    _("Canceladas"),
                    _("Abiertas"),
                ),
                _("Vencidas hoy"),
                *_columnas(_("Tasa de resolución (%)"), _("Mediana de días para resolver")),
            ],
            derivaciones,
        ),
        Hoja(
            _("Derivaciones vencidas hoy"),
            [_("Destino"), _("Vencidas")],
            vencidas_hoy,
        ),
        Hoja(
            _("Externas sin respuesta"),
            [_("Organización"), _("Esperando respuesta"), _("Vencidas")],
            externas,
        ),
        Hoja(
            _("Actividades"),
            [_("Programa"), *_columnas(_("Actividades"), _("Asistentes"), _("Sin registro de asistencia"))],
            [
                [
                    f["etiqueta"],
                    f["actividades"],
                    f["ant"]["actividades"],
                    f["dif"]["actividades"],
                    *libro.trio(
                        ("act", f["clave"]), f["asistentes"], f["ant"]["asistentes"], f["dif"]["asistentes"]
                    ),
                    f["sin_registro"],
                    f["ant"]["sin_registro"],
                    f["dif"]["sin_registro"],
                ]
                for f in comp["actividades"]
            ],
        ),
        Hoja(
            _("Capacitaciones"),
            [_("Capacitación"), _("Fecha"), _("Tema"), _("Horas"), _("Asistentes")],
            capacitaciones
            + [
                [_("Total (%(n)s sesiones)") % {"n": cap["sesiones"]}, "", "", cap["horas"], asistencias],
                [_("Personas capacitadas (distintas)"), "", "", "", cap_personas[0]],
                [
                    _("Período anterior: total (%(n)s sesiones)") % {"n": cap["ant"]["sesiones"]},
                    "",
                    "",
                    cap["ant"]["horas"],
                    libro.c(("p", "cap", "asistencias"), cap["ant"]["asistencias"]),
                ],
                [_("Período anterior: personas capacitadas (distintas)"), "", "", "", cap_personas[1]],
                [_("Diferencia: horas y personas capacitadas"), "", "", cap["dif"]["horas"], cap_personas[2]],
            ],
        ),
        Hoja(
            _("Guías por idioma"),
            [_("Idioma"), _("Guías publicadas hoy"), *_columnas(_("Actualizadas en el período"))],
            [
                [
                    f["etiqueta"],
                    f["publicadas"],
                    f["actualizadas"],
                    f["ant"]["actualizadas"],
                    f["dif"]["actualizadas"],
                ]
                for f in comp["guias"]
            ],
        ),
    ]
    return libro, hojas
