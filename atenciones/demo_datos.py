"""Reference data of the demo: Valparaíso's departments and support network, programs, names."""

from oficina import roles
from oficina.choices import Area, Tema

DEPARTAMENTOS = [
    # nombre, sigla, area, plazo (business days), email
    ("Salud Municipal (red CESFAM)", "Salud", Area.SALUD, 5, "salud.derivaciones"),
    ("SLEP Valparaíso (escuelas públicas)", "SLEP", Area.EDUCACION, 7, "slep.derivaciones"),
    ("Departamento de Cultura", "Cultura", Area.CULTURA, 10, "cultura"),
    ("Oficina Municipal de Intermediación Laboral", "OMIL", Area.TRABAJO, 5, "omil"),
    ("Departamento de Vivienda", "Vivienda", Area.VIVIENDA, 10, "vivienda"),
    ("DIDECO · Social y Registro Social de Hogares", "DIDECO", Area.SOCIAL, 7, "dideco.rsh"),
    ("Oficina Local de la Niñez", "OLN", Area.NINEZ, 3, "oln"),
    ("Dirección Jurídica", "Jurídica", Area.JURIDICA, 10, "juridica"),
    ("Departamento de Deportes", "Deportes", Area.DEPORTES, 10, "deportes"),
]

CAPACITACIONES = [
    ("Enfoque de derechos en la atención a personas migrantes", Tema.OTRO),
    ("Ley 21.325 de Migración y Extranjería: lo esencial", Tema.REGULARIZACION),
    ("Atención en salud a personas migrantes sin documentos", Tema.SALUD),
    ("Matrícula escolar con IPE e IPA", Tema.EDUCACION),
    ("Prevención de la discriminación y trato intercultural", Tema.DISCRIMINACION),
]

# Nationality → (weight, languages). The names are in atenciones.demo_nombres.
NACIONALIDADES = {
    "VE": (40, ["es"]),
    "PE": (15, ["es", "qu"]),
    "CO": (12, ["es"]),
    "HT": (15, ["ht", "fr"]),
    "BO": (8, ["es", "ay"]),
    "AR": (4, ["es"]),
    "DO": (3, ["es"]),
    "CU": (3, ["es"]),
}
SECTORES = [
    "Cerro Alegre",
    "Cerro Barón",
    "Playa Ancha",
    "Rodelillo",
    "Placilla",
    "Cerro Cordillera",
    "Plan de Valparaíso",
    "Cerro Los Placeres",
    "Cerro Esperanza",
    "Forestal",
]
NOTAS = [
    "Orientación sobre requisitos y plazos del trámite.",
    "Se entrega información escrita y se agenda seguimiento.",
    "Se revisa documentación disponible.",
    "Se acompaña postulación en línea.",
    "Consulta resuelta en la atención.",
]
RESULTADOS = ["Orientada", "Derivada", "Trámite iniciado", "Pendiente de documentos", "Resuelta"]

TEMA_DE_AREA: dict[str, str] = {
    Area.SALUD: Tema.SALUD,
    Area.EDUCACION: Tema.EDUCACION,
    Area.TRABAJO: Tema.TRABAJO,
    Area.VIVIENDA: Tema.VIVIENDA,
    Area.SOCIAL: Tema.RSH,
    Area.CULTURA: Tema.CULTURA,
    Area.NINEZ: Tema.NINEZ,
    Area.JURIDICA: Tema.JURIDICA,
}

USUARIOS = [
    # username, first name, last name, group, department sigla
    ("encargada", "Carolina", "Fuentes", roles.ENCARGADA, None),
    ("profesional", "Matías", "Araya", roles.PROFESIONAL, None),
    ("profesional2", "Fernanda", "Soto", roles.PROFESIONAL, None),
    ("enlace.salud", "Patricia", "Olivares", roles.ENLACE, "Salud"),
    ("enlace.educacion", "Rodrigo", "Tapia", roles.ENLACE, "SLEP"),
]

# --- Sello Migrante evidence (issue 14) ------------------------------------------------------------
# Work-plan lines: (commitment, axis, title, department acronym or "", status, target, evidence)
# evidence: (title, "pdf" | "png" | a link).
LINEAS_PLAN = [
    (
        "marco",
        "transversal",
        "Oficina Comunal de Migrantes como unidad que lidera",
        "",
        "cumplida",
        "Decreto de creación vigente",
        [("Decreto alcaldicio de creación", "pdf")],
    ),
    (
        "marco",
        "transversal",
        "Monitoreo de derivaciones a departamentos",
        "DIDECO",
        "en_curso",
        "90 % de derivaciones respondidas en plazo",
        [("Informe trimestral de derivaciones", "pdf")],
    ),
    (
        "marco",
        "gobernanza",
        "Mesa con SERMIG, OIM y ACNUR",
        "",
        "en_curso",
        "4 reuniones al año",
        [("Acta de la mesa regional", "https://www.serviciomigraciones.cl/")],
    ),
    (
        "marco",
        "crisis",
        "Guías públicas en español, kreyòl e inglés",
        "",
        "cumplida",
        "Guías en tres idiomas",
        [("Captura del sitio de guías", "png")],
    ),
    (
        "capacitacion",
        "transversal",
        "Plan anual de capacitación a funcionarios",
        "",
        "en_curso",
        "5 talleres, 80 % de departamentos",
        [("Programa del plan de capacitación", "pdf")],
    ),
    (
        "politicas",
        "sujetos",
        "Ordenanza municipal de no discriminación",
        "Jurídica",
        "en_curso",
        "Ordenanza aprobada por el concejo",
        [("Borrador de ordenanza", "pdf")],
    ),
    (
        "politicas",
        "crisis",
        "Campaña «Valparaíso acoge»",
        "Cultura",
        "cumplida",
        "Campaña en 3 idiomas",
        [("Afiche de la campaña", "png")],
    ),
    (
        "regularizacion",
        "crisis",
        "Operativos de regularización en cerros",
        "",
        "en_curso",
        "6 operativos al año",
        [("Registro fotográfico de operativo", "png")],
    ),
    (
        "participacion",
        "sujetos",
        "Consejo comunal de organizaciones migrantes",
        "",
        "en_curso",
        "Consejo sesionando cada dos meses",
        [("Acta de constitución del consejo", "pdf")],
    ),
    (
        "participacion",
        "sujetos",
        "Fondo concursable para organizaciones migrantes",
        "DIDECO",
        "pendiente",
        "Bases publicadas",
        [],
    ),
]

PLAN_CAPACITACION = [
    ("Enfoque de derechos en la atención", ["Salud", "SLEP", "OMIL"]),
    ("Ley 21.325 para atención de público", ["DIDECO", "Vivienda"]),
    ("Trato intercultural y no discriminación", ["Cultura", "Deportes"]),
]

ORGANIZACIONES_MIGRANTES = [
    ("Asociación Haitiana de Valparaíso", "migrante"),
    ("Colectivo Venezolanos en Valparaíso", "migrante"),
    ("Agrupación de Mujeres Migrantes Cerro Barón", "comunitaria"),
    ("Comunidad Peruana del Puerto", "migrante"),
]

ESPACIOS = [
    (
        "Consejo comunal de organizaciones migrantes",
        "consejo",
        ["Calendario de sesiones 2026", "Propuesta de fondo concursable"],
    ),
    (
        "Mesa intersectorial de migración",
        "mesa",
        ["Protocolo de derivación a salud", "Operativo conjunto con SERMIG"],
    ),
    ("Cabildo migrante", "consulta", ["Prioridades para el plan de trabajo"]),
]

ACCIONES_NO_DISCRIMINACION = [
    ("campana", "Campaña «Valparaíso acoge»", "Afiches y radio comunitaria en tres idiomas"),
    ("ordenanza", "Ordenanza de no discriminación (en trámite)", "Presentada al concejo"),
    ("campana", "Semana de la interculturalidad", "Actividades en 4 cerros"),
    ("denuncia", "Denuncia atendida", "Derivada a Jurídica"),
    ("denuncia", "Denuncia atendida", "Mediación con el servicio"),
    ("denuncia", "Denuncia atendida", "Orientación a la persona"),
]
