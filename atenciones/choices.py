"""Closed lists of the casework."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class TipoDocumento(models.TextChoices):
    RUN = "run", _("RUN")
    PASAPORTE = "pasaporte", _("Pasaporte")
    DNI_EXTRANJERO = "dni", _("Documento de identidad extranjero (DNI, cédula)")
    IPE = "ipe", _("IPE (Identificador Provisorio Escolar)")
    IPA = "ipa", _("IPA (Identificador Provisorio del Apoderado)")
    FONASA = "fonasa", _("Número provisorio FONASA")
    ID_NACIONAL = "cedula", _("Cédula de identidad del país de origen")
    SERMIG = "sermig", _("N° de solicitud SERMIG")
    BIOMETRICO = "biometrico", _("Certificado de empadronamiento biométrico")
    OTRO = "otro", _("Otro")
    NINGUNO = "ninguno", _("Sin documento")


# Documents issued in Chile: their issuing country is always CL.
DOCUMENTOS_CHILENOS = {"run", "ipe", "ipa", "fonasa", "sermig", "biometrico"}


class TramoRSH(models.TextChoices):
    """Registro Social de Hogares: socio-economic qualification bracket (percentile)."""

    T40 = "40", _("Tramo 0–40 %")
    T50 = "50", _("Tramo 41–50 %")
    T60 = "60", _("Tramo 51–60 %")
    T70 = "70", _("Tramo 61–70 %")
    T80 = "80", _("Tramo 71–80 %")
    T90 = "90", _("Tramo 81–90 %")
    T100 = "100", _("Tramo 91–100 %")


class TramoFonasa(models.TextChoices):
    A = "A", _("Tramo A")
    B = "B", _("Tramo B")
    C = "C", _("Tramo C")
    D = "D", _("Tramo D")


class Sexo(models.TextChoices):
    MUJER = "mujer", _("Mujer")
    HOMBRE = "hombre", _("Hombre")
    INTERSEXUAL = "intersexual", _("Intersexual")
    NO_INFORMA = "no_informa", _("Prefiere no informar")


class Genero(models.TextChoices):
    FEMENINO = "femenino", _("Femenino")
    MASCULINO = "masculino", _("Masculino")
    NO_BINARIO = "no_binario", _("No binario")
    OTRO = "otro", _("Otro")
    NO_INFORMA = "no_informa", _("Prefiere no decir")


class SituacionMigratoria(models.TextChoices):
    PERMANENCIA_TRANSITORIA = "permanencia_transitoria", _("Permanencia transitoria")
    RESIDENCIA_TEMPORAL = "residencia_temporal", _("Residencia temporal")
    RESIDENCIA_DEFINITIVA = "residencia_definitiva", _("Residencia definitiva")
    RESIDENCIA_OFICIAL = "residencia_oficial", _("Residencia oficial")
    RESIDENCIA_EN_TRAMITE = "residencia_en_tramite", _("Residencia en trámite")
    SOLICITANTE_REFUGIO = "solicitante_refugio", _("Solicitante de refugio")
    REFUGIADO = "refugiado", _("Refugiado reconocido")
    APATRIDA = "apatrida", _("Apátrida")
    IRREGULAR = "irregular", _("Condición irregular")
    NACIONALIZADO = "nacionalizado", _("Nacionalizado")
    NO_INFORMA = "no_informa", _("Prefiere no informar")


class RelacionHogar(models.TextChoices):
    JEFATURA = "jefatura", _("Jefe/a de hogar")
    PAREJA = "pareja", _("Cónyuge o pareja")
    HIJO = "hijo", _("Hijo/a")
    PADRE_MADRE = "padre_madre", _("Padre o madre")
    HERMANO = "hermano", _("Hermano/a")
    OTRO_FAMILIAR = "otro_familiar", _("Otro familiar")
    NO_FAMILIAR = "no_familiar", _("No familiar")


class Canal(models.TextChoices):
    PRESENCIAL = "presencial", _("Presencial")
    TELEFONO = "telefono", _("Teléfono")
    WHATSAPP = "whatsapp", _("WhatsApp")
    EMAIL = "email", _("Correo electrónico")
    TERRENO = "terreno", _("Visita en terreno")
    OPERATIVO = "operativo", _("Operativo móvil")


class Prioridad(models.TextChoices):
    BAJA = "baja", _("Baja")
    MEDIA = "media", _("Media")
    ALTA = "alta", _("Alta")
    URGENTE = "urgente", _("Urgente")


class EstadoCaso(models.TextChoices):
    ABIERTO = "abierto", _("Abierto")
    SEGUIMIENTO = "seguimiento", _("En seguimiento")
    CERRADO = "cerrado", _("Cerrado")


class MotivoCierre(models.TextChoices):
    RESUELTO = "resuelto", _("Resuelto")
    DERIVADO = "derivado", _("Derivado y atendido por otra institución")
    SIN_CONTACTO = "sin_contacto", _("Sin contacto con la persona")
    DESISTE = "desiste", _("La persona desiste")
    TRASLADO = "traslado", _("Cambio de comuna o país")
    OTRO = "otro", _("Otro")


class EstadoDerivacion(models.TextChoices):
    ENVIADA = "enviada", _("Enviada")
    RECIBIDA = "recibida", _("Recibida")
    EN_ATENCION = "en_atencion", _("En atención")
    RESUELTA = "resuelta", _("Resuelta")
    RECHAZADA = "rechazada", _("Rechazada")
    CANCELADA = "cancelada", _("Cancelada")


# Legal moves of a referral (DESIGN.md): anything else is refused.
TRANSICIONES_DERIVACION: dict[str, set[str]] = {
    EstadoDerivacion.ENVIADA: {
        EstadoDerivacion.RECIBIDA,
        EstadoDerivacion.RECHAZADA,
        EstadoDerivacion.CANCELADA,
    },
    EstadoDerivacion.RECIBIDA: {
        EstadoDerivacion.EN_ATENCION,
        EstadoDerivacion.RECHAZADA,
        EstadoDerivacion.CANCELADA,
    },
    EstadoDerivacion.EN_ATENCION: {EstadoDerivacion.RESUELTA, EstadoDerivacion.CANCELADA},
    EstadoDerivacion.RESUELTA: set(),
    EstadoDerivacion.RECHAZADA: set(),
    EstadoDerivacion.CANCELADA: set(),
}
ESTADOS_DERIVACION_ABIERTOS = [
    EstadoDerivacion.ENVIADA,
    EstadoDerivacion.RECIBIDA,
    EstadoDerivacion.EN_ATENCION,
]


class MotivoRechazo(models.TextChoices):
    NO_CORRESPONDE = "no_corresponde", _("No corresponde a este departamento")
    SIN_CUPO = "sin_cupo", _("Sin cupo o capacidad")
    DATOS_INSUFICIENTES = "datos_insuficientes", _("Datos insuficientes para atender")
    NO_CUMPLE_REQUISITOS = "no_cumple_requisitos", _("No cumple requisitos del servicio")
    DUPLICADA = "duplicada", _("Derivación duplicada")
    OTRO = "otro", _("Otro")


class ResultadoSeguimiento(models.TextChoices):
    """Outcome of the office's follow-up of an external referral (phone, email)."""

    CONTACTADO = "contactado", _("Contactado")
    ATENDIDO = "atendido", _("Atendido")
    SIN_RESPUESTA = "sin_respuesta", _("Sin respuesta")
