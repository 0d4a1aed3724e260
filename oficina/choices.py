"""Closed lists shared by the office and the casework."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Area(models.TextChoices):
    SALUD = "salud", _("Salud")
    EDUCACION = "educacion", _("Educación")
    CULTURA = "cultura", _("Cultura")
    TRABAJO = "trabajo", _("Trabajo")
    VIVIENDA = "vivienda", _("Vivienda")
    SOCIAL = "social", _("Social y protección social")
    JURIDICA = "juridica", _("Jurídica")
    NINEZ = "ninez", _("Niñez y adolescencia")
    DEPORTES = "deportes", _("Deportes")
    REGULARIZACION = "regularizacion", _("Regularización migratoria")
    GENERO = "genero", _("Género")
    OTRA = "otra", _("Otra")


class Tema(models.TextChoices):
    REGULARIZACION = "regularizacion", _("Regularización y trámites SERMIG")
    REFUGIO = "refugio", _("Refugio y asilo")
    SALUD = "salud", _("Salud y FONASA")
    EDUCACION = "educacion", _("Educación y matrícula escolar")
    TRABAJO = "trabajo", _("Trabajo y OMIL")
    VIVIENDA = "vivienda", _("Vivienda y subsidios SERVIU")
    RSH = "rsh", _("Registro Social de Hogares")
    JURIDICA = "juridica", _("Orientación jurídica")
    NINEZ = "ninez", _("Protección de niños, niñas y adolescentes")
    VIOLENCIA_GENERO = "violencia_genero", _("Violencia de género")
    CLASES_ESPANOL = "clases_espanol", _("Clases de español")
    CULTURA = "cultura", _("Cultura")
    DISCRIMINACION = "discriminacion", _("Denuncia por discriminación")
    EMERGENCIA = "emergencia", _("Emergencia y ayuda humanitaria")
    OTRO = "otro", _("Otro")


# The area a topic belongs to: used to propose referral destinations.
AREA_DE_TEMA: dict[str, str] = {
    Tema.REGULARIZACION: Area.REGULARIZACION,
    Tema.REFUGIO: Area.REGULARIZACION,
    Tema.SALUD: Area.SALUD,
    Tema.EDUCACION: Area.EDUCACION,
    Tema.TRABAJO: Area.TRABAJO,
    Tema.VIVIENDA: Area.VIVIENDA,
    Tema.RSH: Area.SOCIAL,
    Tema.JURIDICA: Area.JURIDICA,
    Tema.NINEZ: Area.NINEZ,
    Tema.VIOLENCIA_GENERO: Area.GENERO,
    Tema.CLASES_ESPANOL: Area.EDUCACION,
    Tema.CULTURA: Area.CULTURA,
    Tema.DISCRIMINACION: Area.JURIDICA,
    Tema.EMERGENCIA: Area.SOCIAL,
    Tema.OTRO: Area.OTRA,
}


class Idioma(models.TextChoices):
    ESPANOL = "es", _("Español")
    CRIOLLO_HAITIANO = "ht", _("Criollo haitiano")
    INGLES = "en", _("Inglés")
    FRANCES = "fr", _("Francés")
    PORTUGUES = "pt", _("Portugués")
    QUECHUA = "qu", _("Quechua")
    AYMARA = "ay", _("Aymara")
    OTRO = "otro", _("Otro")


class IdiomaPublico(models.TextChoices):
    """Languages of the public site (settings.LANGUAGES)."""

    ESPANOL = "es", _("Español")
    CRIOLLO_HAITIANO = "ht", _("Kreyòl ayisyen")
    INGLES = "en", _("English")
