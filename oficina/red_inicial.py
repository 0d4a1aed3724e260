"""The support network of Valparaíso as published by each institution, in es/ht/en.

Contact figures come from each institution's own public pages (or news quoting them) and were
checked on `VERIFICADA`; a figure that could not be confirmed is left empty, never guessed.
Loaded by `seed_demo`; an office edits them in the admin afterwards.
"""

import datetime
from typing import Any

from .choices import Area

# Date the figures below were last checked against the institutions' public pages.
VERIFICADA = datetime.date(2026, 11, 29)

_ELEGIBILIDAD = {
    "elegibilidad": "Personas migrantes, con o sin documentos.",
    "elegibilidad_ht": "Moun ki migran, avèk oswa san papye.",
    "elegibilidad_en": "Migrants, with or without documents.",
}
_DOCUMENTOS = {
    "documentos_requeridos": "Cualquier documento de identidad, si lo tiene.",
    "documentos_requeridos_ht": "Nenpòt dokiman idantite, si w genyen youn.",
    "documentos_requeridos_en": "Any identity document, if you have one.",
}
_GRATUITO = {"costo": "Gratuito", "costo_ht": "Gratis, ou pa peye anyen", "costo_en": "Free of charge"}


def _servicio(area: str, textos: dict, **extra: Any) -> dict:
    return {"area": area, **_ELEGIBILIDAD, **_DOCUMENTOS, **_GRATUITO, **textos, **extra}


ORGANIZACIONES: list[dict] = [
    {
        "nombre": "Servicio Nacional de Migraciones",
        "sigla": "SERMIG",
        "tipo": "servicio_publico",
        "idiomas": ["es"],
        "acepta_derivaciones": False,
        # serviciomigraciones.cl, "Direcciones regionales": Valparaíso office.
        "direccion": "Melgarejo 669, zócalo 1",
        "comuna": "Valparaíso",
        "web": "https://serviciomigraciones.cl",
        "descripcion": "Recibe y resuelve las solicitudes de residencia, refugio y nacionalización.",
        "descripcion_ht": "Li resevwa epi li reponn demann rezidans, refij ak nasyonalizasyon.",
        "descripcion_en": "Receives and decides applications for residence, refugee status and naturalisation.",
        "servicios": [
            _servicio(
                Area.REGULARIZACION,
                {
                    "nombre": "Trámites de residencia y refugio",
                    "nombre_ht": "Demach pou rezidans ak refij",
                    "nombre_en": "Residence and refugee applications",
                    "descripcion": "La mayoría de los trámites se hacen en línea; la oficina orienta en persona.",
                    "descripcion_ht": "Pifò demach yo fèt sou entènèt; biwo a ka oryante w an pèsòn.",
                    "descripcion_en": "Most applications are made online; the office gives advice in person.",
                },
            )
        ],
    },
    {
        "nombre": "Policía de Investigaciones",
        "sigla": "PDI",
        "tipo": "servicio_publico",
        "idiomas": ["es"],
        "acepta_derivaciones": False,
        "comuna": "Valparaíso",
        "web": "https://www.pdichile.cl",
        "descripcion": "Controla la entrada y salida del país y entrega certificados de viaje.",
        "descripcion_ht": "Li kontwole antre ak sòti nan peyi a epi li bay sètifika vwayaj.",
        "descripcion_en": "Controls entry into and exit from the country and issues travel certificates.",
        "servicios": [
            _servicio(
                Area.REGULARIZACION,
                {
                    "nombre": "Registro de ingreso y certificados migratorios",
                    "nombre_ht": "Anrejistreman antre ak sètifika migrasyon",
                    "nombre_en": "Entry registration and migration certificates",
                    "descripcion": "Certificado de viajes, autodenuncia por ingreso irregular y constancia por "
                    "pérdida de documentos.",
                    "descripcion_ht": "Sètifika vwayaj, deklarasyon pou antre san papye ak deklarasyon lè w "
                    "pèdi dokiman w.",
                    "descripcion_en": "Travel certificate, self-report of irregular entry and report of lost "
                    "documents.",
                },
            )
        ],
    },
    {
        "nombre": "Servicio de Registro Civil e Identificación",
        "sigla": "Registro Civil",
        "tipo": "servicio_publico",
        "idiomas": ["es"],
        "acepta_derivaciones": False,
        "comuna": "Valparaíso",
        # registrocivil.cl (preguntas frecuentes): office hours and call centre.
        "telefono": "600 370 2000",
        "horario": "Lunes a viernes, 8:30 a 14:00",
        "horario_ht": "Lendi rive vandredi, 8:30 rive 14:00",
        "horario_en": "Monday to Friday, 8:30 am to 2:00 pm",
        "web": "https://www.registrocivil.cl",
        "descripcion": "Entrega la cédula de identidad para extranjeros y los certificados de nacimiento.",
        "descripcion_ht": "Li bay kat idantite pou etranje ak sètifika nesans.",
        "descripcion_en": "Issues the identity card for foreign nationals and birth certificates.",
        "servicios": [
            _servicio(
                Area.REGULARIZACION,
                {
                    "nombre": "Cédula de identidad para extranjeros",
                    "nombre_ht": "Kat idantite pou etranje",
                    "nombre_en": "Identity card for foreign nationals",
                    "descripcion": "Con la residencia otorgada, se pide la cédula en cualquier oficina.",
                    "descripcion_ht": "Lè w gen rezidans ou, ou ka mande kat idantite a nan nenpòt biwo.",
                    "descripcion_en": "Once residence is granted, you apply for the card at any office.",
                    "elegibilidad": "Personas con residencia otorgada por SERMIG.",
                    "elegibilidad_ht": "Moun ki gen yon rezidans SERMIG bay.",
                    "elegibilidad_en": "People whose residence SERMIG has granted.",
                    "documentos_requeridos": "Pasaporte y resolución de residencia.",
                    "documentos_requeridos_ht": "Paspò ak rezolisyon rezidans lan.",
                    "documentos_requeridos_en": "Passport and residence decision.",
                    "costo": "Tiene costo",
                    "costo_ht": "Ou dwe peye",
                    "costo_en": "There is a fee",
                },
            )
        ],
    },
    {
        "nombre": "Fondo Nacional de Salud",
        "sigla": "FONASA",
        "tipo": "servicio_publico",
        "idiomas": ["es"],
        "acepta_derivaciones": True,
        "comuna": "Valparaíso",
        # fonasa.cl call centre, as quoted by the institution's own communications.
        "telefono": "600 360 3000",
        "web": "https://www.fonasa.cl",
        "descripcion": "El seguro público de salud: afilia a quienes trabajan y a quienes no tienen recursos.",
        "descripcion_ht": "Asirans sante piblik la: li afilye moun ki travay ak moun ki pa gen mwayen.",
        "descripcion_en": "The public health insurer: it covers workers and people without means.",
        "servicios": [
            _servicio(
                Area.SALUD,
                {
                    "nombre": "Afiliación y carencia de recursos",
                    "nombre_ht": "Afilyasyon ak deklarasyon mank mwayen",
                    "nombre_en": "Enrolment and lack-of-means declaration",
                    "descripcion": "Sin documentos también puede inscribirse con un número provisorio.",
                    "descripcion_ht": "Menm si w pa gen papye, ou ka enskri avèk yon nimewo pwovizwa.",
                    "descripcion_en": "Without documents you can still enrol with a provisional number.",
                },
            )
        ],
    },
    {
        "nombre": "Junta Nacional de Jardines Infantiles",
        "sigla": "JUNJI",
        "tipo": "servicio_publico",
        "idiomas": ["es"],
        "acepta_derivaciones": True,
        "comuna": "Valparaíso",
        "web": "https://www.junji.gob.cl",
        "descripcion": "Salas cuna y jardines infantiles públicos y gratuitos.",
        "descripcion_ht": "Krèch ak jaden danfan piblik ki gratis.",
        "descripcion_en": "Free public nurseries and kindergartens.",
        "servicios": [
            _servicio(
                Area.EDUCACION,
                {
                    "nombre": "Matrícula en jardines infantiles",
                    "nombre_ht": "Enskripsyon nan jaden danfan",
                    "nombre_en": "Kindergarten enrolment",
                    "descripcion": "Para niños y niñas de 0 a 4 años, sin importar su situación migratoria.",
                    "descripcion_ht": "Pou timoun ki gen 0 a 4 an, kèlkeswa sitiyasyon migrasyon yo.",
                    "descripcion_en": "For children aged 0 to 4, whatever their migration status.",
                },
            )
        ],
    },
    {
        "nombre": "Fundación Integra",
        "sigla": "Integra",
        "tipo": "fundacion",
        "idiomas": ["es"],
        "acepta_derivaciones": True,
        "comuna": "Valparaíso",
        "web": "https://www.integra.cl",
        "descripcion": "Red de salas cuna y jardines infantiles gratuitos.",
        "descripcion_ht": "Rezo krèch ak jaden danfan ki gratis.",
        "descripcion_en": "Network of free nurseries and kindergartens.",
        "servicios": [
            _servicio(
                Area.EDUCACION,
                {
                    "nombre": "Salas cuna y jardines infantiles",
                    "nombre_ht": "Krèch ak jaden danfan",
                    "nombre_en": "Nurseries and kindergartens",
                    "descripcion": "Educación inicial gratuita para los hijos e hijas de familias migrantes.",
                    "descripcion_ht": "Edikasyon premye laj gratis pou pitit fanmi ki migran yo.",
                    "descripcion_en": "Free early education for the children of migrant families.",
                },
            )
        ],
    },
    {
        "nombre": "Servicio de Vivienda y Urbanización",
        "sigla": "SERVIU",
        "tipo": "servicio_publico",
        "idiomas": ["es"],
        "acepta_derivaciones": True,
        "comuna": "Valparaíso",
        "web": "https://www.minvu.gob.cl",
        "descripcion": "Subsidios del Estado para arrendar, comprar o construir una vivienda.",
        "descripcion_ht": "Sibvansyon Leta pou lwe, achte oswa bati yon kay.",
        "descripcion_en": "State subsidies to rent, buy or build a home.",
        "servicios": [
            _servicio(
                Area.VIVIENDA,
                {
                    "nombre": "Subsidios habitacionales",
                    "nombre_ht": "Sibvansyon pou lojman",
                    "nombre_en": "Housing subsidies",
                    "descripcion": "Requiere residencia definitiva y el Registro Social de Hogares.",
                    "descripcion_ht": "Ou bezwen rezidans definitif ak Rejis Sosyal Fwaye a.",
                    "descripcion_en": "Requires permanent residence and the Social Household Registry.",
                    "elegibilidad": "Personas con residencia definitiva.",
                    "elegibilidad_ht": "Moun ki gen rezidans definitif.",
                    "elegibilidad_en": "People with permanent residence.",
                },
            )
        ],
    },
    {
        "nombre": "Organización Internacional para las Migraciones",
        "sigla": "OIM",
        "tipo": "agencia_onu",
        "idiomas": ["es", "en", "fr"],
        "acepta_derivaciones": True,
        # iom.int, country page: the national office in Santiago (no Valparaíso office published).
        "direccion": "Matilde Salamanca 736, piso 4",
        "comuna": "Providencia, Santiago",
        "telefono": "+56 2 2963 3710",
        "web": "https://chile.iom.int",
        "descripcion": "Agencia de las Naciones Unidas para la migración: asistencia y orientación.",
        "descripcion_ht": "Ajans Nasyonzini pou migrasyon: li bay asistans ak oryantasyon.",
        "descripcion_en": "The United Nations migration agency: assistance and advice.",
        "servicios": [
            _servicio(
                Area.SOCIAL,
                {
                    "nombre": "Asistencia humanitaria y retorno voluntario",
                    "nombre_ht": "Asistans imanitè ak retou volontè",
                    "nombre_en": "Humanitarian assistance and voluntary return",
                    "descripcion": "Ayuda a familias en situación de vulnerabilidad y a quienes desean volver.",
                    "descripcion_ht": "Li ede fanmi ki nan difikilte ak moun ki vle retounen nan peyi yo.",
                    "descripcion_en": "Helps families in hardship and people who wish to go back home.",
                },
            ),
            _servicio(
                Area.REGULARIZACION,
                {
                    "nombre": "Orientación migratoria",
                    "nombre_ht": "Oryantasyon sou migrasyon",
                    "nombre_en": "Migration advice",
                    "descripcion": "Información sobre trámites de residencia y derechos.",
                    "descripcion_ht": "Enfòmasyon sou demach rezidans ak sou dwa w.",
                    "descripcion_en": "Information on residence procedures and your rights.",
                },
            ),
        ],
    },
    {
        "nombre": "Alto Comisionado de las Naciones Unidas para los Refugiados",
        "sigla": "ACNUR",
        "tipo": "agencia_onu",
        "idiomas": ["es", "en", "fr"],
        "acepta_derivaciones": True,
        "comuna": "Valparaíso",
        "web": "https://help.unhcr.org/chile/",
        "descripcion": "Agencia de la ONU para los refugiados: orienta sobre la solicitud de refugio.",
        "descripcion_ht": "Ajans Nasyonzini pou refijye yo: li eksplike kijan pou mande refij.",
        "descripcion_en": "The UN refugee agency: advice on how to apply for asylum.",
        "servicios": [
            _servicio(
                Area.REGULARIZACION,
                {
                    "nombre": "Protección internacional y refugio",
                    "nombre_ht": "Pwoteksyon entènasyonal ak refij",
                    "nombre_en": "International protection and asylum",
                    "descripcion": "Orientación por teléfono y correo, y apoyo a través de organizaciones socias.",
                    "descripcion_ht": "Oryantasyon pa telefòn ak imèl, ak sipò atravè òganizasyon patnè yo.",
                    "descripcion_en": "Advice by phone and email, and support through partner organisations.",
                },
            )
        ],
    },
    {
        "nombre": "Servicio Jesuita a Migrantes",
        "sigla": "SJM",
        "tipo": "ong",
        "idiomas": ["es", "ht"],
        "acepta_derivaciones": True,
        "comuna": "Valparaíso",
        "web": "https://sjmchile.org",
        "descripcion": "Fundación que da atención social y jurídica a personas migrantes y refugiadas.",
        "descripcion_ht": "Fondasyon ki bay èd sosyal ak jiridik pou moun ki migran ak refijye.",
        "descripcion_en": "Foundation giving social and legal support to migrants and refugees.",
        "servicios": [
            _servicio(
                Area.JURIDICA,
                {
                    "nombre": "Asesoría jurídica migratoria",
                    "nombre_ht": "Konsèy jiridik sou migrasyon",
                    "nombre_en": "Migration legal advice",
                    "descripcion": "Abogados revisan su caso y le acompañan en la regularización.",
                    "descripcion_ht": "Avoka yo egzamine ka w epi yo akonpaye w pou regilarize papye w.",
                    "descripcion_en": "Lawyers review your case and help you regularise your status.",
                },
            ),
            _servicio(
                Area.TRABAJO,
                {
                    "nombre": "Inserción laboral",
                    "nombre_ht": "Èd pou jwenn travay",
                    "nombre_en": "Help finding work",
                    "descripcion": "Apoyo para preparar el currículum y buscar empleo formal.",
                    "descripcion_ht": "Sipò pou prepare CV w epi chèche yon travay fòmèl.",
                    "descripcion_en": "Support to prepare your CV and look for a formal job.",
                },
            ),
        ],
    },
    {
        "nombre": "Instituto Católico Chileno de Migración",
        "sigla": "INCAMI",
        "tipo": "ong",
        "idiomas": ["es", "ht"],
        "acepta_derivaciones": True,
        "comuna": "Valparaíso",
        "web": "https://incami.cl",
        "descripcion": "Organismo de la Iglesia Católica que acoge y orienta a personas migrantes.",
        "descripcion_ht": "Òganis Legliz Katolik la ki resevwa epi ki oryante moun ki migran.",
        "descripcion_en": "Catholic Church body that welcomes and advises migrants.",
        "servicios": [
            _servicio(
                Area.SOCIAL,
                {
                    "nombre": "Acogida y orientación",
                    "nombre_ht": "Akèy ak oryantasyon",
                    "nombre_en": "Welcome and guidance",
                    "descripcion": "Orientación sobre documentos, trabajo y ayuda social.",
                    "descripcion_ht": "Oryantasyon sou papye, travay ak èd sosyal.",
                    "descripcion_en": "Guidance on documents, work and social support.",
                },
            ),
            _servicio(
                Area.EDUCACION,
                {
                    "nombre": "Clases de español",
                    "nombre_ht": "Kou panyòl",
                    "nombre_en": "Spanish classes",
                    "descripcion": "Cursos gratuitos para aprender español desde el nivel inicial.",
                    "descripcion_ht": "Kou gratis pou aprann pale panyòl depi nivo debitan.",
                    "descripcion_en": "Free courses to learn Spanish from beginner level.",
                },
            ),
        ],
    },
    {
        "nombre": "Defensoría de la Niñez",
        "sigla": "Defensoría de la Niñez",
        "tipo": "servicio_publico",
        "idiomas": ["es"],
        "acepta_derivaciones": True,
        "comuna": "Valparaíso",
        "web": "https://www.defensorianinez.cl",
        "descripcion": "Institución autónoma que defiende los derechos de niños, niñas y adolescentes.",
        "descripcion_ht": "Enstitisyon endepandan ki defann dwa timoun ak jèn yo.",
        "descripcion_en": "Independent institution that defends the rights of children and teenagers.",
        "servicios": [
            _servicio(
                Area.NINEZ,
                {
                    "nombre": "Protección de derechos de niños, niñas y adolescentes",
                    "nombre_ht": "Pwoteksyon dwa timoun ak jèn",
                    "nombre_en": "Protection of children's rights",
                    "descripcion": "Recibe consultas cuando los derechos de un niño o niña no se respetan.",
                    "descripcion_ht": "Li resevwa plent lè yo pa respekte dwa yon timoun.",
                    "descripcion_en": "Takes enquiries when a child's rights are not respected.",
                },
            )
        ],
    },
    {
        "nombre": "Clínica Jurídica Universidad de Valparaíso",
        "sigla": "",
        "tipo": "clinica_juridica",
        "idiomas": ["es"],
        "acepta_derivaciones": True,
        "comuna": "Valparaíso",
        "web": "https://www.uv.cl",  # the university's site
        "descripcion": "Estudiantes de Derecho, con sus profesores, patrocinan causas gratuitas.",
        "descripcion_ht": "Etidyan nan lekòl dwa, avèk pwofesè yo, defann ka gratis nan tribinal.",
        "descripcion_en": "Law students, with their teachers, take on court cases free of charge.",
        "servicios": [
            _servicio(
                Area.JURIDICA,
                {
                    "nombre": "Patrocinio en causas de familia y laborales",
                    "nombre_ht": "Defans nan ka fanmi ak ka travay",
                    "nombre_en": "Representation in family and employment cases",
                    "descripcion": "Pensión de alimentos, cuidado personal y despidos injustificados.",
                    "descripcion_ht": "Pansyon alimantè, gad timoun ak revokasyon travay ki pa jis.",
                    "descripcion_en": "Child support, custody and unfair dismissal.",
                },
            )
        ],
    },
]

# The office's programs and their activities, for the demo calendar.
PROGRAMAS: list[dict] = [
    {
        "nombre": "Clases de español para personas haitianas",
        "nombre_ht": "Kou panyòl pou moun ayisyen",
        "nombre_en": "Spanish classes for Haitians",
        "area": Area.EDUCACION,
        "actividades": [
            ("Clase de español nivel inicial", "Kou panyòl pou debitan", "Beginner Spanish class"),
            ("Clase de español nivel intermedio", "Kou panyòl nivo mwayen", "Intermediate Spanish class"),
        ],
    },
    {
        "nombre": "Operativos de regularización en terreno",
        "nombre_ht": "Operasyon regilarizasyon nan katye yo",
        "nombre_en": "Regularisation drives in the neighbourhoods",
        "area": Area.REGULARIZACION,
        "actividades": [
            (
                "Operativo migratorio en cerro",
                "Operasyon migrasyon nan mòn nan",
                "Migration drive on the hill",
            ),
        ],
    },
    {
        "nombre": "Salud intercultural",
        "nombre_ht": "Sante entèkiltirèl",
        "nombre_en": "Intercultural health",
        "area": Area.SALUD,
        "actividades": [
            ("Feria de salud intercultural", "Fwa sante entèkiltirèl", "Intercultural health fair"),
            (
                "Charla: inscripción en CESFAM",
                "Chita pale: kijan pou enskri nan CESFAM",
                "Talk: how to register at a CESFAM clinic",
            ),
        ],
    },
    {
        "nombre": "Encuentros culturales migrantes",
        "nombre_ht": "Rankont kiltirèl pou migran yo",
        "nombre_en": "Migrant cultural gatherings",
        "area": Area.CULTURA,
        "actividades": [
            ("Festival de las culturas", "Festival kilti yo", "Festival of cultures"),
            ("Muestra de gastronomía", "Ekspozisyon manje tradisyonèl", "Food fair"),
        ],
    },
    {
        "nombre": "Escuelas de acogida",
        "nombre_ht": "Lekòl ki resevwa tout moun",
        "nombre_en": "Welcoming schools",
        "area": Area.EDUCACION,
        "actividades": [
            (
                "Taller para apoderados: matrícula escolar",
                "Atelye pou paran yo: enskripsyon lekòl",
                "Workshop for parents: school enrolment",
            ),
        ],
    },
]

DESCRIPCION_ACTIVIDAD = {
    "descripcion": "Actividad gratuita y abierta a la comunidad.",
    "descripcion_ht": "Aktivite gratis, tout moun nan kominote a ka vini.",
    "descripcion_en": "Free activity, open to the whole community.",
}
