"""The Sello Migrante report: the period's indicators as workbook sheets, small counts masked.

Built from `atenciones.indicadores.calcular` and `indicadores.comparar.comparar` (each figure beside
the previous period's); written by `atenciones.exportar.exportar`. A previous-period count of 1 to
4 is masked like any other, and a difference is left blank when either of its two counts is
masked (it would give the masked one away).
"""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .exportar import Hoja
from .indicadores import UMBRAL_PEQUENO, enmascarar


def _pub(valor):
    return enmascarar(valor)


def _es_pequeno(valor) -> bool:
    return isinstance(valor, int) and not isinstance(valor, bool) and 0 < valor < UMBRAL_PEQUENO


def _trio(actual, anterior, diferencia) -> list:
    """A count, the previous period's and the difference, as published."""
    oculta = _es_pequeno(actual) or _es_pequeno(anterior) or diferencia is None
    return [_pub(actual), _pub(anterior), "" if oculta else diferencia]


def _trios(fila: dict, campos) -> list:
    return [x for c in campos for x in _trio(fila[c], fila["ant"][c], fila["dif"][c])]


CONTEOS_DERIVACION = [
    "total",
    "resueltas",
    "cerradas_sin_resolver",
    "no_se_presento",
    "rechazadas",
    "canceladas",
    "abiertas",
]


def _derivado(fila: dict, campo: str, base: int, base_ant: int) -> list:
    """A rate or median and the previous period's, each published only when its base count is not
    small; the difference only when both are."""
    actual = fila[campo] if base >= UMBRAL_PEQUENO else None
    anterior = fila["ant"][campo] if base_ant >= UMBRAL_PEQUENO else None
    dif = fila["dif"][campo] if actual is not None and anterior is not None else None
    return ["" if v is None else v for v in (actual, anterior, dif)]


def _columnas(*titulos) -> list:
    return [x for t in titulos for x in (t, _("%(cifra)s, período anterior") % {"cifra": t}, _("Diferencia"))]


def _tasa_pub(fila):
    """A rate or median is published only when its base count is not small."""
    return fila["base_tasa"] >= UMBRAL_PEQUENO


def hojas_reporte(datos: dict, comp: dict, *, oficina: str, comuna: str) -> list:
    """The Sello Migrante workbook: a cover sheet, then one sheet per indicator; small counts masked.

    Each count stands beside the previous period's (`comp`, from `indicadores.comparar`).
    """
    p = datos["periodo"]
    ant = comp["anterior"]
    personas = comp["personas"]
    cap = comp["capacitaciones_total"]
    aviso = _(
        "Los conteos de 1 a 4 se muestran como «<5» para proteger a las personas, también los del "
        "período anterior; la diferencia queda en blanco junto a ellos. Sin datos personales."
    )
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
                [etiqueta, *_trio(personas[c], personas["ant"][c], personas["dif"][c])]
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
            [
                [
                    f["etiqueta"],
                    _pub(f["atenciones"]),
                    f["etiqueta_ant"],
                    *_trio(f["atenciones"], f["ant"]["atenciones"], f["dif"]["atenciones"])[1:],
                ]
                for f in comp["por_mes"]
            ],
        ),
        Hoja(
            _("Atenciones por tema"),
            [_("Tema"), *_columnas(_("Atenciones"))],
            [[f["etiqueta"], *_trios(f, ["atenciones"])] for f in comp["por_tema"]],
        ),
        Hoja(
            _("Atenciones por canal"),
            [_("Canal"), *_columnas(_("Atenciones"))],
            [[f["etiqueta"], *_trios(f, ["atenciones"])] for f in comp["por_canal"]],
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
                [[f["etiqueta"], *_trios(f, ["atenciones", "personas"])] for f in comp[clave]],
            )
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
            [
                [
                    f["etiqueta"],
                    str(f["tipo"]),
                    *_trios(f, CONTEOS_DERIVACION),
                    _pub(f["vencidas"]),
                    *_derivado(f, "tasa", f["base_tasa"], f["ant"]["base_tasa"]),
                    *_derivado(f, "mediana_dias", f["resueltas"], f["ant"]["resueltas"]),
                ]
                for f in comp["derivaciones"]
            ],
        ),
        Hoja(
            _("Derivaciones vencidas hoy"),
            [_("Destino"), _("Vencidas")],
            [[f["etiqueta"], _pub(f["vencidas"])] for f in datos["vencidas"]],
        ),
        Hoja(
            _("Externas sin respuesta"),
            [_("Organización"), _("Esperando respuesta"), _("Vencidas")],
            [[f["etiqueta"], _pub(f["pendientes"]), _pub(f["vencidas"])] for f in datos["externas"]],
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
                    *_trio(f["asistentes"], f["ant"]["asistentes"], f["dif"]["asistentes"]),
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
            [
                [f["etiqueta"], f["fecha"], f["tema"], f["horas"], _pub(f["asistentes"])]
                for f in datos["capacitaciones"]
            ]
            + [
                [
                    _("Total (%(n)s sesiones)") % {"n": cap["sesiones"]},
                    "",
                    "",
                    cap["horas"],
                    _pub(cap["asistencias"]),
                ],
                [_("Personas capacitadas (distintas)"), "", "", "", _pub(cap["personas"])],
                [
                    _("Período anterior: total (%(n)s sesiones)") % {"n": cap["ant"]["sesiones"]},
                    "",
                    "",
                    cap["ant"]["horas"],
                    _pub(cap["ant"]["asistencias"]),
                ],
                [
                    _("Período anterior: personas capacitadas (distintas)"),
                    "",
                    "",
                    "",
                    _pub(cap["ant"]["personas"]),
                ],
                [
                    _("Diferencia: horas y personas capacitadas"),
                    "",
                    "",
                    cap["dif"]["horas"],
                    _trio(cap["personas"], cap["ant"]["personas"], cap["dif"]["personas"])[2],
                ],
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
    return hojas
