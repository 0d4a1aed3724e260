"""Turning what people type in spreadsheets into the registry's values.

Each parser takes a cell value and returns the stored value, or raises ValorInvalido with a
message for the row report. Synonym tables are data: extend them when an office writes things
another way.
"""

from __future__ import annotations

import datetime
import re
from functools import cache, lru_cache
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.translation import gettext as _
from django_countries import countries
from stdnum.cl import rut

from oficina.choices import Tema

from ..busqueda import normalizar_texto as _normalizar_texto
from ..choices import Canal, Sexo, TipoDocumento
from ..documentos import normalizar_documento, validar_run

# The same few values (sexes, countries, channels, topics) fill every row of a file.
normalizar_texto = lru_cache(maxsize=4096)(_normalizar_texto)


class ValorInvalido(ValueError):
    """A cell that cannot be read; the message goes to the row report."""


def texto(valor: Any) -> str:
    if valor is None:
        return ""
    if isinstance(valor, float) and valor.is_integer():
        valor = int(valor)  # a number typed in a text column (a phone, a document number)
    return " ".join(str(valor).split())


# A date cell as the engine stores it (motor._json): ISO date, midnight.
_CELDA_FECHA = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:T00:00:00)?")


def legible(valor: Any) -> str:
    """A stored cell as the office typed it, for a report line: its text, a date read from the file
    as a day ("06-03-2023", not "2023-03-06T00:00:00")."""
    t = texto(valor)
    if m := _CELDA_FECHA.fullmatch(t):
        return f"{m[3]}-{m[2]}-{m[1]}"
    return t


# --- dates --------------------------------------------------------------------------------------

_EPOCA_EXCEL = datetime.date(1899, 12, 30)
_FECHA = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{2}|\d{4})$")
_FECHA_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T].*)?$")


def fecha(valor: Any, *, hoy: datetime.date | None = None) -> datetime.date | None:
    """A date from an Excel date, an Excel serial number, or text dd-mm-yyyy, dd/mm/yy, yyyy-mm-dd."""
    if valor is None or texto(valor) == "":
        return None
    if isinstance(valor, datetime.datetime):
        return valor.date()
    if isinstance(valor, datetime.date):
        return valor
    if isinstance(valor, int | float):
        if not 1 <= valor < 2958466:  # Excel's range: 1900-01-01 to 9999-12-31
            raise ValorInvalido(_("«%(valor)s» no es una fecha.") % {"valor": valor})
        return _EPOCA_EXCEL + datetime.timedelta(days=int(valor))
    crudo = texto(valor)
    if crudo.isdigit() and 20000 <= int(crudo) <= 80000:
        return _EPOCA_EXCEL + datetime.timedelta(days=int(crudo))  # a serial exported as text
    if m := _FECHA_ISO.match(crudo):
        anio, mes, dia = (int(x) for x in m.groups())
    elif m := _FECHA.match(crudo):
        dia, mes, anio = (int(x) for x in m.groups())
        if len(m.group(3)) == 2:
            # dd/mm/yy: a two-digit year not after this year is this century, else the last one.
            corte = (hoy or datetime.date.today()).year % 100  # noqa: DTZ011 - a calendar year only
            anio += 2000 if anio <= corte else 1900
    else:
        raise ValorInvalido(_("«%(valor)s» no es una fecha (use dd-mm-aaaa).") % {"valor": crudo})
    try:
        return datetime.date(anio, mes, dia)
    except ValueError:
        raise ValorInvalido(_("«%(valor)s» no es una fecha que exista.") % {"valor": crudo}) from None


def hora(valor: Any) -> datetime.time | None:
    if valor is None or texto(valor) == "":
        return None
    if isinstance(valor, datetime.datetime):
        return valor.time()
    if isinstance(valor, datetime.time):
        return valor
    if isinstance(valor, float) and 0 <= valor < 1:  # an Excel time is a fraction of a day
        minutos = round(valor * 24 * 60)
        return datetime.time(minutos // 60 % 24, minutos % 60)
    if m := re.match(r"^(\d{1,2})[:.h](\d{2})", texto(valor)):
        h, mi = int(m.group(1)), int(m.group(2))
        if h < 24 and mi < 60:
            return datetime.time(h, mi)
    raise ValorInvalido(_("«%(valor)s» no es una hora (use hh:mm).") % {"valor": texto(valor)})


# --- sex ----------------------------------------------------------------------------------------

SINONIMOS_SEXO = {
    Sexo.MUJER: ["f", "fem", "femenino", "femenina", "mujer", "muj"],
    Sexo.HOMBRE: ["m", "masc", "masculino", "hombre", "h", "varon"],
    Sexo.INTERSEXUAL: ["intersexual", "intersex", "i"],
    Sexo.NO_INFORMA: ["no informa", "prefiere no informar", "ni", "s/i", "sin informacion", "nr"],
}
_SEXO = {normalizar_texto(s): clave for clave, lista in SINONIMOS_SEXO.items() for s in lista}


def sexo(valor: Any) -> str:
    crudo = normalizar_texto(texto(valor))
    if not crudo:
        return Sexo.NO_INFORMA
    if crudo in _SEXO:
        return _SEXO[crudo]
    raise ValorInvalido(
        _("Sexo «%(valor)s» no reconocido (use F, M, Mujer u Hombre).") % {"valor": texto(valor)}
    )


# --- nationality ---------------------------------------------------------------------------------

# Demonyms, masculine and feminine; country names and codes come from django-countries.
GENTILICIOS = {
    "VE": ["venezolano", "venezolana"],
    "PE": ["peruano", "peruana"],
    "CO": ["colombiano", "colombiana"],
    "HT": ["haitiano", "haitiana"],
    "BO": ["boliviano", "boliviana"],
    "AR": ["argentino", "argentina"],
    "EC": ["ecuatoriano", "ecuatoriana"],
    "DO": ["dominicano", "dominicana", "rep dominicana"],
    "CU": ["cubano", "cubana"],
    "CL": ["chileno", "chilena"],
    "PY": ["paraguayo", "paraguaya"],
    "UY": ["uruguayo", "uruguaya"],
    "BR": ["brasileno", "brasilena", "brasilero", "brasilera"],
    "MX": ["mexicano", "mexicana"],
    "CN": ["chino", "china"],
    "US": ["estadounidense", "norteamericano", "norteamericana", "eeuu", "ee uu"],
    "ES": ["espanol", "espanola"],
    "FR": ["frances", "francesa"],
    "SN": ["senegales", "senegalesa"],
    "GT": ["guatemalteco", "guatemalteca"],
    "HN": ["hondureno", "hondurena"],
    "SV": ["salvadoreno", "salvadorena"],
    "NI": ["nicaraguense"],
    "PA": ["panameno", "panamena"],
    "CR": ["costarricense"],
    "IT": ["italiano", "italiana"],
    "DE": ["aleman", "alemana"],
    "PT": ["portugues", "portuguesa"],
}


@cache
def _paises() -> dict[str, str]:
    tabla: dict[str, str] = {}
    with translation.override("es"):
        for codigo, nombre in countries:
            tabla[normalizar_texto(str(nombre))] = codigo
            tabla[codigo.lower()] = codigo
            tabla[countries.alpha3(codigo).lower()] = codigo
    with translation.override("en"):
        for codigo, nombre in countries:
            tabla.setdefault(normalizar_texto(str(nombre)), codigo)
    for codigo, gentilicios in GENTILICIOS.items():
        for gentilicio in gentilicios:
            tabla[gentilicio] = codigo
    return tabla


def nacionalidad(valor: Any) -> str:
    """An ISO 3166 alpha-2 code from a demonym, a country name (Spanish or English) or a code."""
    crudo = normalizar_texto(texto(valor))
    if not crudo:
        return ""
    codigo = _paises().get(crudo)
    if codigo is None:
        raise ValorInvalido(_("Nacionalidad «%(valor)s» no reconocida.") % {"valor": texto(valor)})
    return codigo


# --- topics and channels ------------------------------------------------------------------------

SINONIMOS_TEMA = {
    Tema.REGULARIZACION: [
        "regularizacion",
        "regularizar",
        "visa",
        "residencia",
        "sermig",
        "extranjeria",
        "tramite migratorio",
        "tramites migratorios",
        "permiso de residencia",
        "cedula",
        "migratorio",
    ],
    Tema.REFUGIO: ["refugio", "asilo", "refugiado", "solicitud de refugio"],
    Tema.SALUD: ["salud", "fonasa", "cesfam", "consultorio", "atencion de salud", "inscripcion cesfam"],
    Tema.EDUCACION: ["educacion", "colegio", "escuela", "matricula", "matricula escolar", "ipe", "jardin"],
    Tema.TRABAJO: ["trabajo", "empleo", "omil", "laboral", "busqueda de empleo", "contrato"],
    Tema.VIVIENDA: ["vivienda", "arriendo", "subsidio", "serviu", "subsidio habitacional"],
    Tema.RSH: ["rsh", "registro social", "registro social de hogares", "ficha social", "ficha de proteccion"],
    Tema.JURIDICA: ["juridica", "juridico", "legal", "abogado", "orientacion legal", "orientacion juridica"],
    Tema.NINEZ: ["ninez", "nna", "infancia", "proteccion de derechos", "opd", "ninos"],
    Tema.VIOLENCIA_GENERO: ["violencia", "vif", "violencia de genero", "violencia intrafamiliar"],
    Tema.CLASES_ESPANOL: ["espanol", "clases de espanol", "curso de espanol", "idioma"],
    Tema.CULTURA: ["cultura", "cultural", "actividad cultural"],
    Tema.DISCRIMINACION: ["discriminacion", "racismo", "xenofobia", "denuncia discriminacion"],
    Tema.EMERGENCIA: ["emergencia", "ayuda humanitaria", "alimentos", "canasta", "ayuda social", "albergue"],
    Tema.OTRO: ["otro", "otros", "otra consulta", "consulta general", "informacion"],
}
SINONIMOS_CANAL = {
    Canal.PRESENCIAL: ["presencial", "oficina", "en persona", "atencion presencial", "p"],
    Canal.TELEFONO: ["telefono", "telefonica", "telefonico", "llamada", "fono"],
    Canal.WHATSAPP: ["whatsapp", "wsp", "wasap", "wa", "whatsap"],
    Canal.EMAIL: ["correo", "email", "e mail", "mail", "correo electronico"],
    Canal.TERRENO: ["terreno", "visita", "visita domiciliaria", "domicilio", "visita en terreno"],
    Canal.OPERATIVO: ["operativo", "operativo movil", "municipio en tu barrio", "plaza ciudadana"],
}
_TEMA = {normalizar_texto(s): clave for clave, lista in SINONIMOS_TEMA.items() for s in lista}
_CANAL = {normalizar_texto(s): clave for clave, lista in SINONIMOS_CANAL.items() for s in lista}
_TEMAS_POR_LARGO = sorted(_TEMA, key=len, reverse=True)
_SEPARADOR_TEMAS = re.compile(r"[,;/+|]|\s+y\s+|\s+e\s+")


def canal(valor: Any) -> str:
    crudo = normalizar_texto(texto(valor))
    if not crudo:
        return Canal.PRESENCIAL
    if crudo in _CANAL:
        return _CANAL[crudo]
    raise ValorInvalido(_("Canal «%(valor)s» no reconocido.") % {"valor": texto(valor)})


def temas(valor: Any) -> list[str]:
    """One or more topics from free text ("Salud / FONASA, matrícula"); unknown text → «Otro»."""
    encontrados: list[str] = []
    for parte in _SEPARADOR_TEMAS.split(texto(valor).lower()):
        palabras = normalizar_texto(parte)
        if not palabras:
            continue
        # The phrase itself, or the longest known topic phrase inside it ("consulta por matrícula").
        clave = _TEMA.get(palabras) or next(
            (_TEMA[s] for s in _TEMAS_POR_LARGO if f" {s} " in f" {palabras} "), Tema.OTRO
        )
        if clave not in encontrados:
            encontrados.append(clave)
    return encontrados or [Tema.OTRO]


# --- documents ----------------------------------------------------------------------------------

SINONIMOS_TIPO_DOCUMENTO = {
    TipoDocumento.RUN: ["run", "rut", "cedula chilena", "ci chilena"],
    TipoDocumento.PASAPORTE: ["pasaporte", "pas", "passport", "pp"],
    TipoDocumento.DNI_EXTRANJERO: [
        "dni",
        "cedula extranjera",
        "cedula de identidad extranjera",
        "documento nacional",
    ],
    TipoDocumento.IPE: ["ipe"],
    TipoDocumento.IPA: ["ipa"],
    TipoDocumento.FONASA: ["fonasa", "provisorio fonasa", "numero provisorio fonasa"],
    TipoDocumento.OTRO: ["otro"],
    TipoDocumento.NINGUNO: ["sin documento", "ninguno", "no tiene", "s/d", "sd"],
}
_TIPO_DOCUMENTO = {
    normalizar_texto(s): clave for clave, lista in SINONIMOS_TIPO_DOCUMENTO.items() for s in lista
}
_PARECE_RUN = re.compile(r"^\d{1,2}\.?\d{3}\.?\d{3}-?[\dkK]$")


def documento(numero: Any, tipo: Any = None) -> tuple[str, str]:
    """(type, normalised number). Without a type column, a valid RUN is a RUN and anything else «Otro»."""
    crudo = texto(numero)
    tipo_crudo = normalizar_texto(texto(tipo))
    if (
        not crudo
        or normalizar_texto(crudo) in _TIPO_DOCUMENTO
        and _TIPO_DOCUMENTO[normalizar_texto(crudo)] == TipoDocumento.NINGUNO
    ):
        return TipoDocumento.NINGUNO, ""
    if tipo_crudo:
        if tipo_crudo not in _TIPO_DOCUMENTO:
            raise ValorInvalido(_("Tipo de documento «%(valor)s» no reconocido.") % {"valor": texto(tipo)})
        clave = _TIPO_DOCUMENTO[tipo_crudo]
    else:
        clave = TipoDocumento.RUN if _PARECE_RUN.match(crudo.replace(" ", "")) else TipoDocumento.OTRO
    if clave == TipoDocumento.RUN:
        try:
            validar_run(crudo)
        except ValidationError as exc:
            raise ValorInvalido(f"{crudo}: {exc.messages[0]}") from None
        return clave, rut.compact(crudo).upper()
    return clave, normalizar_documento(clave, crudo)
