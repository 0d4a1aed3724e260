"""Names of the demo's persons, as varied as a comuna's registry (issue #11).

Pools of a few dozen given names and surnames per nationality, most frequent first and drawn with
falling weights (1/(rank + 8): the most common surname ~5 %, like González in Venezuela); Hispanic
persons have one or two given names and two surnames, Haitians one surname. With six names per sex
and eight surnames (the pools before), 20,000 persons held dozens of exact namesakes per full name,
far from a real registry, and every misspelled search had dozens of equally good answers.
"""

import bisect
import itertools
import random
from collections.abc import Sequence


def _n(texto: str) -> list[str]:
    """A pool written as one string; "_" joins the words of one name ("Flor_de_María")."""
    return [n.replace("_", " ") for n in texto.split()]


# nationality → (given names F, given names M, surnames, share with a second given name, surnames)
POOLS: dict[str, tuple[list[str], list[str], list[str], float, int]] = {
    "VE": (
        _n(
            "María Andreína Yusmary Daniela Génesis Rosángela Gabriela Carolina Yelitza Mariángel Valentina "
            "Dayana Yenny Maryori Yorleni Karelys Luisana Oriana Fabiola Yuleisy Nathaly Andrea Alejandra "
            "Carmen Ana Isabel Beatriz Mariela Marielys Yajaira Zuleima Elizabeth Patricia Yolimar Johana "
            "Nohelia Rosa Virginia Adriana Mercedes Lisbeth Yuraima Mayerlin Keila Desirée Sofía Victoria "
            "Paola Leidy Yorgelis Anyelis Milagros Yessica Eglée Yuliana Kimberly Darelys Naileth Migdalia "
            "Zoraida Maigualida Yubiri"
        ),
        _n(
            "José Luis Carlos Jesús Yorman Andrés Gregorio Ángel Eduardo Jhonny Yeferson Kevin Richard "
            "Wilmer Yonathan Franklin Alexander Rafael Manuel Miguel Pedro Juan Antonio Javier Daniel Víctor "
            "Freddy Orlando Nelson Ronald Henry Keiner Deivis Endrick Yoel Reinaldo Ramón Humberto Héctor "
            "Leonardo Gustavo Ricardo Edgar Omar Elvis Darwin Enrique Alberto Francisco Samuel Moisés David "
            "Jorge Yordi Jhoan Brayan Anthony Wuilliams Yohandry Leandro Argenis"
        ),
        _n(
            "González Rodríguez Pérez Hernández García Martínez López Sánchez Ramírez Díaz Torres Rojas "
            "Gómez Fernández Morales Álvarez Romero Suárez Herrera Gutiérrez Mendoza Medina Castillo "
            "Contreras Guerrero Ramos Flores Vásquez Moreno Rivas Rivero Márquez Briceño Peña Chacón Salazar "
            "Silva Aguilar Acosta Blanco Parra Mora Vargas Marcano Colmenares Zambrano Bolívar Urdaneta "
            "Querales Camacho Linares Montilla Escalona Ochoa Carrillo Villegas Paredes Jiménez Ortiz Rondón "
            "Azuaje Bracho Araujo Graterol Mujica Pineda Sequera Lugo Delgado Cordero Nieves Useche Guevara "
            "Figueroa Sulbarán Quintero Yépez Tovar Cabrera"
        ),
        0.6,
        2,
    ),
    "PE": (
        _n(
            "Rosa Milagros Lucía María Flor_de_María Carmen Juana Gladys Elizabeth Maribel Yesenia Karina Roxana "
            "Giovanna Jackeline Liliana Patricia Norma Sonia Maritza Nancy Yolanda Marleni Miriam Betty "
            "Vilma Edith Haydée Luz Celia Mercedes Nelly Ruth Susana Estefany Katherine Fiorella Yuliana"
        ),
        _n(
            "Juan Wilfredo Jhon César Luis José Carlos Jorge Víctor Miguel Edwin Percy Walter Wilber Elmer "
            "Alex Julio Raúl Óscar Hugo Freddy Ronald Richard Yuri Segundo Teodoro Fidel Abel Marco Hernán "
            "Aldo Jhonatan Kevin Renzo Anderson Brayan Elvis Nilton"
        ),
        _n(
            "Quispe Mamani Huamán Flores Chávez Rojas Sánchez Ramos García Díaz Torres Vargas Castillo Mendoza "
            "Ríos Cruz Espinoza Gutiérrez Condori Apaza Ccama Huanca Choque Ticona Cárdenas Vásquez Romero "
            "Salazar Paredes Cáceres Palomino Aguilar Castro Soto Medina Quiroz Zevallos Villanueva Pacheco "
            "Huillca"
        ),
        0.4,
        2,
    ),
    "CO": (
        _n(
            "Luz_Dary Yeimy Valentina Marcela Paola Diana Sandra Claudia Yurany Leidy Natalia Carolina Ángela "
            "Mónica Daniela Lina Jenny Yuliana Adriana Viviana Johana Liliana Andrea Gloria Martha Nidia "
            "Deisy Yolanda Maryuri"
        ),
        _n(
            "Jhon Óscar Andrés Wílmar Felipe Fredy Carlos Jorge Luis Diego Jairo Jaime Édgar Hernán "
            "Alexander Camilo Sebastián Mauricio Fabián Harold Yesid Duván Arley Fernando Gustavo Iván "
            "Stiven Yeison Wilson"
        ),
        _n(
            "Muñoz Cárdenas Ospina Restrepo Gómez Zapata Rodríguez García Martínez López González Hernández "
            "Jaramillo Giraldo Arango Valencia Londoño Rincón Castaño Ramírez Moreno Ruiz Castro Vélez Henao "
            "Correa Patiño Mejía Quintero Salazar Suárez Álvarez Ocampo Cardona Betancur Agudelo Montoya "
            "Toro Orozco Marín"
        ),
        0.5,
        2,
    ),
    "HT": (
        _n(
            "Marie Rose Nadège Wideline Fabienne Mirlande Guerline Jessica Roseline Mideline Nathalie "
            "Kettly Sandra Magalie Lourdes Esther Chantal Darline Fedeline Jeanne Judith Loveline Manoucheka "
            "Micheline Natacha Rachelle Sabine Stéphanie Tamara Vanessa Widline Yolette Carline Fabiola "
            "Islande Lunise Marjorie Nerline Roselaure Ketia"
        ),
        _n(
            "Jean Wilner Pierre Louis Jacky Fritznel Wisly Junior Ricardo Widelson Kervens Lovens Wilson "
            "Jonas Emmanuel Dieuseul Fednel Robert Jacques Frantz Josué Samuel Peterson Réginald Stanley "
            "Wesner Jimmy Evens Marckenson Reynold Daniel Claude Gérald Ernst Roosevelt Jameson Nixon "
            "Baptiste Kesner Mackenson"
        ),
        _n(
            "Joseph Pierre Jean-Baptiste Louis Charles Saint-Fleur Dorvil Jean-Louis Michel François "
            "Augustin Étienne Paul Alexis Noël Célestin Dorcélus Exantus Fils-Aimé Désir Lafontant "
            "Jean-Pierre Toussaint Bien-Aimé Cadet Auguste Thélusma Jeune Joachim Dérisier Estimé Innocent "
            "Lindor Méus Océan Petit-Frère Sylvestre Thermidor Valcin Vilmé Zéphir Casimir Jean-Charles "
            "Sainvil Brutus Lubin Delva Metellus Germain Florestal"
        ),
        0.35,
        1,
    ),
    "BO": (
        _n(
            "Ninoska Carmen Wara María Roxana Lidia Elena Janeth Miriam Sonia Graciela Beatriz Marisol "
            "Teresa Verónica Cinthia Jhenny Mayra Nelly Dora"
        ),
        _n(
            "Evo Limbert Freddy Juan Rubén Marcelo Wilson Edwin René Julio Álvaro Gonzalo Hugo Javier "
            "Mario Fernando Rolando Wálter Wilmer Nelson"
        ),
        _n(
            "Choque Condori Mamani Gutiérrez Vargas Quispe Flores Rojas Vaca Justiniano Mendoza Huanca "
            "Colque Calle Limachi Copa Yujra Aruquipa Villca Soliz Rocha Arce Salvatierra Zurita Ticona"
        ),
        0.4,
        2,
    ),
    "AR": (
        _n("Florencia Agustina Camila Lucía Sofía Micaela Daiana Rocío Julieta Milagros Brenda Carla"),
        _n("Matías Nicolás Facundo Santiago Lucas Gonzalo Federico Leandro Emiliano Joaquín Ezequiel Franco"),
        _n(
            "Fernández Sosa Benítez González Rodríguez Gómez López Díaz Martínez Pérez Romero Álvarez "
            "Acosta Medina Ruiz Herrera Aguirre Giménez Ledesma Ojeda"
        ),
        0.3,
        2,
    ),
    "DO": (
        _n(
            "Yokasta Altagracia Yokaira Yanet Rosanna Mercedes Yudelka Carolin Esmeralda Ana Yahaira "
            "Dilcia Nairobi Ruth"
        ),
        _n(
            "Ramón Yunior Wander Jonathan Elvin Anderson Starlin Yohan Félix Ángel Rafael Domingo Franklin "
            "Wellington"
        ),
        _n(
            "Núñez Peralta De_la_Cruz Reyes Santos Pérez Jiménez Rosario Batista Mejía Féliz Guzmán "
            "Encarnación Almonte Polanco Familia Santana Castillo"
        ),
        0.4,
        2,
    ),
    "CU": (
        _n("Yanelis Dayana Yudelkis Yamilé Yaima Odalys Yusimí Mailén Dayamí Yordanka Lisandra Arianna"),
        _n("Yoandri Reinier Yosvany Yunior Osmany Alexei Yasmany Dariel Lázaro Raidel Adonis Eliécer"),
        _n(
            "Castillo Hernández Rivero González Rodríguez Pérez Díaz Fernández Pupo Leyva Rosabal Batista "
            "Cabrera Echevarría Ramírez Alfonso Sarmiento"
        ),
        0.4,
        2,
    ),
}


def _pesos(n: int) -> list[float]:
    return [1 / (rango + 8) for rango in range(n)]


def _elector(valores: Sequence[str]):
    acumulados = list(itertools.accumulate(_pesos(len(valores))))
    total = acumulados[-1]
    ultimo = len(valores) - 1

    def elegir(rng: random.Random) -> str:
        return valores[min(bisect.bisect_right(acumulados, rng.random() * total), ultimo)]

    return elegir


_ELECTORES = {
    nac: (_elector(f), _elector(m), _elector(ap), dos, n_ap) for nac, (f, m, ap, dos, n_ap) in POOLS.items()
}


def nombre_completo(rng: random.Random, nacionalidad: str, mujer: bool) -> tuple[str, str]:
    """(nombres, apellidos) of a person of `nacionalidad`, e.g. ("Yusmary Andreína", "Peña Rivas")."""
    elegir_f, elegir_m, elegir_apellido, dos_nombres, n_apellidos = _ELECTORES[nacionalidad]
    elegir = elegir_f if mujer else elegir_m
    nombres = [elegir(rng)]
    if rng.random() < dos_nombres:
        segundo = elegir(rng)
        if segundo != nombres[0]:
            nombres.append(segundo)
    apellidos = [elegir_apellido(rng) for _ in range(n_apellidos)]
    return " ".join(nombres), " ".join(apellidos)
