"""The Sello Migrante report: the period's indicators as workbook sheets, small counts masked.

Built from `atenciones.indicadores.calcular`; written by `atenciones.exportar.exportar`.
"""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .exportar import Hoja
from .indicadores import UMBRAL_PEQUENO, enmascarar


def _pub(valor):
    return enmascarar(valor)


def _tasa_pub(fila):
    """A rate or median is published only when its base count is not small."""
    return fila["base_tasa"] >= UMBRAL_PEQUENO


def hojas_reporte(datos: dict, *, oficina: str, comuna: str) -> list:
    """The Sello Migrante workbook: a cover sheet, then one sheet per indicator; small counts masked."""
    p = datos["periodo"]
    personas = datos["personas"]
    cap = datos["capacitaciones_total"]
    aviso = _(
        "Los conteos de 1 a 4 se muestran como «<5» para proteger a las personas. Sin datos personales."
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
                [_("Generado el"), timezone.localtime()],
                [_("Cifras calculadas el"), datos["calculado"]],
                [_("Nota"), aviso],
            ],
        ),
        Hoja(
            _("Personas atendidas"),
            [_("Indicador"), _("Valor")],
            [
                [_("Personas atendidas"), _pub(personas["personas"])],
                [_("Personas nuevas"), _pub(personas["nuevas"])],
                [_("Personas que vuelven"), _pub(personas["recurrentes"])],
                [_("Atenciones"), _pub(personas["atenciones"])],
            ],
        ),
        Hoja(
            _("Atenciones por mes"),
            [_("Mes"), _("Atenciones")],
            [[f["etiqueta"], _pub(f["atenciones"])] for f in datos["por_mes"]],
        ),
        Hoja(
            _("Atenciones por tema"),
            [_("Tema"), _("Atenciones")],
            [[f["etiqueta"], _pub(f["atenciones"])] for f in datos["por_tema"]],
        ),
        Hoja(
            _("Atenciones por canal"),
            [_("Canal"), _("Atenciones")],
            [[f["etiqueta"], _pub(f["atenciones"])] for f in datos["por_canal"]],
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
                [columna, _("Atenciones"), _("Personas")],
                [[f["etiqueta"], _pub(f["atenciones"]), _pub(f["personas"])] for f in datos[clave]],
            )
        )
    hojas += [
        Hoja(
            _("Derivaciones por destino"),
            [
                _("Destino"),
                _("Tipo"),
                _("Enviadas"),
                _("Resueltas"),
                _("Cerradas sin resolver"),
                _("No se presentó"),
                _("Rechazadas"),
                _("Canceladas"),
                _("Abiertas"),
                _("Vencidas"),
                _("Tasa de resolución (%)"),
                _("Mediana de días para resolver"),
            ],
            [
                [
                    f["etiqueta"],
                    str(f["tipo"]),
                    _pub(f["total"]),
                    _pub(f["resueltas"]),
                    _pub(f["cerradas_sin_resolver"]),
                    _pub(f["no_se_presento"]),
                    _pub(f["rechazadas"]),
                    _pub(f["canceladas"]),
                    _pub(f["abiertas"]),
                    _pub(f["vencidas"]),
                    f["tasa"] if _tasa_pub(f) else "",
                    f["mediana_dias"] if f["resueltas"] >= UMBRAL_PEQUENO else "",
                ]
                for f in datos["derivaciones"]
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
            [_("Programa"), _("Actividades"), _("Asistentes"), _("Sin registro de asistencia")],
            [
                [f["etiqueta"], f["actividades"], _pub(f["asistentes"]), f["sin_registro"]]
                for f in datos["actividades"]
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
            ],
        ),
        Hoja(
            _("Guías por idioma"),
            [_("Idioma"), _("Guías publicadas"), _("Actualizadas en el período")],
            [[f["etiqueta"], f["publicadas"], f["actualizadas"]] for f in datos["guias"]],
        ),
    ]
    return hojas
