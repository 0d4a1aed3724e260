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

# Nationality → (weight, given names F, given names M, surnames, languages, document type abroad)
NACIONALIDADES = {
    "VE": (
        40,
        ["María José", "Andreína", "Yusmary", "Daniela", "Génesis", "Rosángela"],
        ["José Gregorio", "Luis Ángel", "Jesús", "Yorman", "Carlos Eduardo", "Andrés"],
        ["Pérez", "González", "Rodríguez", "Hernández", "Márquez", "Briceño", "Peña", "Díaz"],
        ["es"],
    ),
    "PE": (
        15,
        ["Rosa", "Milagros", "Lucía", "Flor de María"],
        ["Juan Carlos", "Wilfredo", "Jhon", "César"],
        ["Quispe", "Mamani", "Huamán", "Flores", "Chávez", "Rojas"],
        ["es", "qu"],
    ),
    "CO": (
        12,
        ["Luz Dary", "Yeimy", "Valentina", "Marcela"],
        ["Jhon Fredy", "Óscar", "Andrés Felipe", "Wílmar"],
        ["Muñoz", "Cárdenas", "Ospina", "Restrepo", "Gómez", "Zapata"],
        ["es"],
    ),
    "HT": (
        15,
        ["Marie", "Rose-Andrée", "Nadège", "Wideline", "Fabienne", "Mirlande"],
        ["Jean", "Wilner", "Pierre-Louis", "Jacky", "Fritznel", "Wisly"],
        ["Joseph", "Pierre", "Jean-Baptiste", "Louis", "Charles", "Saint-Fleur", "Dorvil"],
        ["ht", "fr"],
    ),
    "BO": (
        8,
        ["Ninoska", "Carmen", "Wara"],
        ["Evo", "Limbert", "Freddy"],
        ["Choque", "Condori", "Mamani", "Gutiérrez", "Vargas"],
        ["es", "ay"],
    ),
    "AR": (4, ["Florencia", "Agustina"], ["Matías", "Nicolás"], ["Fernández", "Sosa", "Benítez"], ["es"]),
    "DO": (3, ["Yokasta", "Altagracia"], ["Ramón", "Yunior"], ["Núñez", "Peralta", "De la Cruz"], ["es"]),
    "CU": (3, ["Yanelis", "Dayana"], ["Yoandri", "Reinier"], ["Castillo", "Hernández", "Rivero"], ["es"]),
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
