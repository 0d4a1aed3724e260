"""Initial public content for the Sello Migrante portal.

Pure-Python data (no Django imports), meant to be loaded into the database by a data
migration or a management command:

* ``GUIAS``: the public guides, one dict per guide, with the texts in Spanish (``es``),
  Haitian Creole (``ht``) and English (``en``). ``cuerpo`` is Markdown (headings from
  ``##``, no raw HTML, only links to official sites).
* ``PRIVACIDAD``: the privacy notice under Ley 21.719 (in force from 1 December 2026).
* ``INICIO``: short texts for the home page.

Office address, hours, phone and WhatsApp are never written here: the texts send the
reader to the home page, where they come from the database.
"""

import textwrap


def _md(texto):
    """Dedent a triple-quoted Markdown block and trim surrounding blank lines."""
    return textwrap.dedent(texto).strip()


# ---------------------------------------------------------------------------
# 1. Regularización
# ---------------------------------------------------------------------------

_REGULARIZACION = {
    "clave": "regularizacion",
    "tema": "regularizacion",
    "orden": 10,
    "textos": {
        "es": {
            "titulo": "Regularización migratoria: visas, residencias y cédula vencida",
            "resumen": (
                "Cómo funcionan los permisos de residencia en Chile, cómo hacer trámites en línea "
                "con el SERMIG y qué hacer si su cédula está vencida."
            ),
            "cuerpo": _md(
                """
                ## ¿Quién decide?

                En Chile, los permisos de residencia los entrega el Servicio Nacional de Migraciones (SERMIG).
                La ley que se aplica es la Ley 21.325 de Migración y Extranjería.
                La Policía de Investigaciones (PDI) controla la entrada y la salida del país.

                ## Tipos de permiso

                - **Permanencia transitoria**: para visitas cortas, por ejemplo como turista.
                  No permite trabajar.
                - **Residencia temporal**: para vivir en Chile por un tiempo.
                  Hay varias subcategorías, por ejemplo por trabajo, por familia
                  o para nacionales de países del Acuerdo de Residencia del Mercosur.
                - **Residencia definitiva**: para quedarse en Chile sin plazo.
                  Se puede pedir después de un tiempo con residencia temporal.

                Cada subcategoría tiene sus propios requisitos.
                Por regla general, la residencia temporal se pide desde fuera de Chile.
                Hay excepciones para algunos casos.
                Antes de postular, pida orientación en la oficina.

                ## Trámites en línea

                La mayoría de los trámites se hacen en el sitio del SERMIG:
                [serviciomigraciones.cl](https://serviciomigraciones.cl).

                - Cree su cuenta con un correo que revise seguido.
                - Suba documentos escaneados que se lean bien.
                - Guarde el comprobante de cada solicitud.
                - Revise su correo: el SERMIG puede pedirle más documentos, con un plazo.

                Cuando le aprueben la residencia, pida su cédula de identidad para extranjeros
                en el Registro Civil: [registrocivil.cl](https://www.registrocivil.cl).
                Respete el plazo que indica la resolución.

                ## Si su cédula está vencida

                Si tiene una solicitud de residencia en trámite (renovación, cambio o residencia definitiva),
                su cédula vencida sigue siendo válida mientras el SERMIG resuelve
                (Ley 21.325, artículo 43).

                - Lleve siempre la cédula vencida junto al comprobante de su solicitud en trámite.
                - Puede seguir usándola para identificarse, trabajar y hacer trámites.
                - Si alguien no la acepta, pida hablar con una jefatura y muestre el comprobante.
                  La oficina también puede ayudarle.

                ## Consejos

                - Pida la renovación o la residencia definitiva antes de que venza su permiso.
                - Los formularios del SERMIG son gratis. Algunos permisos tienen un costo:
                  se paga al Estado, nunca a una persona.
                - Desconfíe de quien le promete "visas rápidas" a cambio de dinero.
                - Si entró a Chile por un paso no habilitado, hable primero con la oficina
                  o con una clínica jurídica, antes de hacer cualquier trámite.
                """
            ),
        },
        "ht": {
            "titulo": "Regilarizasyon: viza, rezidans ak kat idantite ki ekspire",
            "resumen": (
                "Kijan pèmi rezidans yo mache nan Chili, kijan pou w fè demach sou entènèt ak SERMIG, "
                "ak sa pou w fè si kat idantite w (cédula) ekspire."
            ),
            "cuerpo": _md(
                """
                ## Kiyès ki deside?

                Nan Chili, se Sèvis Nasyonal Migrasyon an (SERMIG) ki bay pèmi rezidans.
                Lwa ki aplike a se Lwa 21.325 sou Migrasyon ak Etranje.
                Lapolis Envestigasyon (PDI) kontwole moun k ap antre ak moun k ap soti nan peyi a.

                ## Kalite pèmi

                - **Pèmanans tranzitwa** (permanencia transitoria): pou yon ti tan, tankou touris.
                  Li pa pèmèt ou travay.
                - **Rezidans tanporè** (residencia temporal): pou w viv nan Chili pandan yon tan.
                  Gen plizyè kalite: pou travay, pou fanmi,
                  oswa pou moun ki soti nan peyi ki nan Akò Rezidans Mercosur la.
                - **Rezidans definitif** (residencia definitiva): pou w rete nan Chili san limit tan.
                  Ou ka mande l apre w fin pase yon tan ak rezidans tanporè.

                Chak kalite gen pwòp kondisyon pa l.
                Anjeneral, rezidans tanporè a dwe mande depi deyò Chili.
                Gen kèk ka espesyal ki pa swiv règ sa a.
                Anvan w fè demann, vin pale ak biwo a.

                ## Demach sou entènèt

                Pifò demach fèt sou sit SERMIG la:
                [serviciomigraciones.cl](https://serviciomigraciones.cl).

                - Kreye kont ou ak yon imel ou li souvan.
                - Mete dokiman ki byen eskane, pou yo ka li yo klè.
                - Kenbe prèv (comprobante) chak demann ou fè.
                - Gade imel ou souvan: SERMIG ka mande w lòt papye, ak yon dat limit.

                Lè yo apwouve rezidans ou, al mande kat idantite pou etranje (cédula)
                nan Rejis Sivil (Registro Civil): [registrocivil.cl](https://www.registrocivil.cl).
                Respekte dat limit ki ekri nan rezolisyon an.

                ## Si kat idantite w ekspire

                Si w gen yon demann rezidans k ap trete (renouvèlman, chanjman oswa rezidans definitif),
                kat idantite w ki ekspire a toujou valab pandan SERMIG ap etidye dosye w
                (Lwa 21.325, atik 43).

                - Toujou pote kat ki ekspire a ansanm ak prèv demann ou an.
                - Ou ka kontinye sèvi avè l pou idantifye w, pou travay ak pou fè demach.
                - Si yon moun pa vle aksepte l, mande pale ak yon chèf epi montre prèv la.
                  Biwo a ka ede w tou.

                ## Konsèy

                - Mande renouvèlman an oswa rezidans definitif la anvan pèmi w lan fini.
                - Fòmilè SERMIG yo gratis. Gen kèk pèmi ki koute lajan:
                  se Leta ou peye, pa janm yon moun.
                - Pa fè konfyans moun ki di yo ka fè w jwenn "viza rapid" pou lajan.
                - Si w te antre Chili pa yon pasaj ki pa otorize, pale ak biwo a
                  oswa ak yon klinik jiridik anvan w fè okenn demach.
                """
            ),
        },
        "en": {
            "titulo": "Migration status: visas, residence permits and an expired ID card",
            "resumen": (
                "How residence permits work in Chile, how to do online procedures with SERMIG "
                "and what to do if your cédula (ID card) has expired."
            ),
            "cuerpo": _md(
                """
                ## Who decides?

                In Chile, residence permits are granted by the National Migration Service (SERMIG).
                The law that applies is Ley 21.325 on Migration and Foreigners.
                The Investigations Police (PDI) controls entry to and exit from the country.

                ## Types of permit

                - **Permanencia transitoria** (temporary stay): for short visits, for example as a tourist.
                  It does not allow you to work.
                - **Residencia temporal** (temporary residence): to live in Chile for a period.
                  There are several subcategories, for example for work, for family
                  or for nationals of countries in the Mercosur Residence Agreement.
                - **Residencia definitiva** (permanent residence): to stay in Chile with no time limit.
                  You can apply after some time with temporary residence.

                Each subcategory has its own requirements.
                As a general rule, temporary residence is requested from outside Chile.
                There are exceptions for some cases.
                Before you apply, ask the office for advice.

                ## Online procedures

                Most procedures are done on the SERMIG website:
                [serviciomigraciones.cl](https://serviciomigraciones.cl).

                - Create your account with an email address you check often.
                - Upload clear, readable scans of your documents.
                - Keep the receipt (comprobante) of every application.
                - Check your email: SERMIG may ask for more documents, with a deadline.

                When your residence is approved, apply for your foreigner's identity card (cédula)
                at the Civil Registry: [registrocivil.cl](https://www.registrocivil.cl).
                Respect the deadline written in the resolution.

                ## If your cédula has expired

                If you have a residence application in process (renewal, change or permanent residence),
                your expired cédula remains valid while SERMIG decides
                (Ley 21.325, article 43).

                - Always carry the expired cédula together with the receipt of your pending application.
                - You can keep using it to identify yourself, to work and to do paperwork.
                - If someone does not accept it, ask to speak with a supervisor and show the receipt.
                  The office can also help you.

                ## Tips

                - Apply for renewal or permanent residence before your permit expires.
                - SERMIG forms are free. Some permits have a fee:
                  it is paid to the State, never to a person.
                - Do not trust anyone who promises "fast visas" for money.
                - If you entered Chile through an unauthorised border crossing, talk first with the office
                  or a legal clinic, before you start any procedure.
                """
            ),
        },
    },
}


# ---------------------------------------------------------------------------
# 2. Refugio
# ---------------------------------------------------------------------------

_REFUGIO = {
    "clave": "refugio",
    "tema": "refugio",
    "orden": 20,
    "textos": {
        "es": {
            "titulo": "Refugio: cómo pedir protección internacional",
            "resumen": (
                "Quién puede pedir refugio en Chile, cómo se solicita ante el SERMIG o la PDI "
                "y qué derechos tiene mientras se estudia su caso."
            ),
            "cuerpo": _md(
                """
                ## ¿Quién es refugiado?

                Puede pedir refugio si tuvo que salir de su país porque su vida,
                su seguridad o su libertad están en peligro.
                Por ejemplo, si le persiguen por su raza, religión, nacionalidad,
                opiniones políticas o por pertenecer a un grupo social.
                También si en su país hay violencia generalizada, conflictos internos
                o violaciones masivas de los derechos humanos.

                En Chile, el refugio se rige por la Ley 20.430.
                Pedir refugio es un derecho, no un delito.

                ## ¿Dónde se pide?

                - En la frontera, ante la PDI, al momento de entrar.
                - Dentro de Chile, ante el SERMIG. Vea la información en
                  [serviciomigraciones.cl](https://serviciomigraciones.cl).

                Pídalo lo antes posible.
                Explique con sus palabras por qué no puede volver a su país.
                Si no habla bien español, pida un intérprete.
                El trámite es gratis.

                ## Sus derechos como solicitante

                - **No devolución**: no pueden expulsarle ni devolverle a un país
                  donde su vida o su libertad corran peligro.
                - No pueden sancionarle por haber entrado de forma irregular,
                  si se presenta sin demora ante las autoridades.
                - **Confidencialidad**: lo que usted cuenta es reservado.
                  No se informa a las autoridades de su país.
                - Tiene derecho a una entrevista, a un intérprete y a que le expliquen las decisiones.
                - Su familia (pareja, hijos e hijas) puede quedar incluida en su solicitud.
                - Mientras se estudia su caso, recibe un permiso de residencia temporal como solicitante.
                  Le permite estar en Chile y trabajar. Pregunte cuánto dura y cómo renovarlo.
                - Puede atenderse en salud, y sus hijos e hijas pueden ir a la escuela,
                  como cualquier persona.

                ## Si le rechazan

                Puede presentar recursos, pero los plazos son cortos.
                Pida ayuda el mismo día en que reciba la respuesta.

                ## Consejos

                - Guarde copias de todos sus documentos y de las resoluciones.
                - Mantenga su dirección y su correo siempre actualizados.
                - Antes de ir al consulado de su país, converse con la oficina:
                  puede afectar su solicitud.
                - La oficina puede derivarle a organizaciones que dan asesoría legal gratuita.
                """
            ),
        },
        "ht": {
            "titulo": "Refij: kijan pou w mande pwoteksyon entènasyonal",
            "resumen": (
                "Kiyès ki ka mande refij nan Chili, kote pou w mande l (SERMIG oswa PDI) "
                "ak ki dwa ou genyen pandan y ap etidye dosye w."
            ),
            "cuerpo": _md(
                """
                ## Kiyès ki refijye?

                Ou ka mande refij si w te oblije kite peyi w paske lavi w,
                sekirite w oswa libète w an danje.
                Pa egzanp, si yo pèsekite w poutèt ras ou, relijyon ou, nasyonalite w,
                opinyon politik ou oswa gwoup sosyal ou fè pati.
                Ou ka mande l tou si gen vyolans toupatou nan peyi w, lagè anndan peyi a
                oswa gwo vyolasyon dwa moun.

                Nan Chili, se Lwa 20.430 ki regle refij.
                Mande refij se yon dwa, se pa yon krim.

                ## Ki kote pou w mande l?

                - Sou fwontyè a, devan PDI, lè w ap antre.
                - Andedan Chili, devan SERMIG. Gade enfòmasyon yo sou
                  [serviciomigraciones.cl](https://serviciomigraciones.cl).

                Mande l pi vit posib.
                Esplike ak pwòp mo pa w poukisa ou pa ka retounen nan peyi w.
                Si w pa pale panyòl byen, mande yon entèprèt.
                Demach la gratis.

                ## Dwa ou kòm moun k ap mande refij

                - **Yo pa ka voye w tounen**: yo pa ka mete w deyò ni voye w nan yon peyi
                  kote lavi w oswa libète w an danje.
                - Yo pa ka pini w paske w te antre san otorizasyon,
                  si w al prezante devan otorite yo san reta.
                - **Konfidansyalite**: sa w rakonte rete sekrè.
                  Yo pa bay otorite peyi w enfòmasyon sa yo.
                - Ou gen dwa a yon entrevi, a yon entèprèt, epi pou yo esplike w desizyon yo.
                - Fanmi w (mari w oswa madanm ou, pitit ou yo) ka antre nan menm demann nan.
                - Pandan y ap etidye dosye w, yo ba w yon pèmi rezidans tanporè kòm moun k ap mande refij.
                  Li pèmèt ou rete Chili epi travay. Mande konbyen tan li dire ak kijan pou w renouvle l.
                - Ou ka jwenn swen sante, epi pitit ou yo ka al lekòl, menm jan ak tout moun.

                ## Si yo refize w

                Ou ka fè rekou, men dat limit yo kout.
                Mande èd menm jou ou resevwa repons lan.

                ## Konsèy

                - Kenbe kopi tout dokiman w ak tout rezolisyon yo.
                - Toujou mete adrès ou ak imel ou ajou.
                - Anvan w al nan konsila peyi w, pale ak biwo a:
                  sa ka afekte demann ou.
                - Biwo a ka voye w bò kote òganizasyon ki bay konsèy legal gratis.
                """
            ),
        },
        "en": {
            "titulo": "Refugee status: how to ask for international protection",
            "resumen": (
                "Who can ask for refugee status in Chile, how to apply at SERMIG or the PDI "
                "and what rights you have while your case is being studied."
            ),
            "cuerpo": _md(
                """
                ## Who is a refugee?

                You can ask for refugee status if you had to leave your country because your life,
                your safety or your freedom is in danger.
                For example, if you are persecuted because of your race, religion, nationality,
                political opinions or membership of a social group.
                Also if there is generalised violence, internal conflict
                or massive human rights violations in your country.

                In Chile, refugee status is governed by Ley 20.430.
                Asking for refuge is a right, not a crime.

                ## Where do you apply?

                - At the border, before the PDI, when you enter.
                - Inside Chile, at SERMIG. See the information at
                  [serviciomigraciones.cl](https://serviciomigraciones.cl).

                Apply as soon as possible.
                Explain in your own words why you cannot go back to your country.
                If you do not speak Spanish well, ask for an interpreter.
                The procedure is free.

                ## Your rights as an applicant

                - **Non-refoulement**: you cannot be expelled or sent back to a country
                  where your life or freedom would be in danger.
                - You cannot be punished for entering irregularly,
                  if you come forward to the authorities without delay.
                - **Confidentiality**: what you say is kept private.
                  The authorities of your country are not informed.
                - You have the right to an interview, to an interpreter and to an explanation of decisions.
                - Your family (partner and children) can be included in your application.
                - While your case is studied, you receive a temporary residence permit as an applicant.
                  It lets you stay in Chile and work. Ask how long it lasts and how to renew it.
                - You can use health services, and your children can go to school,
                  like anyone else.

                ## If you are refused

                You can appeal, but the deadlines are short.
                Ask for help on the same day you receive the answer.

                ## Tips

                - Keep copies of all your documents and of every resolution.
                - Always keep your address and email up to date.
                - Before going to your country's consulate, talk with the office:
                  it may affect your application.
                - The office can refer you to organisations that give free legal advice.
                """
            ),
        },
    },
}


# ---------------------------------------------------------------------------
# 3. Salud y FONASA
# ---------------------------------------------------------------------------

_SALUD = {
    "clave": "salud-fonasa",
    "tema": "salud",
    "orden": 30,
    "textos": {
        "es": {
            "titulo": "Salud: atención en el CESFAM y FONASA",
            "resumen": (
                "Toda persona puede atenderse en la salud pública de Chile, con o sin documentos. "
                "Cómo inscribirse en el CESFAM y en FONASA."
            ),
            "cuerpo": _md(
                """
                ## Su derecho a la salud

                En Chile, toda persona puede atenderse en la red pública de salud,
                sea cual sea su situación migratoria. Así lo dice la Ley 21.325.
                Nadie puede negarle la atención por no tener documentos.

                Siempre se atienden, con o sin papeles:

                - Las urgencias, en el SAPU, el SAR o el hospital.
                - Las mujeres embarazadas, durante el embarazo, el parto y después del parto.
                - Los niños, niñas y adolescentes menores de 18 años.
                - Las vacunas y el tratamiento de enfermedades contagiosas,
                  como la tuberculosis o el VIH.

                ## Inscribirse en el CESFAM

                El CESFAM (Centro de Salud Familiar) es su centro de salud.
                Le corresponde el más cercano a su domicilio.

                Lleve:

                - Un documento de identidad: cédula, pasaporte o documento de su país.
                - Un comprobante de domicilio, por ejemplo una cuenta de luz o de agua,
                  o su contrato de arriendo.

                ## FONASA

                FONASA es el seguro público de salud.

                - **Si tiene RUN y trabaja con contrato**: su empleador paga su cotización
                  y usted queda en FONASA.
                - **Si tiene RUN y no tiene ingresos**: puede inscribirse en FONASA como persona
                  sin ingresos, en línea o en una sucursal. Más información en
                  [fonasa.cl](https://www.fonasa.cl).
                - **Si no tiene documentos o no tiene RUN**: en el CESFAM puede firmar la
                  **declaración de carencia de recursos**. Así queda como beneficiario de FONASA,
                  con un número provisorio, y se atiende como cualquier persona.

                En la red pública, las personas de FONASA no pagan copago.

                ## Consejos

                - Pida hora en el SOME de su CESFAM.
                - Si no entiende, pida un intérprete o un facilitador intercultural.
                  Algunos centros los tienen.
                - Para dudas de salud, llame a Salud Responde: 600 360 7777, las 24 horas.
                - Si le niegan la atención, pida el libro de reclamos (OIRS) y avise a la oficina.
                """
            ),
        },
        "ht": {
            "titulo": "Sante: swen nan CESFAM ak FONASA",
            "resumen": (
                "Tout moun ka jwenn swen nan sistèm sante piblik Chili, avèk oswa san papye. "
                "Kijan pou w enskri nan CESFAM ak nan FONASA."
            ),
            "cuerpo": _md(
                """
                ## Ou gen dwa jwenn swen

                Nan Chili, tout moun ka jwenn swen nan sistèm sante piblik la,
                kèlkeswa sitiyasyon migratwa yo. Se Lwa 21.325 ki di sa.
                Pèsonn pa ka refize w swen paske w pa gen papye.

                Yo toujou bay swen, avèk oswa san papye, pou:

                - Ijans, nan SAPU, SAR oswa lopital.
                - Fanm ansent, pandan gwosès la, pandan akouchman an ak apre akouchman an.
                - Timoun ak adolesan ki poko gen 18 an.
                - Vaksen, ak tretman maladi ki atrapan tankou tibèkiloz oswa VIH.

                ## Enskri nan CESFAM

                CESFAM (Centro de Salud Familiar) se sant sante pa w.
                Se sant ki pi pre kote w rete a ki pou ou.

                Pote:

                - Yon papye idantite: kat idantite (cédula), paspò oswa dokiman peyi w.
                - Yon prèv adrès, tankou yon fakti kouran oswa dlo,
                  oswa kontra lwaye w.

                ## FONASA

                FONASA se asirans sante piblik la.

                - **Si w gen RUN epi w travay ak kontra**: patwon an peye kotizasyon w,
                  epi ou antre nan FONASA.
                - **Si w gen RUN men ou pa gen revni**: ou ka enskri nan FONASA kòm moun
                  ki pa gen revni, sou entènèt oswa nan yon biwo FONASA. Plis enfòmasyon sou
                  [fonasa.cl](https://www.fonasa.cl).
                - **Si w pa gen papye oswa w pa gen RUN**: nan CESFAM, ou ka siyen
                  **deklarasyon mank resous** (declaración de carencia de recursos).
                  Konsa ou vin benefisyè FONASA, ak yon nimewo pwovizwa,
                  epi yo resevwa w tankou nenpòt lòt moun.

                Nan sistèm piblik la, moun ki nan FONASA pa peye okenn kopeman (copago).

                ## Konsèy

                - Pran randevou nan SOME, nan CESFAM ou a.
                - Si w pa konprann, mande yon entèprèt oswa yon fasilitatè entèkiltirèl.
                  Gen kèk sant ki genyen yo.
                - Si w gen kesyon sou sante, rele Salud Responde: 600 360 7777, 24 è sou 24.
                - Si yo refize w swen, mande liv plent la (OIRS) epi avèti biwo a.
                """
            ),
        },
        "en": {
            "titulo": "Health: care at the CESFAM and FONASA",
            "resumen": (
                "Everyone can use Chile's public health services, with or without documents. "
                "How to register at the CESFAM and with FONASA."
            ),
            "cuerpo": _md(
                """
                ## Your right to health care

                In Chile, everyone can be attended in the public health network,
                whatever their migration status. Ley 21.325 says so.
                No one can refuse you care because you have no documents.

                These are always attended, with or without papers:

                - Emergencies, at the SAPU, the SAR or the hospital.
                - Pregnant women, during pregnancy, childbirth and after childbirth.
                - Children and adolescents under 18.
                - Vaccines, and treatment of infectious diseases
                  such as tuberculosis or HIV.

                ## Registering at the CESFAM

                The CESFAM (Family Health Centre) is your primary care centre.
                You belong to the one closest to your home.

                Bring:

                - An identity document: cédula, passport or a document from your country.
                - Proof of address, for example an electricity or water bill,
                  or your rental contract.

                ## FONASA

                FONASA is the public health insurance.

                - **If you have a RUN and work with a contract**: your employer pays your contribution
                  and you are covered by FONASA.
                - **If you have a RUN and no income**: you can enrol in FONASA as a person
                  without income, online or at a branch office. More information at
                  [fonasa.cl](https://www.fonasa.cl).
                - **If you have no documents or no RUN**: at the CESFAM you can sign the
                  **declaración de carencia de recursos** (statement of lack of means).
                  You then become a FONASA beneficiary, with a provisional number,
                  and you are attended like anyone else.

                In the public network, FONASA members pay no co-payment.

                ## Tips

                - Book appointments at the SOME desk of your CESFAM.
                - If you do not understand, ask for an interpreter or an intercultural facilitator.
                  Some centres have them.
                - For health questions, call Salud Responde: 600 360 7777, 24 hours a day.
                - If you are refused care, ask for the complaints book (OIRS) and tell the office.
                """
            ),
        },
    },
}


# ---------------------------------------------------------------------------
# 4. Educación y matrícula
# ---------------------------------------------------------------------------

_EDUCACION = {
    "clave": "educacion-matricula",
    "tema": "educacion",
    "orden": 40,
    "textos": {
        "es": {
            "titulo": "Educación: matrícula escolar, IPE, IPA y jardines infantiles",
            "resumen": (
                "Todo niño, niña y adolescente tiene derecho a ir a la escuela en Chile, con o sin "
                "documentos. Cómo postular, qué es el IPE y dónde buscar un jardín infantil."
            ),
            "cuerpo": _md(
                """
                ## Todos los niños y niñas tienen derecho a estudiar

                En Chile, todo niño, niña y adolescente puede estudiar, tenga o no documentos,
                y sea cual sea la situación migratoria de su familia.
                La escuela no puede negar la matrícula por eso.
                Tampoco puede negarla por no tener uniforme.

                Los estudiantes extranjeros tienen los mismos derechos que los demás:
                alimentación escolar, textos, seguro escolar y pase escolar (TNE).

                ## IPE e IPA

                Si su hijo o hija no tiene RUN chileno, el Ministerio de Educación le entrega un
                **IPE** (Identificador Provisorio Escolar).
                Con él puede postular, matricularse y certificar sus estudios.

                Si usted, como apoderado, no tiene RUN, puede pedir un
                **IPA** (Identificador Provisorio del Apoderado).
                Le sirve para postular a sus hijos en el sistema de admisión.

                Se piden en las oficinas de Ayuda Mineduc. Lleve:

                - Su documento de identidad: pasaporte, DNI o cédula.
                - El documento del niño o niña: pasaporte, DNI o certificado de nacimiento.
                - El certificado del último curso aprobado, si lo tiene.

                Si no tiene certificados de estudios, el curso se asigna según la edad
                y la trayectoria escolar del estudiante.
                Pídalos con tiempo: la respuesta demora unos días hábiles.

                ## Sistema de Admisión Escolar (SAE)

                Para entrar a una escuela o liceo público o particular subvencionado,
                se postula por internet en
                [sistemadeadmisionescolar.cl](https://www.sistemadeadmisionescolar.cl).

                - El período principal de postulación suele ser entre agosto y septiembre.
                - Después hay un período complementario, hacia fin de año.
                - Revise las fechas exactas en el sitio del SAE.

                ## Fuera del calendario

                Si llega a Valparaíso durante el año, su hijo o hija igual puede estudiar.
                Acérquese directamente al Servicio Local de Educación Pública (SLEP) Valparaíso.
                Allí le indican las escuelas con vacantes.
                La oficina puede acompañarle.

                ## Salas cuna y jardines infantiles

                Los niños y niñas pequeños, desde los primeros meses hasta los 4 años,
                pueden ir gratis a salas cuna y jardines infantiles de la **JUNJI**
                y de la **Fundación Integra**.
                Para ellos, el IPE lo gestionan la JUNJI o Integra.
                Pregunte en el jardín más cercano a su casa.

                Prekínder y kínder (4 y 5 años) se postulan por el SAE.
                """
            ),
        },
        "ht": {
            "titulo": "Lekòl: enskripsyon, IPE, IPA ak jaden danfan",
            "resumen": (
                "Tout timoun gen dwa al lekòl nan Chili, avèk oswa san papye. Kijan pou w fè demann, "
                "kisa IPE ye ak kote pou w jwenn yon jaden danfan."
            ),
            "cuerpo": _md(
                """
                ## Tout timoun gen dwa al lekòl

                Nan Chili, tout timoun ak adolesan ka etidye, kit yo gen papye kit yo pa genyen,
                e kèlkeswa sitiyasyon migratwa fanmi yo.
                Lekòl la pa ka refize enskri yon timoun pou rezon sa a.
                Li pa ka refize l paske li pa gen inifòm nonplis.

                Elèv etranje yo gen menm dwa ak lòt elèv yo:
                manje lekòl, liv, asirans lekòl ak kat transpò elèv (TNE).

                ## IPE ak IPA

                Si pitit ou pa gen RUN chilyen, Ministè Edikasyon an ba li yon
                **IPE** (Identificador Provisorio Escolar).
                Avè l, li ka fè demann, enskri epi jwenn sètifika etid li.

                Si ou menm, kòm paran oswa responsab (apoderado), ou pa gen RUN,
                ou ka mande yon **IPA** (Identificador Provisorio del Apoderado).
                Li sèvi pou w fè demann lekòl pou pitit ou.

                Ou mande yo nan biwo Ayuda Mineduc. Pote:

                - Papye idantite w: paspò, DNI oswa kat idantite.
                - Papye timoun nan: paspò, DNI oswa batistè (akt de nesans).
                - Sètifika dènye klas li pase a, si w genyen l.

                Si w pa gen sètifika lekòl, yo mete timoun nan nan yon klas
                dapre laj li ak sa li te deja etidye.
                Mande yo davans: repons lan pran kèk jou travay.

                ## Sistèm Admisyon Lekòl (SAE)

                Pou antre nan yon lekòl piblik oswa yon lekòl prive ki resevwa sibvansyon Leta,
                ou fè demann sou entènèt nan
                [sistemadeadmisionescolar.cl](https://www.sistemadeadmisionescolar.cl).

                - Gwo peryòd demann nan konn fèt ant out ak septanm.
                - Apre sa, gen yon dezyèm peryòd (periodo complementario) vè fen ane a.
                - Gade dat egzak yo sou sit SAE a.

                ## Andeyò dat yo

                Si w rive Valparaíso nan mitan ane a, pitit ou ka al lekòl kanmenm.
                Ale dirèkteman nan Sèvis Lokal Edikasyon Piblik (SLEP) Valparaíso.
                La, y ap di w ki lekòl ki gen plas.
                Biwo a ka akonpaye w.

                ## Kreche ak jaden danfan

                Timoun piti, depi kèk mwa rive 4 an, ka ale gratis nan kreche (sala cuna)
                ak jaden danfan (jardín infantil) **JUNJI** ak **Fundación Integra**.
                Pou timoun piti sa yo, se JUNJI oswa Integra ki okipe IPE a.
                Mande nan jaden danfan ki pi pre lakay ou.

                Pou prekindè ak kindè (4 ak 5 an), ou fè demann nan SAE.
                """
            ),
        },
        "en": {
            "titulo": "Education: school enrolment, IPE, IPA and nurseries",
            "resumen": (
                "Every child and adolescent has the right to go to school in Chile, with or without "
                "documents. How to apply, what the IPE is and where to find a nursery."
            ),
            "cuerpo": _md(
                """
                ## Every child has the right to study

                In Chile, every child and adolescent can study, with or without documents,
                whatever the migration status of their family.
                A school cannot refuse enrolment for that reason.
                It cannot refuse it because the child has no uniform, either.

                Foreign students have the same rights as everyone else:
                school meals, textbooks, school insurance and the student travel pass (TNE).

                ## IPE and IPA

                If your child has no Chilean RUN, the Ministry of Education gives them an
                **IPE** (Identificador Provisorio Escolar, provisional school identifier).
                With it, your child can apply, enrol and have their studies certified.

                If you, as the parent or guardian (apoderado), have no RUN, you can ask for an
                **IPA** (Identificador Provisorio del Apoderado, provisional guardian identifier).
                You need it to apply for your children in the admission system.

                You request them at the Ayuda Mineduc offices. Bring:

                - Your identity document: passport, DNI or cédula.
                - Your child's document: passport, DNI or birth certificate.
                - The certificate of the last school year passed, if you have it.

                If you have no school certificates, the grade is assigned according to the
                child's age and school history.
                Ask in good time: the answer takes a few working days.

                ## School Admission System (SAE)

                To enter a public or state-subsidised private school,
                you apply online at
                [sistemadeadmisionescolar.cl](https://www.sistemadeadmisionescolar.cl).

                - The main application period is usually between August and September.
                - Then there is a complementary period, towards the end of the year.
                - Check the exact dates on the SAE website.

                ## Outside the calendar

                If you arrive in Valparaíso during the year, your child can still go to school.
                Go directly to the Local Public Education Service (SLEP) Valparaíso.
                They will tell you which schools have places.
                The office can go with you.

                ## Nurseries and kindergartens

                Young children, from a few months old up to 4 years, can attend
                free nurseries (salas cuna) and kindergartens (jardines infantiles) run by **JUNJI**
                and **Fundación Integra**.
                For these children, JUNJI or Integra handle the IPE.
                Ask at the kindergarten closest to your home.

                Pre-kindergarten and kindergarten (ages 4 and 5) are applied for through the SAE.
                """
            ),
        },
    },
}


# ---------------------------------------------------------------------------
# 5. Trabajo y OMIL
# ---------------------------------------------------------------------------

_TRABAJO = {
    "clave": "trabajo-omil",
    "tema": "trabajo",
    "orden": 50,
    "textos": {
        "es": {
            "titulo": "Trabajo: sus derechos y la OMIL",
            "resumen": (
                "Los mismos derechos laborales que las personas chilenas, el contrato de trabajo, "
                "qué permite cada permiso migratorio y cómo le ayuda la OMIL a buscar empleo."
            ),
            "cuerpo": _md(
                """
                ## Sus derechos

                En Chile, las personas extranjeras tienen los mismos derechos laborales que las chilenas.
                Su empleador debe:

                - Firmar con usted un contrato escrito dentro de 15 días desde que empieza a trabajar.
                  Si el contrato dura menos de 30 días o es por una obra o faena, el plazo es de 5 días.
                - Pagarle al menos el ingreso mínimo mensual que fija la ley.
                - Pagar sus cotizaciones de pensión (AFP), de salud y del seguro de cesantía.
                - Respetar la jornada máxima legal, su descanso y sus vacaciones.
                - Entregarle cada mes su liquidación de sueldo.

                Aunque haya trabajado sin permiso, tienen que pagarle por el trabajo que hizo.

                Nadie puede quitarle su pasaporte ni su cédula. Eso es ilegal.

                ## ¿Qué le permite su permiso?

                - **Residencia temporal o definitiva**: puede trabajar.
                - **Solicitante de refugio con residencia temporal**: puede trabajar.
                - **Permanencia transitoria (turista)**: no puede trabajar,
                  salvo que el SERMIG le dé una autorización especial.
                - **Solicitud de residencia en trámite**: pregunte en la oficina si puede pedir
                  una autorización para trabajar mientras espera.

                Si su cédula venció y tiene una solicitud de residencia en trámite,
                la cédula sigue vigente (vea la guía de regularización).

                ## La OMIL

                La OMIL (Oficina Municipal de Intermediación Laboral) de la Municipalidad de Valparaíso
                es gratuita. Le ayuda a:

                - Preparar su currículum.
                - Buscar ofertas de trabajo y postular.
                - Inscribirse en la Bolsa Nacional de Empleo.
                - Encontrar cursos de capacitación.

                Para un empleo formal, normalmente necesitará cédula o RUN.
                Si todavía no lo tiene, la OMIL y la oficina igual le orientan.
                La oficina puede derivarle a la OMIL.

                ## Si tiene un problema

                - Guarde sus contratos, liquidaciones, mensajes y fotos de sus horarios.
                - Puede reclamar gratis en la Inspección del Trabajo (Dirección del Trabajo).
                - Si le ofrecieron un trabajo con engaños, le quitaron sus documentos
                  o no le dejan salir, llame al 133. Puede ser trata de personas.
                """
            ),
        },
        "ht": {
            "titulo": "Travay: dwa ou ak OMIL",
            "resumen": (
                "Ou gen menm dwa nan travay ak moun chilyen yo. Kontra travay, sa chak pèmi pèmèt ou fè, "
                "ak kijan OMIL ka ede w jwenn travay."
            ),
            "cuerpo": _md(
                """
                ## Dwa ou

                Nan Chili, etranje yo gen menm dwa nan travay ak chilyen yo.
                Patwon ou dwe:

                - Siyen yon kontra ekri avè w nan 15 jou apre w kòmanse travay.
                  Si kontra a dire mwens pase 30 jou oswa si se pou yon travay espesifik, se 5 jou.
                - Peye w omwen salè minimòm lalwa fikse a.
                - Peye kotizasyon w pou pansyon (AFP), pou sante ak pou asirans chomaj.
                - Respekte kantite èdtan maksimòm lalwa pèmèt, repo w ak vakans ou.
                - Ba w fich pèman w (liquidación de sueldo) chak mwa.

                Menm si w te travay san pèmi, yo oblije peye w pou travay ou te fè a.

                Pèsonn pa gen dwa pran paspò w oswa kat idantite w. Sa ilegal.

                ## Kisa pèmi w pèmèt ou fè?

                - **Rezidans tanporè oswa definitif**: ou ka travay.
                - **Moun k ap mande refij ki gen rezidans tanporè**: ou ka travay.
                - **Pèmanans tranzitwa (touris)**: ou pa ka travay,
                  sòf si SERMIG ba w yon otorizasyon espesyal.
                - **Demann rezidans k ap trete**: mande nan biwo a si w ka mande
                  yon otorizasyon pou travay pandan w ap tann.

                Si kat idantite w ekspire men ou gen yon demann rezidans k ap trete,
                kat la toujou valab (gade gid sou regilarizasyon an).

                ## OMIL

                OMIL (Oficina Municipal de Intermediación Laboral) nan Minisipalite Valparaíso
                gratis. Li ka ede w:

                - Prepare CV ou.
                - Chèche travay epi aplike.
                - Enskri nan Bolsa Nacional de Empleo.
                - Jwenn kou fòmasyon.

                Pou yon travay fòmèl, anjeneral ou bezwen kat idantite oswa RUN.
                Si w poko genyen l, OMIL ak biwo a ap oryante w kanmenm.
                Biwo a ka voye w nan OMIL.

                ## Si w gen yon pwoblèm

                - Kenbe kontra w, fich pèman w, mesaj yo ak foto orè travay ou.
                - Ou ka fè plent gratis nan Enspeksyon Travay (Inspección del Trabajo).
                - Si yo te ofri w yon travay ak manti, si yo pran papye w
                  oswa si yo pa kite w soti, rele 133. Sa ka trafik moun.
                """
            ),
        },
        "en": {
            "titulo": "Work: your rights and the OMIL",
            "resumen": (
                "The same labour rights as Chilean workers, the employment contract, what each "
                "migration permit allows and how the OMIL helps you find a job."
            ),
            "cuerpo": _md(
                """
                ## Your rights

                In Chile, foreign workers have the same labour rights as Chilean workers.
                Your employer must:

                - Sign a written contract with you within 15 days of your first day at work.
                  If the contract lasts less than 30 days or is for a specific job, the limit is 5 days.
                - Pay you at least the monthly minimum wage set by law.
                - Pay your pension (AFP), health and unemployment insurance contributions.
                - Respect the legal maximum working hours, your rest and your holidays.
                - Give you your payslip (liquidación de sueldo) every month.

                Even if you worked without a permit, you must be paid for the work you did.

                No one may take your passport or your cédula. That is illegal.

                ## What does your permit allow?

                - **Temporary or permanent residence**: you can work.
                - **Asylum seeker with temporary residence**: you can work.
                - **Permanencia transitoria (tourist)**: you cannot work,
                  unless SERMIG gives you a special authorisation.
                - **Residence application in process**: ask the office whether you can request
                  an authorisation to work while you wait.

                If your cédula has expired and you have a residence application in process,
                the cédula remains valid (see the guide on migration status).

                ## The OMIL

                The OMIL (Municipal Labour Intermediation Office) of the Municipalidad de Valparaíso
                is free. It helps you to:

                - Prepare your CV.
                - Look for job offers and apply.
                - Register in the Bolsa Nacional de Empleo (national job board).
                - Find training courses.

                For a formal job you will usually need a cédula or a RUN.
                If you do not have one yet, the OMIL and the office will still advise you.
                The office can refer you to the OMIL.

                ## If you have a problem

                - Keep your contracts, payslips, messages and photos of your schedules.
                - You can complain for free at the Labour Inspectorate (Dirección del Trabajo).
                - If you were offered a job with lies, your documents were taken
                  or you are not allowed to leave, call 133. It may be human trafficking.
                """
            ),
        },
    },
}


# ---------------------------------------------------------------------------
# 6. Vivienda
# ---------------------------------------------------------------------------

_VIVIENDA = {
    "clave": "vivienda",
    "tema": "vivienda",
    "orden": 60,
    "textos": {
        "es": {
            "titulo": "Vivienda: arrendar con seguridad y subsidios del SERVIU",
            "resumen": (
                "Consejos para arrendar sin abusos, qué puede y qué no puede hacer el dueño, y los "
                "requisitos generales para postular a un subsidio habitacional."
            ),
            "cuerpo": _md(
                """
                ## Antes de arrendar

                - Visite la vivienda antes de pagar.
                  No pague solo por fotos o por un anuncio en redes sociales.
                - Pida ver la cédula del dueño y un certificado de dominio vigente,
                  que muestra quién es el dueño.
                - Revise el estado de la vivienda: agua, luz, gas, enchufes, humedad,
                  ventanas y salidas en caso de emergencia.

                ## El contrato

                - Pida un contrato de arriendo escrito. Léalo antes de firmar.
                  Si no lo entiende, pida ayuda.
                - El contrato debe indicar el precio, la garantía, la duración
                  y quién paga las cuentas.
                - El primer día, haga un inventario con fotos.
                - Pida un recibo por cada pago, o pague por transferencia.
                - La garantía se devuelve al final. Solo pueden descontar daños
                  o deudas que se puedan demostrar.

                ## Lo que el dueño no puede hacer

                - Cambiar la chapa, sacar sus cosas o cortar el agua o la luz para echarle.
                - Entrar a su casa sin su permiso.
                - Negarse a arrendarle por su nacionalidad o por su color de piel.

                Solo un tribunal puede ordenar un desalojo.
                Si usted deja de pagar, el dueño puede ir a juicio, y hoy esos juicios son rápidos.
                Si tiene problemas para pagar, converse a tiempo y pida orientación.

                ## No compre ni arriende en una toma

                Los terrenos en tomas no tienen título de propiedad.
                Puede perder su dinero y su vivienda.
                Además, muchos están en zonas con riesgo de incendio o de derrumbe.

                ## Subsidios del SERVIU

                El Estado ayuda a comprar, construir o arrendar una vivienda
                con subsidios del SERVIU (Ministerio de Vivienda y Urbanismo).
                Los requisitos cambian según el subsidio y el llamado.
                En general se pide:

                - Estar en el Registro Social de Hogares, en el tramo que exige el subsidio.
                - Tener cédula de identidad chilena para extranjeros.
                  Muchos subsidios piden residencia definitiva.
                - Tener una cuenta de ahorro para la vivienda, con un ahorro mínimo.
                - Postular dentro de las fechas de cada llamado.

                Postular es gratis.
                Nadie puede "asegurarle" un subsidio a cambio de dinero.
                Si un comité de vivienda le cobra cuotas, pida recibos y consulte en la oficina.
                """
            ),
        },
        "ht": {
            "titulo": "Lojman: lwe kay san danje ak sibvansyon SERVIU",
            "resumen": (
                "Konsèy pou w lwe kay san moun pa abize w, sa mèt kay la ka fè ak sa li pa ka fè, "
                "ak kondisyon jeneral pou w aplike pou yon sibvansyon lojman."
            ),
            "cuerpo": _md(
                """
                ## Anvan w lwe

                - Al wè kay la anvan w peye.
                  Pa peye paske w wè kèk foto oswa yon anons sou rezo sosyal.
                - Mande wè kat idantite mèt kay la ak yon sètifika pwopriyete
                  (certificado de dominio vigente), ki montre kiyès ki mèt kay la.
                - Tcheke eta kay la: dlo, kouran, gaz, priz, imidite,
                  fenèt ak kote pou w soti si gen ijans.

                ## Kontra a

                - Mande yon kontra lwaye ekri. Li l anvan w siyen.
                  Si w pa konprann li, mande èd.
                - Kontra a dwe di pri a, garanti a, konbyen tan l ap dire
                  ak kiyès ki peye fakti yo.
                - Premye jou a, fè yon lis tout sa ki nan kay la, ak foto.
                - Mande yon resi pou chak peman, oswa peye pa transfè.
                - Yo dwe remèt ou garanti a lè w ap kite kay la. Yo ka retire ladan l
                  sèlman dega oswa dèt yo ka pwouve.

                ## Sa mèt kay la pa ka fè

                - Chanje seri pòt la, mete afè w deyò oswa koupe dlo oswa kouran pou fòse w ale.
                - Antre lakay ou san pèmisyon w.
                - Refize lwe w kay paske w etranje oswa poutèt koulè po w.

                Se sèlman yon tribinal ki ka bay lòd pou yo mete w deyò.
                Si w pa peye, mèt kay la ka al nan tribinal, e kounye a pwosè sa yo ale vit.
                Si w gen difikilte pou w peye, pale avè l bonè epi mande konsèy.

                ## Pa achte ni lwe nan yon toma

                Tè nan yon toma (tè moun okipe san otorizasyon) pa gen tit pwopriyete.
                Ou ka pèdi lajan w ak kay ou.
                Anplis, anpil ladan yo nan zòn ki gen risk dife oswa glisman tè.

                ## Sibvansyon SERVIU

                Leta ede moun achte, bati oswa lwe kay ak sibvansyon SERVIU
                (Ministè Lojman ak Irbanis).
                Kondisyon yo chanje selon sibvansyon an ak apèl la.
                Anjeneral yo mande:

                - Pou w nan Registro Social de Hogares, nan tranch sibvansyon an mande a.
                - Pou w gen kat idantite chilyen pou etranje.
                  Anpil sibvansyon mande rezidans definitif.
                - Pou w gen yon kont epay pou lojman, ak yon minimòm lajan sere ladan l.
                - Pou w aplike nan dat chak apèl.

                Aplike gratis.
                Pèsonn pa ka "garanti" w yon sibvansyon pou lajan.
                Si yon komite lojman mande w kotizasyon, mande resi epi poze biwo a kesyon.
                """
            ),
        },
        "en": {
            "titulo": "Housing: renting safely and SERVIU subsidies",
            "resumen": (
                "Tips to rent without abuse, what a landlord can and cannot do, and the general "
                "requirements to apply for a housing subsidy."
            ),
            "cuerpo": _md(
                """
                ## Before you rent

                - Visit the home before you pay.
                  Do not pay just because of photos or an advert on social media.
                - Ask to see the owner's ID card and a current ownership certificate
                  (certificado de dominio vigente), which shows who the owner is.
                - Check the condition of the home: water, electricity, gas, sockets, damp,
                  windows and emergency exits.

                ## The contract

                - Ask for a written rental contract. Read it before you sign.
                  If you do not understand it, ask for help.
                - The contract must state the rent, the deposit, how long it lasts
                  and who pays the bills.
                - On the first day, make an inventory with photos.
                - Ask for a receipt for every payment, or pay by bank transfer.
                - The deposit is returned at the end. Only damage or debts
                  that can be proven may be deducted.

                ## What the landlord cannot do

                - Change the lock, remove your belongings or cut off water or electricity
                  to force you out.
                - Enter your home without your permission.
                - Refuse to rent to you because of your nationality or the colour of your skin.

                Only a court can order an eviction.
                If you stop paying, the landlord can go to court, and these cases are now fast.
                If you have trouble paying, talk early and ask for advice.

                ## Do not buy or rent in a "toma"

                Land in a toma (an informal settlement on occupied land) has no property title.
                You can lose your money and your home.
                Many tomas are also in areas at risk of fire or landslides.

                ## SERVIU subsidies

                The State helps people buy, build or rent a home
                with subsidies from SERVIU (Ministry of Housing and Urban Planning).
                Requirements change with each subsidy and each call for applications.
                In general, you need:

                - To be in the Registro Social de Hogares, in the bracket the subsidy requires.
                - To hold a Chilean identity card for foreigners.
                  Many subsidies require permanent residence.
                - A housing savings account, with a minimum amount saved.
                - To apply within the dates of each call.

                Applying is free.
                No one can "guarantee" you a subsidy in exchange for money.
                If a housing committee charges you fees, ask for receipts and check with the office.
                """
            ),
        },
    },
}


# ---------------------------------------------------------------------------
# 7. Registro Social de Hogares
# ---------------------------------------------------------------------------

_RSH = {
    "clave": "registro-social-hogares",
    "tema": "rsh",
    "orden": 70,
    "textos": {
        "es": {
            "titulo": "Registro Social de Hogares: qué es y cómo postular",
            "resumen": (
                "El Registro Social de Hogares es la puerta de entrada a muchos beneficios del Estado. "
                "Qué necesita y cómo hacerlo en la Municipalidad de Valparaíso."
            ),
            "cuerpo": _md(
                """
                ## ¿Qué es?

                El Registro Social de Hogares (RSH) es una base de datos del Estado.
                Reúne información de su hogar: quiénes viven con usted, sus ingresos y otros datos.
                Con esa información, el Estado le asigna una calificación socioeconómica por tramos
                (40 %, 50 %, 60 % y así hasta 100 %).

                Muchos beneficios usan ese tramo para decidir quién puede recibirlos.

                ## ¿Qué le abre?

                Con el RSH puede postular, según su tramo y los requisitos de cada uno, a:

                - Subsidios familiares y bonos del Estado.
                - Subsidios de vivienda del SERVIU.
                - Becas y beneficios de educación.
                - Subsidios para el agua potable y otros servicios.
                - Programas sociales de la municipalidad.

                Estar en el RSH no entrega beneficios de forma automática.
                Cada beneficio tiene sus propios requisitos.

                ## ¿Quién puede pedirlo?

                - Una persona mayor de 18 años, en nombre de su hogar.
                - Para entrar al RSH, las personas necesitan RUN.
                  Si todavía no tiene RUN, pida orientación:
                  la oficina puede ayudarle con otros apoyos mientras tanto.

                ## ¿Cómo se hace?

                - **En línea**, con ClaveÚnica, en
                  [registrosocial.gob.cl](https://www.registrosocial.gob.cl).
                - **En la Municipalidad de Valparaíso**, en la oficina del Registro Social de Hogares.
                  La Oficina Comunal de Migrantes puede orientarle y derivarle.

                Le pueden pedir:

                - La cédula de todas las personas del hogar.
                - Un documento con su dirección, por ejemplo una cuenta o un contrato de arriendo.

                La municipalidad puede visitar su domicilio para confirmar los datos.

                ## Importante

                - El trámite es gratis. No pague a nadie por hacerlo.
                - Declare la verdad. Si entrega datos falsos, puede perder beneficios.
                - Actualice su registro cuando algo cambie: si nace un hijo o hija,
                  si alguien se va de la casa, si cambia de dirección o de trabajo.
                - Si cree que su calificación no refleja su situación, puede pedir que la revisen.
                """
            ),
        },
        "ht": {
            "titulo": "Registro Social de Hogares: kisa li ye ak kijan pou w enskri",
            "resumen": (
                "Registro Social de Hogares (RSH) se pòt ki louvri anpil benefis Leta. "
                "Sa w bezwen ak kijan pou w fè l nan Minisipalite Valparaíso."
            ),
            "cuerpo": _md(
                """
                ## Kisa li ye?

                Registro Social de Hogares (RSH) se yon baz done Leta.
                Li gen enfòmasyon sou fwaye w: kiyès ki rete avè w, konbyen lajan nou fè
                ak lòt enfòmasyon.
                Avèk enfòmasyon sa yo, Leta ba w yon klasman sosyoekonomik pa tranch
                (40 %, 50 %, 60 %, konsa rive 100 %).

                Anpil benefis sèvi ak tranch sa a pou deside kiyès ki ka resevwa yo.

                ## Kisa li louvri pou ou?

                Avèk RSH, ou ka aplike, dapre tranch ou ak kondisyon chak benefis, pou:

                - Sibvansyon fanmi ak bonis Leta.
                - Sibvansyon lojman SERVIU.
                - Bous detid ak benefis pou edikasyon.
                - Sibvansyon pou dlo potab ak lòt sèvis.
                - Pwogram sosyal minisipalite a.

                Lè w nan RSH, sa pa ba w benefis otomatikman.
                Chak benefis gen pwòp kondisyon pa l.

                ## Kiyès ki ka fè demann nan?

                - Yon moun ki gen plis pase 18 an, nan non tout fwaye a.
                - Pou antre nan RSH, moun yo bezwen RUN.
                  Si w poko gen RUN, mande konsèy:
                  biwo a ka ede w jwenn lòt sipò pandan w ap tann.

                ## Kijan pou w fè l?

                - **Sou entènèt**, ak ClaveÚnica, nan
                  [registrosocial.gob.cl](https://www.registrosocial.gob.cl).
                - **Nan Minisipalite Valparaíso**, nan biwo Registro Social de Hogares la.
                  Biwo Komin pou Migran yo ka oryante w epi voye w la.

                Yo ka mande w:

                - Kat idantite tout moun ki nan fwaye a.
                - Yon papye ki montre adrès ou, tankou yon fakti oswa yon kontra lwaye.

                Minisipalite a ka vin vizite lakay ou pou verifye enfòmasyon yo.

                ## Sa ki enpòtan

                - Demach la gratis. Pa peye pèsonn pou sa.
                - Di laverite. Si w bay fo enfòmasyon, ou ka pèdi benefis yo.
                - Mete dosye w ajou chak fwa gen yon chanjman: yon pitit fèt,
                  yon moun kite kay la, ou chanje adrès oswa travay.
                - Si w panse klasman w lan pa montre reyalite w, ou ka mande pou yo revize l.
                """
            ),
        },
        "en": {
            "titulo": "Registro Social de Hogares: what it is and how to apply",
            "resumen": (
                "The Registro Social de Hogares (Social Household Registry) is the gateway to many "
                "State benefits. What you need and how to apply at the Municipalidad de Valparaíso."
            ),
            "cuerpo": _md(
                """
                ## What is it?

                The Registro Social de Hogares (RSH) is a State database.
                It holds information about your household: who lives with you, your income
                and other data.
                With this information, the State gives your household a socioeconomic rating
                in brackets (40 %, 50 %, 60 % and so on up to 100 %).

                Many benefits use that bracket to decide who can receive them.

                ## What does it open for you?

                With the RSH you can apply, depending on your bracket and each benefit's requirements, for:

                - Family allowances and State bonuses.
                - SERVIU housing subsidies.
                - Scholarships and education benefits.
                - Subsidies for drinking water and other services.
                - Social programmes of the municipality.

                Being in the RSH does not give you benefits automatically.
                Each benefit has its own requirements.

                ## Who can apply?

                - A person over 18, on behalf of their household.
                - To enter the RSH, people need a RUN.
                  If you do not have a RUN yet, ask for advice:
                  the office can help you with other support in the meantime.

                ## How do you apply?

                - **Online**, with ClaveÚnica, at
                  [registrosocial.gob.cl](https://www.registrosocial.gob.cl).
                - **At the Municipalidad de Valparaíso**, at the Registro Social de Hogares office.
                  The Oficina Comunal de Migrantes can advise you and refer you there.

                You may be asked for:

                - The cédula of every person in the household.
                - A document with your address, for example a bill or a rental contract.

                The municipality may visit your home to confirm the information.

                ## Important

                - The procedure is free. Do not pay anyone to do it.
                - Tell the truth. If you give false information, you may lose benefits.
                - Update your registration when something changes: a child is born,
                  someone leaves the home, you change address or job.
                - If you think your rating does not reflect your situation, you can ask for a review.
                """
            ),
        },
    },
}


# ---------------------------------------------------------------------------
# 8. Derechos y no discriminación
# ---------------------------------------------------------------------------

_DISCRIMINACION = {
    "clave": "derechos-no-discriminacion",
    "tema": "discriminacion",
    "orden": 80,
    "textos": {
        "es": {
            "titulo": "Igualdad de derechos y no discriminación",
            "resumen": (
                "En Chile nadie puede discriminarle por su nacionalidad, su color de piel o su idioma. "
                "Qué dice la ley y dónde reclamar."
            ),
            "cuerpo": _md(
                """
                ## Usted tiene los mismos derechos

                La Constitución y la Ley 21.325 reconocen la igualdad de derechos
                de las personas extranjeras.
                Tiene derecho a un trato digno en los servicios públicos, en el trabajo,
                en la escuela y en la calle.

                ## La Ley 20.609 (Ley Zamudio)

                Esta ley prohíbe la discriminación arbitraria.
                Es decir, tratar peor a una persona sin una razón justa, por ejemplo por su:

                - Nacionalidad, raza o etnia.
                - Idioma o religión.
                - Situación económica.
                - Sexo, orientación sexual o identidad de género.
                - Discapacidad, edad o apariencia.

                Si sufre discriminación, puede presentar una acción de no discriminación
                arbitraria ante un juzgado.
                El plazo es de 90 días desde el hecho, o desde que se enteró,
                y nunca más de un año.

                ## ¿Dónde reclamar?

                - **En un servicio público o de salud**: en la OIRS o en el libro de reclamos del lugar.
                - **En el trabajo**: en la Inspección del Trabajo.
                - **En la escuela**: en la Superintendencia de Educación.
                - **En una tienda o empresa**: en el SERNAC.
                - **Si hubo amenazas, golpes o insultos graves**: haga una denuncia
                  en Carabineros (133), en la PDI o en la Fiscalía.
                - **En la municipalidad**: en la Oficina Comunal de Migrantes.

                Para asesoría legal gratuita existen la Corporación de Asistencia Judicial (CAJ)
                y las clínicas jurídicas de las universidades.
                El Instituto Nacional de Derechos Humanos (INDH) también recibe denuncias.

                ## Cómo prepararse

                - Anote la fecha, la hora, el lugar y lo que pasó.
                - Guarde mensajes, fotos, videos o documentos.
                - Pida el nombre de las personas que estaban presentes.
                - No firme nada que no entienda.

                Reclamar es su derecho. La oficina puede acompañarle.
                """
            ),
        },
        "ht": {
            "titulo": "Menm dwa pou tout moun: non a diskriminasyon",
            "resumen": (
                "Nan Chili, pèsonn pa gen dwa fè diskriminasyon kont ou poutèt nasyonalite w, koulè po w "
                "oswa lang ou. Sa lalwa di ak kote pou w fè plent."
            ),
            "cuerpo": _md(
                """
                ## Ou gen menm dwa ak tout moun

                Konstitisyon an ak Lwa 21.325 rekonèt etranje yo gen menm dwa ak chilyen yo.
                Ou gen dwa pou yo trete w ak respè nan sèvis piblik, nan travay,
                nan lekòl ak nan lari.

                ## Lwa 20.609 (Lwa Zamudio)

                Lwa sa a entèdi diskriminasyon abitrè.
                Sa vle di trete yon moun pi mal san yon bon rezon, pa egzanp poutèt:

                - Nasyonalite l, ras li oswa etni l.
                - Lang li oswa relijyon l.
                - Sitiyasyon ekonomik li.
                - Sèks li, oryantasyon seksyèl li oswa idantite jan li.
                - Andikap li, laj li oswa aparans li.

                Si yo fè diskriminasyon kont ou, ou ka depoze yon aksyon kont diskriminasyon
                (acción de no discriminación arbitraria) devan yon tribinal.
                Ou gen 90 jou depi sa rive, oswa depi w vin konnen sa,
                men pa janm plis pase yon ane.

                ## Kote pou w fè plent?

                - **Nan yon sèvis piblik oswa yon sant sante**: nan OIRS la oswa nan liv plent la.
                - **Nan travay**: nan Enspeksyon Travay (Inspección del Trabajo).
                - **Nan lekòl**: nan Superintendencia de Educación.
                - **Nan yon magazen oswa yon konpayi**: nan SERNAC.
                - **Si te gen menas, kou oswa gwo jouman**: fè yon denonsyasyon
                  nan Carabineros (133), nan PDI oswa nan Fiskali (Fiscalía).
                - **Nan minisipalite a**: nan Biwo Komin pou Migran yo.

                Pou konsèy legal gratis, gen Corporación de Asistencia Judicial (CAJ)
                ak klinik jiridik inivèsite yo.
                Enstiti Nasyonal Dwa Moun (INDH) resevwa plent tou.

                ## Kijan pou w prepare w

                - Ekri dat la, lè a, kote a ak sa ki te pase.
                - Kenbe mesaj, foto, videyo oswa dokiman.
                - Mande non moun ki te la yo.
                - Pa siyen anyen ou pa konprann.

                Fè plent se dwa w. Biwo a ka akonpaye w.
                """
            ),
        },
        "en": {
            "titulo": "Equal rights and non-discrimination",
            "resumen": (
                "In Chile no one may discriminate against you because of your nationality, the colour "
                "of your skin or your language. What the law says and where to complain."
            ),
            "cuerpo": _md(
                """
                ## You have the same rights

                The Constitution and Ley 21.325 recognise equal rights
                for foreign nationals.
                You have the right to be treated with dignity in public services, at work,
                at school and in the street.

                ## Ley 20.609 (Ley Zamudio)

                This law forbids arbitrary discrimination.
                That means treating a person worse without a fair reason, for example because of their:

                - Nationality, race or ethnic origin.
                - Language or religion.
                - Economic situation.
                - Sex, sexual orientation or gender identity.
                - Disability, age or appearance.

                If you suffer discrimination, you can file an action for arbitrary
                discrimination (acción de no discriminación arbitraria) before a court.
                The deadline is 90 days from the event, or from when you learned of it,
                and never more than one year.

                ## Where to complain

                - **In a public or health service**: at the OIRS desk or in the complaints book.
                - **At work**: at the Labour Inspectorate (Inspección del Trabajo).
                - **At school**: at the Superintendencia de Educación.
                - **In a shop or company**: at SERNAC (consumer protection).
                - **If there were threats, blows or serious insults**: report it
                  to Carabineros (133), the PDI or the Public Prosecutor (Fiscalía).
                - **At the municipality**: at the Oficina Comunal de Migrantes.

                Free legal advice is available from the Corporación de Asistencia Judicial (CAJ)
                and university legal clinics.
                The National Human Rights Institute (INDH) also receives complaints.

                ## How to prepare

                - Write down the date, time, place and what happened.
                - Keep messages, photos, videos or documents.
                - Ask for the names of the people who were present.
                - Do not sign anything you do not understand.

                Complaining is your right. The office can go with you.
                """
            ),
        },
    },
}


# ---------------------------------------------------------------------------
# 9. Emergencias
# ---------------------------------------------------------------------------

_EMERGENCIAS = {
    "clave": "emergencias",
    "tema": "emergencia",
    "orden": 90,
    "textos": {
        "es": {
            "titulo": "Emergencias: dónde pedir ayuda ahora",
            "resumen": (
                "Números de emergencia gratuitos en Chile, qué hacer en caso de violencia, cómo proteger "
                "a un niño o niña en riesgo y qué hacer ante un sismo o un incendio."
            ),
            "cuerpo": _md(
                """
                ## Números de emergencia

                Estos números son gratuitos:

                - **131**: ambulancia (SAMU).
                - **132**: Bomberos.
                - **133**: Carabineros (policía).
                - **134**: PDI (Policía de Investigaciones).
                - **1455**: orientación en violencia contra la mujer (SernamEG), las 24 horas.
                - **149**: Fono Familia de Carabineros.
                - **147**: Fono Niños de Carabineros.
                - **600 360 7777**: Salud Responde, orientación de salud las 24 horas.
                - **\\*4141**: apoyo en crisis de salud mental y prevención del suicidio.

                Diga dónde está, qué pasa y si hay personas heridas. Hable despacio.
                Si no habla bien español, diga su idioma (por ejemplo, "kreyòl")
                y pida ayuda a alguien cercano.

                ## Violencia contra usted o su familia

                Si está en peligro ahora, llame al 133.
                La violencia intrafamiliar y la violencia contra las mujeres son delitos en Chile,
                también dentro de la pareja.

                - Puede denunciar en Carabineros, en la PDI o en la Fiscalía, aunque no tenga documentos.
                - En el 1455 le orientan de forma confidencial.
                - Las víctimas de violencia de género, de violencia intrafamiliar o de trata de personas
                  pueden pedir un permiso de residencia especial. Pregunte en la oficina.

                ## Niños, niñas y adolescentes en riesgo

                Si un niño o niña sufre violencia, abandono o abuso:

                - Si hay peligro inmediato, llame al 133 o al 147.
                - La **Oficina Local de la Niñez (OLN)** de la Municipalidad de Valparaíso
                  protege a niños, niñas y adolescentes y apoya a sus familias.
                  Puede ir directamente o pedir a la oficina que le derive.
                - También puede acudir al Tribunal de Familia.

                ## Sismos, tsunamis e incendios

                - Si hay un sismo tan fuerte que le cuesta mantenerse en pie y está cerca del mar,
                  evacúe a pie hacia la zona segura, sobre la cota 30.
                - En verano hay riesgo de incendios en los cerros.
                  Tenga un bolso listo con documentos, agua y remedios.
                - Siga las instrucciones de las autoridades y de SENAPRED.

                ## Ayuda social urgente

                Si no tiene dónde dormir o qué comer, acérquese a la oficina.
                La dirección, el horario y el teléfono están en la página de inicio.
                """
            ),
        },
        "ht": {
            "titulo": "Ijans: kote pou w jwenn èd kounye a",
            "resumen": (
                "Nimewo ijans gratis nan Chili, sa pou w fè si gen vyolans, kijan pou w pwoteje yon timoun "
                "ki an danje, ak sa pou w fè si gen tranbleman tè oswa dife."
            ),
            "cuerpo": _md(
                """
                ## Nimewo ijans

                Nimewo sa yo gratis:

                - **131**: anbilans (SAMU).
                - **132**: ponpye.
                - **133**: Carabineros (lapolis).
                - **134**: PDI (Lapolis Envestigasyon).
                - **1455**: konsèy sou vyolans kont fanm (SernamEG), 24 è sou 24.
                - **149**: Fono Familia Carabineros.
                - **147**: Fono Niños Carabineros, pou timoun.
                - **600 360 7777**: Salud Responde, konsèy sou sante 24 è sou 24.
                - **\\*4141**: èd si w nan kriz, si w santi w pa ka ankò
                  oswa si w gen lide pou w touye tèt ou.

                Di ki kote w ye, sa k ap pase ak si gen moun ki blese. Pale dousman.
                Si w pa pale panyòl byen, di ki lang ou pale ("kreyòl")
                epi mande yon moun ki bò kote w ede w.

                ## Vyolans kont ou oswa fanmi w

                Si w an danje kounye a, rele 133.
                Vyolans nan fanmi ak vyolans kont fanm se krim nan Chili,
                menm lè se mari w, madanm ou oswa menaj ou ki fè l.

                - Ou ka fè denonsyasyon nan Carabineros, nan PDI oswa nan Fiskali, menm si w pa gen papye.
                - Nan 1455, y ap ba w konsèy an sekrè.
                - Moun ki viktim vyolans kont fanm, vyolans nan fanmi oswa trafik moun
                  ka mande yon pèmi rezidans espesyal. Mande nan biwo a.

                ## Timoun ki an danje

                Si yon timoun ap sibi vyolans, abandon oswa abi:

                - Si gen danje kounye a menm, rele 133 oswa 147.
                - **Oficina Local de la Niñez (OLN)** nan Minisipalite Valparaíso
                  pwoteje timoun ak adolesan epi li sipòte fanmi yo.
                  Ou ka ale la dirèkteman oswa mande biwo a voye w.
                - Ou ka ale tou nan Tribinal Fanmi (Tribunal de Familia).

                ## Tranbleman tè, sounami ak dife

                - Si tè a tranble tèlman fò ou pa ka kanpe, epi w toupre lanmè,
                  monte a pye nan zòn sekirite a, pi wo pase kòt 30 (cota 30).
                - Nan sezon ete, gen risk dife nan mòn yo.
                  Prepare yon sak ak papye w, dlo ak medikaman.
                - Swiv enstriksyon otorite yo ak SENAPRED.

                ## Èd sosyal ijan

                Si w pa gen kote pou w dòmi oswa w pa gen manje, vin nan biwo a.
                Adrès la, lè biwo a louvri ak nimewo telefòn nan sou paj akèy la.
                """
            ),
        },
        "en": {
            "titulo": "Emergencies: where to get help now",
            "resumen": (
                "Free emergency numbers in Chile, what to do about violence, how to protect a child at "
                "risk and what to do in an earthquake or a fire."
            ),
            "cuerpo": _md(
                """
                ## Emergency numbers

                These numbers are free:

                - **131**: ambulance (SAMU).
                - **132**: firefighters (Bomberos).
                - **133**: Carabineros (police).
                - **134**: PDI (Investigations Police).
                - **1455**: advice on violence against women (SernamEG), 24 hours a day.
                - **149**: Fono Familia, Carabineros family line.
                - **147**: Fono Niños, Carabineros children's line.
                - **600 360 7777**: Salud Responde, health advice 24 hours a day.
                - **\\*4141**: support in a mental health crisis and suicide prevention.

                Say where you are, what is happening and whether anyone is hurt. Speak slowly.
                If you do not speak Spanish well, say your language (for example, "kreyòl")
                and ask someone nearby for help.

                ## Violence against you or your family

                If you are in danger now, call 133.
                Domestic violence and violence against women are crimes in Chile,
                also between partners.

                - You can report it to Carabineros, the PDI or the Fiscalía, even without documents.
                - At 1455 you get confidential advice.
                - Victims of gender-based violence, domestic violence or human trafficking
                  can apply for a special residence permit. Ask at the office.

                ## Children and adolescents at risk

                If a child suffers violence, neglect or abuse:

                - If there is immediate danger, call 133 or 147.
                - The **Oficina Local de la Niñez (OLN)**, the local children's office of the
                  Municipalidad de Valparaíso, protects children and adolescents and supports their families.
                  You can go directly or ask the office to refer you.
                - You can also go to the Family Court (Tribunal de Familia).

                ## Earthquakes, tsunamis and fires

                - If an earthquake is so strong that it is hard to stay standing and you are near the sea,
                  evacuate on foot to the safe zone, above the "cota 30" line (30 metres above sea level).
                - In summer there is a risk of fires in the hills.
                  Keep a bag ready with documents, water and medicines.
                - Follow the instructions of the authorities and of SENAPRED.

                ## Urgent social help

                If you have nowhere to sleep or nothing to eat, come to the office.
                The address, opening hours and phone number are on the home page.
                """
            ),
        },
    },
}


# ---------------------------------------------------------------------------
# 10. Clases de español y cultura
# ---------------------------------------------------------------------------

_CULTURA = {
    "clave": "clases-espanol-cultura",
    "tema": "cultura",
    "orden": 100,
    "textos": {
        "es": {
            "titulo": "Clases de español y actividades culturales",
            "resumen": (
                "Clases de español gratuitas, talleres y encuentros culturales de la Oficina Comunal "
                "de Migrantes. Revise el calendario de actividades."
            ),
            "cuerpo": _md(
                """
                ## Clases de español

                La oficina organiza clases de español a través de sus programas.
                Son gratuitas y abiertas a todas las personas, con o sin documentos.

                En las clases se practica el español del día a día:
                en el consultorio, en la escuela de sus hijos, en el trabajo,
                en el transporte y en los trámites.
                Los niveles, horarios y lugares de cada curso están en el calendario de actividades.
                Si necesita apoyo en su idioma, avísenos al inscribirse.

                ## Actividades culturales

                Además de las clases, hay talleres, encuentros, ferias y celebraciones.
                Sirven para conocer a otras personas, compartir su cultura
                y conocer la cultura de Chile y de Valparaíso.
                Son espacios para toda la familia.

                Las fechas, horarios y lugares están en el **calendario de actividades** de este portal.
                Para inscribirse, venga a la oficina o comuníquese por los canales
                que aparecen en la página de inicio.

                ## Terminar sus estudios

                Si es una persona adulta y quiere terminar la enseñanza básica o media,
                puede hacerlo en la educación para personas jóvenes y adultas (EPJA)
                o con exámenes libres del Ministerio de Educación.
                Pregunte en la oficina.

                ## Algunas palabras del español de Chile

                - **Al tiro**: ahora mismo.
                - **¿Cachai?**: ¿entiendes?
                - **Pololo / polola**: novio / novia.
                - **Luca**: mil pesos.
                - **Micro**: bus.
                - **Colectivo**: taxi con recorrido fijo que comparte pasajeros.
                - **Carrete**: fiesta.
                - **Consultorio**: centro de salud (CESFAM).
                - **Liquidación**: el detalle de su sueldo.

                ## Fechas importantes

                - **18 de septiembre**: Fiestas Patrias, las fiestas nacionales de Chile.
                - **18 de diciembre**: Día Internacional del Migrante.
                """
            ),
        },
        "ht": {
            "titulo": "Klas panyòl ak aktivite kiltirèl",
            "resumen": (
                "Klas panyòl gratis, atelye ak rankont kiltirèl Biwo Komin pou Migran yo. "
                "Gade kalandriye aktivite yo."
            ),
            "cuerpo": _md(
                """
                ## Klas panyòl

                Biwo a òganize klas panyòl nan pwogram li yo.
                Yo gratis epi yo louvri pou tout moun, avèk oswa san papye.

                Nan klas yo, ou aprann panyòl ou bezwen chak jou:
                nan sant sante, nan lekòl pitit ou, nan travay,
                nan transpò ak lè w ap fè demach.
                Nivo, lè ak kote chak kou fèt yo nan kalandriye aktivite yo.
                Si w bezwen èd nan lang pa w, di nou sa lè w ap enskri.

                ## Aktivite kiltirèl

                Anplis klas yo, gen atelye, rankont, fwa ak fèt.
                Se okazyon pou w fè konesans ak lòt moun, pou w pataje kilti w
                epi pou w dekouvri kilti Chili ak Valparaíso.
                Tout fanmi an ka vini.

                Dat, lè ak kote yo nan **kalandriye aktivite** sit sa a.
                Pou w enskri, vin nan biwo a oswa kontakte nou
                ak mwayen ki sou paj akèy la.

                ## Fini etid ou

                Si w se granmoun epi w vle fini lekòl primè oswa segondè,
                ou ka fè l nan edikasyon pou jèn ak granmoun (EPJA)
                oswa ak egzamen lib Ministè Edikasyon an.
                Mande nan biwo a.

                ## Kèk mo panyòl Chili

                - **Al tiro**: touswit.
                - **¿Cachai?**: ou konprann?
                - **Pololo / polola**: menaj ou, moun w ap renmen an.
                - **Luca**: mil peso.
                - **Micro**: bis.
                - **Colectivo**: taksi ki fè yon sèl wout epi ki pran plizyè pasaje.
                - **Carrete**: fèt, bamboch.
                - **Consultorio**: sant sante (CESFAM).
                - **Liquidación**: fich pèman, detay salè w.

                ## Dat enpòtan

                - **18 septanm**: Fiestas Patrias, fèt nasyonal Chili.
                - **18 desanm**: Jounen Entènasyonal Migran.
                """
            ),
        },
        "en": {
            "titulo": "Spanish classes and cultural activities",
            "resumen": (
                "Free Spanish classes, workshops and cultural gatherings of the Oficina Comunal de "
                "Migrantes. Check the activities calendar."
            ),
            "cuerpo": _md(
                """
                ## Spanish classes

                The office runs Spanish classes through its programmes.
                They are free and open to everyone, with or without documents.

                In class you practise everyday Spanish:
                at the health centre, at your children's school, at work,
                on public transport and when doing paperwork.
                The levels, times and places of each course are in the activities calendar.
                If you need support in your own language, tell us when you sign up.

                ## Cultural activities

                Besides the classes, there are workshops, gatherings, fairs and celebrations.
                They are a chance to meet other people, share your culture
                and get to know the culture of Chile and Valparaíso.
                The whole family is welcome.

                Dates, times and places are in the **activities calendar** of this portal.
                To sign up, come to the office or contact us through the channels
                shown on the home page.

                ## Finishing your studies

                If you are an adult and want to finish primary or secondary school,
                you can do it in education for young people and adults (EPJA)
                or through the Ministry of Education's free examinations (exámenes libres).
                Ask at the office.

                ## Some words of Chilean Spanish

                - **Al tiro**: right now.
                - **¿Cachai?**: do you get it?
                - **Pololo / polola**: boyfriend / girlfriend.
                - **Luca**: a thousand pesos.
                - **Micro**: bus.
                - **Colectivo**: shared taxi with a fixed route.
                - **Carrete**: party.
                - **Consultorio**: health centre (CESFAM).
                - **Liquidación**: your payslip.

                ## Important dates

                - **18 September**: Fiestas Patrias, Chile's national holidays.
                - **18 December**: International Migrants Day.
                """
            ),
        },
    },
}


GUIAS = [
    _REGULARIZACION,
    _REFUGIO,
    _SALUD,
    _EDUCACION,
    _TRABAJO,
    _VIVIENDA,
    _RSH,
    _DISCRIMINACION,
    _EMERGENCIAS,
    _CULTURA,
]


# ---------------------------------------------------------------------------
# Aviso de privacidad (Ley 21.719)
# ---------------------------------------------------------------------------

PRIVACIDAD = {
    "version": "2026-12",
    "textos": {
        "es": {
            "titulo": "Aviso de privacidad",
            "cuerpo": _md(
                """
                ## Quién es responsable de sus datos

                La Municipalidad de Valparaíso, a través de su Oficina Comunal de Migrantes,
                es responsable de los datos personales que usted nos entrega.
                Este aviso cumple la Ley 21.719 de protección de datos personales,
                vigente desde el 1 de diciembre de 2026.

                ## Qué datos guardamos

                - Identidad: nombre, documento (si lo tiene) y fecha de nacimiento.
                - Contacto: teléfono, correo y dirección.
                - Nacionalidad y situación migratoria.
                - Sus necesidades y situaciones de vulnerabilidad que usted nos cuente,
                  por ejemplo de salud, vivienda o violencia.
                - Las atenciones que le damos y las derivaciones que hacemos.

                Algunos de estos datos son sensibles, como los de salud. Los protegemos con más cuidado.
                Usted decide qué nos cuenta. Si prefiere no dar un dato, igual le atendemos.

                ## Para qué los usamos

                - Para atenderle, orientarle y derivarle a otros servicios.
                - Para hacer seguimiento de su caso.
                - Para hacer estadísticas anónimas del Sello Migrante.
                  En ellas nadie puede ser identificado, y nunca publicamos cifras tan pequeñas
                  que permitan reconocer a una persona.

                No usamos sus datos para otros fines.

                ## Base legal

                - Su consentimiento, que queda registrado cuando le inscribimos.
                  Puede retirarlo cuando quiera.
                - Las funciones legales de la municipalidad de apoyo social a la comunidad.

                ## Con quién los compartimos

                Solo con el departamento municipal o la organización a la que le derivamos,
                y solo con su consentimiento.
                Compartimos únicamente los datos necesarios para esa derivación.

                No vendemos ni cedemos sus datos.
                Solo los entregaríamos a otra autoridad si una ley o un tribunal lo exige.

                ## Cuánto tiempo los guardamos

                Mientras le estemos atendiendo.
                Si pasan 5 años sin ninguna actividad en su caso, eliminamos sus datos o los anonimizamos.

                ## Sus derechos

                Usted tiene derecho a:

                - **Acceso**: saber qué datos suyos tenemos.
                - **Rectificación**: corregir datos equivocados o incompletos.
                - **Supresión**: pedir que borremos sus datos.
                - **Oposición**: oponerse a un uso de sus datos.
                - **Portabilidad**: recibir sus datos en un formato que pueda llevar a otro lugar.
                - **Bloqueo**: pedir que dejemos de usar sus datos por un tiempo.

                ## Cómo ejercer sus derechos

                Venga a la oficina o escríbanos.
                La dirección, el horario y los contactos están en la página de inicio.
                Es gratis. Le responderemos dentro de 30 días corridos.

                Si no le respondemos, o no está de acuerdo con la respuesta,
                puede reclamar ante la Agencia de Protección de Datos Personales.
                """
            ),
        },
        "ht": {
            "titulo": "Avi sou vi prive",
            "cuerpo": _md(
                """
                ## Kiyès ki responsab done w yo

                Minisipalite Valparaíso, atravè Biwo Komin pou Migran yo (Oficina Comunal de Migrantes),
                responsab done pèsonèl ou ba nou yo.
                Avi sa a respekte Lwa 21.719 sou pwoteksyon done pèsonèl,
                ki aplike depi 1ye desanm 2026.

                ## Ki done nou kenbe

                - Idantite: non w, dokiman w (si w genyen youn) ak dat nesans ou.
                - Kontak: telefòn, imel ak adrès.
                - Nasyonalite w ak sitiyasyon migratwa w.
                - Bezwen w ak sitiyasyon difisil ou rakonte nou,
                  pa egzanp sou sante, lojman oswa vyolans.
                - Swen nou ba w ak kote nou voye w (derivasyon).

                Gen kèk nan done sa yo ki sansib, tankou done sou sante. Nou pwoteje yo pi plis toujou.
                Se ou ki deside sa w di nou. Si w pa vle bay yon enfòmasyon, n ap resevwa w kanmenm.

                ## Poukisa nou sèvi ak yo

                - Pou nou resevwa w, oryante w epi voye w nan lòt sèvis.
                - Pou nou swiv dosye w.
                - Pou nou fè estatistik anonim pou Sello Migrante.
                  Nan estatistik sa yo, pèsonn pa ka idantifye. Nou pa janm pibliye chif
                  ki tèlman piti yo ta ka fè yon moun rekonèt ou.

                Nou pa sèvi ak done w pou lòt bagay.

                ## Baz legal

                - Konsantman w, ke nou anrejistre lè nou enskri w.
                  Ou ka retire l nenpòt ki lè.
                - Fonksyon legal minisipalite a genyen pou l bay kominote a sipò sosyal.

                ## Ak kiyès nou pataje yo

                Sèlman ak depatman minisipal la oswa òganizasyon nou voye w la,
                e sèlman si w dakò.
                Nou bay sèlman done ki nesesè pou derivasyon sa a.

                Nou pa vann ni bay done w.
                Nou ta bay yon lòt otorite yo sèlman si yon lwa oswa yon tribinal egzije sa.

                ## Konbyen tan nou kenbe yo

                Pandan tout tan n ap okipe w.
                Si 5 an pase san okenn aktivite nan dosye w, nou efase done w yo oswa nou fè yo vin anonim.

                ## Dwa ou

                Ou gen dwa:

                - **Aksè** (acceso): konnen ki done nou genyen sou ou.
                - **Koreksyon** (rectificación): fè korije done ki pa bon oswa ki pa konplè.
                - **Efasman** (supresión): mande nou efase done w.
                - **Opozisyon** (oposición): refize yon fason nou sèvi ak done w.
                - **Pòtabilite** (portabilidad): resevwa done w nan yon fòma ou ka pote yon lòt kote.
                - **Blokaj** (bloqueo): mande nou sispann sèvi ak done w pou yon ti tan.

                ## Kijan pou w sèvi ak dwa ou yo

                Vin nan biwo a oswa ekri nou.
                Adrès la, lè biwo a louvri ak kontak yo sou paj akèy la.
                Sa gratis. N ap reponn ou nan 30 jou kalandriye.

                Si nou pa reponn ou, oswa si w pa dakò ak repons lan,
                ou ka pote plent devan Ajans Pwoteksyon Done Pèsonèl
                (Agencia de Protección de Datos Personales).
                """
            ),
        },
        "en": {
            "titulo": "Privacy notice",
            "cuerpo": _md(
                """
                ## Who is responsible for your data

                The Municipalidad de Valparaíso, through its Oficina Comunal de Migrantes,
                is responsible for the personal data you give us.
                This notice complies with Ley 21.719 on the protection of personal data,
                in force since 1 December 2026.

                ## What data we keep

                - Identity: name, document (if you have one) and date of birth.
                - Contact: phone, email and address.
                - Nationality and migration status.
                - Your needs and situations of vulnerability that you tell us about,
                  for example about health, housing or violence.
                - The attention we give you and the referrals we make.

                Some of this data is sensitive, such as health data. We protect it with extra care.
                You decide what you tell us.
                If you prefer not to give some information, we will still help you.

                ## Why we use it

                - To attend you, advise you and refer you to other services.
                - To follow up your case.
                - To produce anonymous statistics for the Sello Migrante.
                  No one can be identified in them, and we never publish numbers so small
                  that a person could be recognised.

                We do not use your data for any other purpose.

                ## Legal basis

                - Your consent, which is recorded when we register you.
                  You can withdraw it at any time.
                - The municipality's legal functions of social support to the community.

                ## Who we share it with

                Only with the municipal department or the organisation we refer you to,
                and only with your consent.
                We share only the data needed for that referral.

                We do not sell or give away your data.
                We would only hand it to another authority if a law or a court requires it.

                ## How long we keep it

                While we are attending you.
                After 5 years with no activity in your case, we delete your data or anonymise it.

                ## Your rights

                You have the right to:

                - **Access**: know what data about you we hold.
                - **Rectification**: correct wrong or incomplete data.
                - **Erasure** (supresión): ask us to delete your data.
                - **Objection** (oposición): object to a use of your data.
                - **Portability**: receive your data in a format you can take elsewhere.
                - **Blocking** (bloqueo): ask us to stop using your data for a time.

                ## How to exercise your rights

                Come to the office or write to us.
                The address, opening hours and contact details are on the home page.
                It is free. We will answer within 30 calendar days.

                If we do not answer, or you disagree with our answer,
                you can complain to the Agencia de Protección de Datos Personales
                (Personal Data Protection Agency).
                """
            ),
        },
    },
}


# ---------------------------------------------------------------------------
# Página de inicio
# ---------------------------------------------------------------------------

INICIO = {
    "es": {
        "titulo": "Oficina Comunal de Migrantes de Valparaíso",
        "intro": (
            "La Oficina Comunal de Migrantes de la Municipalidad de Valparaíso orienta a las personas "
            "migrantes y a sus familias en regularización migratoria, salud, educación, trabajo y vivienda. "
            "Le derivamos a los departamentos municipales y a la red de apoyo de la comuna. "
            "La atención es gratuita. No necesita contarnos su situación migratoria para que le ayudemos."
        ),
        "como_atenderse": (
            "Venga a la oficina, llámenos o escríbanos por WhatsApp. La dirección, el horario, el teléfono "
            "y el WhatsApp están en esta página. Traiga cualquier documento de identidad que tenga: "
            "cédula, pasaporte o un documento de su país. Si no tiene ninguno, igual le atendemos."
        ),
    },
    "ht": {
        "titulo": "Biwo Komin pou Migran yo nan Valparaíso",
        "intro": (
            "Biwo Komin pou Migran yo (Oficina Comunal de Migrantes) nan Minisipalite Valparaíso "
            "bay moun migran yo ak fanmi yo konsèy sou papye, sante, lekòl, travay ak lojman. "
            "Nou voye w bò kote depatman minisipalite a ak rezo sipò ki nan komin nan. "
            "Sèvis la gratis. Ou pa bezwen di nou sitiyasyon migratwa w pou nou ede w."
        ),
        "como_atenderse": (
            "Vin nan biwo a, rele nou oswa ekri nou sou WhatsApp. Adrès la, lè biwo a louvri, "
            "nimewo telefòn nan ak WhatsApp la sou paj sa a. Pote nenpòt papye idantite ou genyen: "
            "kat idantite (cédula), paspò oswa yon dokiman peyi w. Si w pa gen okenn, "
            "n ap resevwa w kanmenm."
        ),
    },
    "en": {
        "titulo": "Oficina Comunal de Migrantes de Valparaíso",
        "intro": (
            "The Migrants' Office of the Municipalidad de Valparaíso advises migrants and their "
            "families on migration status, health, education, work and housing. "
            "We refer you to municipal departments and to the local support network. "
            "The service is free. You do not need to tell us your migration status to get help."
        ),
        "como_atenderse": (
            "Come to the office, call us or write to us on WhatsApp. The address, opening hours, phone "
            "number and WhatsApp are on this page. Bring any identity document you have: cédula, "
            "passport or a document from your country. If you have none, we will still help you."
        ),
    },
}
