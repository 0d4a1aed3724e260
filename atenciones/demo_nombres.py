"""Names of the demo's persons, as varied as a comuna's registry (issue #11).

Pools of real names per nationality, most frequent first and drawn with falling weights
(1/(rank + 8): the most common surname 3-4 %, González 3.3 % in Venezuela); Hispanic persons have
one or two given names and two surnames, Haitians one surname. Each pool has a long tail (80-190
given names per sex, 160-310 surnames): with a few dozen, 2,000,000 persons held hundreds of exact
namesakes per full name, far denser than a real registry, and a misspelled search had dozens of
equally good answers.
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
            "Zoraida Maigualida Yubiri Luisa Josefina Teresa Gladys Marisol Mariana Valeria Camila Estefanía "
            "Marianela Norelis Yusbelis Yelimar Roxana Coromoto Ninoska Katherine Stefany Yenifer Yetzabeth "
            "Eukaris Marbelis Fabiana Yurimar Yamileth Neida Yosmary Samantha Paula Antonella Isabella "
            "Ashley Francis Gisela Omaira Nelly Xiomara Yaneth Glenda Ingrid Irma Yolanda Sonia Aura Blanca "
            "Delia Hilda Iris Lourdes Magaly Maritza Miriam Nancy Nubia Olga Raiza Reina Rosmary Ruth Sandra "
            "Thais Yadira Yanira Yasmín Zulay Arelis Belkis Darling Elimar Emily Evelyn Geraldine Heidy "
            "Indira Jennifer Karla Katiuska Leonor Lilibeth Lorena Marlene Mileidy Oriannys Rosalba Scarlet "
            "Solangel Verónica Wendy Yarelis Yeraldine Yoselin Yudith Zaida Alba Carla Diana Elena Fátima "
            "Gloria Inés Jackeline Lucía Liliana Mónica Natalia Norma Pastora Rebeca Susana Vanessa Zenaida "
            "Yuleima Dubraska Marilyn Yoleida Isamar Anabel Marisela Josmary Emperatriz Nilda Dilia Ligia "
            "Aleida Francelis Yubraska Cleotilde Nayibe Betzabeth Luzmila"
        ),
        _n(
            "José Luis Carlos Jesús Yorman Andrés Gregorio Ángel Eduardo Jhonny Yeferson Kevin Richard "
            "Wilmer Yonathan Franklin Alexander Rafael Manuel Miguel Pedro Juan Antonio Javier Daniel Víctor "
            "Freddy Orlando Nelson Ronald Henry Keiner Deivis Endrick Yoel Reinaldo Ramón Humberto Héctor "
            "Leonardo Gustavo Ricardo Edgar Omar Elvis Darwin Enrique Alberto Francisco Samuel Moisés David "
            "Jorge Yordi Jhoan Brayan Anthony Wuilliams Yohandry Leandro Argenis Alejandro Diego Fernando "
            "Gabriel Roberto Sergio Julio César Raúl Óscar Rubén Alfredo Armando Arturo Simón Ernesto Félix "
            "Germán Hugo Iván Jaime Jhonathan Joel Jonathan Adrián Alexis Alí Álvaro Aníbal Arnaldo Asdrúbal "
            "Bernardo Cristian Douglas Edwin Efraín Elías Emilio Ender Enmanuel Erick Ezequiel Fabián Felipe "
            "Franyer Frank Gerardo Gilberto Giovanny Hender Hernán Isaac Ismael Israel Jefferson Josué "
            "Julián Leonel Lenin Lisandro Lorenzo Marcos Mario Martín Matías Mauricio Maikel Nicolás Néstor "
            "Noel Norberto Oswaldo Pablo Ramiro Rigoberto Roger Rómulo Santiago Saúl Sebastián Teodoro Tomás "
            "Ulises Vicente Wilfredo William Wilson Yeison Yonder Yordan Yoiner Yerson Wladimir Alfonso "
            "Abraham Adolfo Agustín Bladimir Eleazar Esteban Gonzalo Heriberto Ignacio Jairo Leomar Marlon "
            "Nixon Octavio Ronny Rodolfo Rolando Tulio Yeiker Neptalí Nerio Dionisio Eudis Pastor Rosendo "
            "Cruz Aquiles Eliézer Jhonder Deiver Yorbis Cristóbal Benito"
        ),
        _n(
            "González Rodríguez Pérez Hernández García Martínez López Sánchez Ramírez Díaz Torres Rojas "
            "Gómez Fernández Morales Álvarez Romero Suárez Herrera Gutiérrez Mendoza Medina Castillo "
            "Contreras Guerrero Ramos Flores Vásquez Moreno Rivas Rivero Márquez Briceño Peña Chacón Salazar "
            "Silva Aguilar Acosta Blanco Parra Mora Vargas Marcano Colmenares Zambrano Bolívar Urdaneta "
            "Querales Camacho Linares Montilla Escalona Ochoa Carrillo Villegas Paredes Jiménez Ortiz Rondón "
            "Azuaje Bracho Araujo Graterol Mujica Pineda Sequera Lugo Delgado Cordero Nieves Useche Guevara "
            "Figueroa Sulbarán Quintero Yépez Tovar Cabrera Fuentes Núñez Castro Molina Rangel Reyes Cedeño "
            "Arias Méndez Villalobos Navarro Rosales Rincón Pacheco Sosa Lozada Leal Bastidas Barrios Campos "
            "Cárdenas Cabello Carrasco Castellanos Cisneros Cova Durán Echeverría Escalante Espinoza Fajardo "
            "Farías Ferrer Franco Gil Giménez Godoy Guerra Hidalgo Ibarra Infante Jaimes Lara León Liendo "
            "Lozano Luna Machado Maldonado Marín Mata Matos Meléndez Mejías Millán Miranda Montero Montes "
            "Muñoz Noguera Olivares Ortega Osorio Padilla Palacios Perdomo Pereira Piña Ponce Prieto "
            "Quintana Quiroz Rivera Rosas Ruiz Salas Salcedo Salinas Sandoval Santana Santos Sierra "
            "Solórzano Soto Sotillo Tapia Toro Trujillo Uzcátegui Valera Valero Vallenilla Velásquez Vera "
            "Vielma Villarroel Zerpa Zapata Zamora Alvarado Aponte Arteaga Ávila Avendaño Barreto Barrera "
            "Bello Benítez Bermúdez Betancourt Bravo Brito Caldera Calderón Caraballo Carvajal Castañeda "
            "Chirinos Colina Córdova Correa Cuevas Dávila Duarte Escobar Estrada Fermín Fonseca Garrido "
            "Guédez Gudiño Henríquez Hurtado Landaeta Lameda Leáñez Loaiza Lucena Mago Manrique Marrero "
            "Mireles Mogollón Montoya Moya Navas Nava Ocanto Oropeza Orta Oviedo Pantoja Petit Pinto Pirela "
            "Pulido Quevedo Requena Reverón Rengifo Riera Rueda Salgado Sarmiento Segovia Serrano Sojo "
            "Solano Tirado Torrealba Ugas Ulloa Urbina Uribe Valderrama Valdez Valles Vegas Vivas Yánez "
            "Zabala Zavarce Añez Acevedo Alfonzo Almeida Alcalá Amundaray Ascanio Azócar Bastardo Belisario "
            "Borges Cegarra Chávez Coronado Crespo Dugarte Freites Galindo Gamboa Goncalves Izaguirre "
            "Labrador Lobo Mena Natera Paz Sifontes Subero Tineo Urbaneja Velazco Villalba Arrieta Barráez "
            "Bencomo Bolaños Cermeño Figuera Gavidia Guanipa Guillén Manzano Mijares Morillo Pino Piñero"
        ),
        0.6,
        2,
    ),
    "PE": (
        _n(
            "Rosa Milagros Lucía María Flor_de_María Carmen Juana Gladys Elizabeth Maribel Yesenia Karina "
            "Roxana Giovanna Jackeline Liliana Patricia Norma Sonia Maritza Nancy Yolanda Marleni Miriam "
            "Betty Vilma Edith Haydée Luz Celia Mercedes Nelly Ruth Susana Estefany Katherine Fiorella "
            "Yuliana Ana Julia Teresa Martha Elena Isabel Silvia Beatriz Cecilia Margarita Victoria Luisa "
            "Angélica Mónica Verónica Sandra Claudia Elsa Lourdes Rocío Pilar Gloria Olga Irma Marisol "
            "Marina Esther Zoila Dora Delia Alicia Blanca Hilda Emilia Aurora Pamela Vanessa Diana Erika "
            "Evelyn Janet Jessica Judith Karen Lizbeth Lorena Magaly Marlene Melissa Mery Nora Raquel "
            "Rosario Rosmery Sara Sofía Tania Úrsula Vicenta Virginia Yanet Yeni Zulema Alejandrina Amelia "
            "Antonia Benita Catalina Dominga Eulalia Felícita Francisca Gregoria Hermelinda Isidora Jacinta "
            "Leonor Lidia Marcelina Máxima Nélida Paulina Petronila Rufina Teodora Valentina Andrea Camila "
            "Valeria Ximena Fernanda Alessandra Daniela Kiara Mariela Nataly Shirley Wendy Kelly Leslie "
            "Sheyla Cinthia Deysi Flor Gisela Noemí Mirtha Ingrid Elva Aída Juliana Carla Katia Lucero "
            "Esperanza Rosalía Rosaura Maura Melania Yovana Fortunata Sabina Justina Inés Rebeca Marleny "
            "Clara Lucila Nilda Estela Nieves Dina"
        ),
        _n(
            "Juan Wilfredo Jhon César Luis José Carlos Jorge Víctor Miguel Edwin Percy Walter Wilber Elmer "
            "Alex Julio Raúl Óscar Hugo Freddy Ronald Richard Yuri Segundo Teodoro Fidel Abel Marco Hernán "
            "Aldo Jhonatan Kevin Renzo Anderson Brayan Elvis Nilton Manuel Pedro Jesús Alberto Eduardo "
            "Roberto Ricardo Javier Fernando Antonio Rafael Daniel Mario Alfredo Edgar Rubén Ángel Martín "
            "Pablo Félix Santos Alejandro Enrique Francisco Guillermo Héctor Humberto Iván Jaime Lucio "
            "Marcos Milton Nelson Orlando Pascual Ramón Rolando Rómulo Saúl Samuel Tomás Ulises Vicente "
            "Wilson Américo Alcides Amador Aurelio Benjamín Celso Cirilo Clemente Demetrio Dionisio "
            "Edilberto Efraín Eleuterio Eloy Eusebio Fausto Florencio Gilberto Gregorio Hilario Honorio "
            "Isaac Isidro Jacinto Julián Leoncio Lorenzo Máximo Modesto Nicanor Nicolás Porfirio Rigoberto "
            "Rosendo Rufino Salomón Santiago Sixto Teófilo Timoteo Valentín Zenón Diego Gabriel Sebastián "
            "Jean_Pierre Franco Piero Gianfranco Paolo Jhonny Erick Frank Henry Harold Joel Jonathan Josué "
            "Junior Moisés Néstor Omar Rodrigo Roger Wilmer Willy Alan Andy Christian Deyvis Edson Eder "
            "Elías Fabricio Gerson Helmer Ítalo Lenin Mauro Alexis Ángelo Reynaldo Washington Ciro Darío "
            "Emerson Gerardo Gonzalo Ignacio Felipe Wilder Adrián Agustín Benigno Cristóbal Domingo Emiliano "
            "Esteban Fortunato Gumercindo Herminio Justo"
        ),
        _n(
            "Quispe Mamani Huamán Flores Chávez Rojas Sánchez Ramos García Díaz Torres Vargas Castillo "
            "Mendoza Ríos Cruz Espinoza Gutiérrez Condori Apaza Ccama Huanca Choque Ticona Cárdenas Vásquez "
            "Romero Salazar Paredes Cáceres Palomino Aguilar Castro Soto Medina Quiroz Zevallos Villanueva "
            "Pacheco Huillca Rodríguez López Pérez Gonzales Fernández Martínez Ramírez Ruiz Reyes Jiménez "
            "Gómez Herrera Hernández Álvarez Morales Silva Rivera Cabrera Navarro Acosta Córdova Campos Vega "
            "Delgado Guerrero Ortiz Carrasco León Ponce Salas Zapata Lozano Alvarado Valdivia Salcedo "
            "Bustamante Zúñiga Tello Valverde Peña Palacios Fuentes Ayala Arias Bravo Cueva Dávila Enríquez "
            "Farfán Figueroa Gamarra Garay Huerta Ibáñez Jara Lazo Loayza Luna Manrique Miranda Montes "
            "Montoya Muñoz Núñez Ochoa Olivera Oré Ortega Osorio Palma Pinto Poma Prado Quiñones Quintana "
            "Rivas Robles Rosales Saavedra Salinas Sandoval Santos Serrano Sotelo Suárez Tapia Távara Toledo "
            "Trujillo Ugarte Urbina Valencia Valle Velásquez Vera Villegas Yáñez Zárate Zegarra Alarcón "
            "Alfaro Aliaga Aquino Aranda Arce Ávila Barrientos Benites Cabello Calderón Camacho Cano "
            "Carbajal Castañeda Chumpitaz Cisneros Contreras Coronado Cuadros Curi Escobar Esquivel Estrada "
            "Falcón Galindo Gallardo Gálvez Guevara Guzmán Hinostroza Huertas Lara Lévano Lima Llerena "
            "Macedo Maldonado Marín Medrano Meza Mejía Melgar Mercado Molina Montalvo Moreno Nieto Ñaupari "
            "Pajuelo Paucar Pinedo Reátegui Rengifo Tasayco Tito Tuesta Vilchez Zavala Zamora Ccahuana Cusi "
            "Cutipa Huayta Huamaní Yupanqui Inga Llanos Luque Machaca Mayta Coaquira Calla Challco Chambi "
            "Ccoa Chura Colque Pari Titi Turpo Vilca Yucra Taipe Sullca Supo Yauri Mallma Huaranga Chunga "
            "Sernaqué Ipanaqué Panduro Sangama Tapullima Pizango Huayhua Ancco Quicaño Cahuana Cconislla "
            "Huachaca Ñahui Mendívil Gamboa Cornejo Villar Solís Arroyo Bazán Málaga Tarazona Pariona Atoche "
            "Cerna Cotrina Alva Chuquimango Huancas"
        ),
        0.4,
        2,
    ),
    "CO": (
        _n(
            "Luz_Dary Yeimy Valentina Marcela Paola Diana Sandra Claudia Yurany Leidy Natalia Carolina "
            "Ángela Mónica Daniela Lina Jenny Yuliana Adriana Viviana Johana Liliana Andrea Gloria Martha "
            "Nidia Deisy Yolanda Maryuri María Ana Carmen Rosa Blanca Beatriz Esperanza Gladys Luz_Marina "
            "Amparo Aura Consuelo Fanny Stella Olga Marleny Nubia Myriam Mery Ruby Dora Elsa Alba Ligia "
            "Alejandra Catalina Juliana Laura Lorena Manuela Mariana Melissa Paula Sara Sofía Tatiana "
            "Vanessa Ximena Yesenia Yolima Yamile Zoraida Nelly Norma Patricia Rocío Ruth Sonia Teresa "
            "Yaneth Cielo Dayana Erika Francy Isabel Jazmín Jessica Karen Katherine Lizeth Luisa_Fernanda "
            "Maritza Mayerly Milena Nataly Nohora Omaira Piedad Rosalba Sirley Yudy Marisol Astrid Clara "
            "Cristina Doris Edilma Elvira Emilse Esneda Fabiola Flor Graciela Hilda Inés Ingrid Irene Janeth "
            "Jaqueline Julieth Lucero Lucy Magnolia Margarita Marlén Mercedes Nancy Nora Yadira Zulma Angie "
            "Carol Dahiana Estefanía Geraldine Heidy Isabella Kelly Leonor Lucía Maira Mayra Nury Pilar "
            "Shirley Silvia Stefany Tania Valeria Wendy Yeraldín Yulieth Edith Eliana Gilma Aleida Berta "
            "Derly Dilia Ofelia Rubiela Socorro Yurley Deyanira Maribel Nelcy Arcelia Benilda Eucaris "
            "Gabriela Mireya Orfa Rosmira Yamileth"
        ),
        _n(
            "Jhon Óscar Andrés Wílmar Felipe Fredy Carlos Jorge Luis Diego Jairo Jaime Édgar Hernán "
            "Alexander Camilo Sebastián Mauricio Fabián Harold Yesid Duván Arley Fernando Gustavo Iván "
            "Stiven Yeison Wilson José Juan Manuel Jesús Alejandro Javier Miguel Antonio Francisco Pedro "
            "Rafael Ricardo Alberto Álvaro Eduardo Julián Daniel David Santiago Nicolás Esteban Cristian "
            "Jhonatan Brayan Kevin Anderson Germán Gildardo Héctor Henry Humberto Jefferson Leonardo Libardo "
            "Marco Mario Martín Nelson Norberto Omar Orlando Pablo Raúl Reinaldo Roberto Rodrigo Rubén "
            "Samuel Sergio Víctor William Wilfer Arbey Albeiro Alirio Arnulfo Argemiro Darío Didier Edwin "
            "Elkin Emiro Ferney Fabio Gonzalo Gabriel Giovanny Hermes Horacio Jhonier Milton Mateo Octavio "
            "Oswaldo Ramiro Rigoberto Uriel Walter Wilmer Jaider Dairo Duberney Edilson Éver Gerardo "
            "Guillermo Hernando Ignacio Isaac Joaquín Leandro Marlon Néstor Ovidio Alonso Bernardo Danilo "
            "Efraín Eliécer Emilio Ernesto Gilberto Jonathan Moisés Reinel Robinson Rolando Tomás Ulises "
            "Vladimir Yamid Matías Alexis Emmanuel Abelardo Adolfo Alcides Aldemar Aníbal Baltazar Benjamín "
            "Ciro Crisanto Deiby Dagoberto Edier Eleázar Evelio Fidel Gerson Hugo Jair Jeison Leider Luciano "
            "Nolberto Rosendo Yeferson Yordan Yonatan"
        ),
        _n(
            "Muñoz Cárdenas Ospina Restrepo Gómez Zapata Rodríguez García Martínez López González Hernández "
            "Jaramillo Giraldo Arango Valencia Londoño Rincón Castaño Ramírez Moreno Ruiz Castro Vélez Henao "
            "Correa Patiño Mejía Quintero Salazar Suárez Álvarez Ocampo Cardona Betancur Agudelo Montoya "
            "Toro Orozco Marín Pérez Sánchez Díaz Torres Rojas Vargas Gutiérrez Jiménez Romero Herrera "
            "Medina Aguirre Castillo Ortiz Rivera Silva Mendoza Guerrero Morales Ramos Parra Osorio Duque "
            "Gallego Bedoya Sierra Posada Echeverri Escobar Franco Vásquez Uribe Botero Mesa Grisales Hoyos "
            "Holguín Isaza Loaiza Marulanda Monsalve Montes Naranjo Pineda Ríos Rendón Sepúlveda Tabares "
            "Taborda Trujillo Villegas Vanegas Zuluaga Alzate Acevedo Alvarado Ángel Arias Ávila Barrera "
            "Beltrán Benítez Bermúdez Bolaños Bustos Caicedo Calderón Camacho Campos Cano Carmona Carvajal "
            "Castañeda Cifuentes Córdoba Cortés Cruz Cuéllar Daza Delgado Duarte Espinosa Estrada Fajardo "
            "Figueroa Flórez Forero Galeano Galvis Garzón Gaviria Gil Guzmán Hurtado Ibarra Lara León Lozano "
            "Macías Manrique Mantilla Márquez Méndez Mora Murillo Narváez Navarro Niño Núñez Ochoa Ortega "
            "Otálvaro Palacios Pardo Peña Pinzón Pulido Quiroga Rey Reyes Rivas Roa Robayo Rubio Salamanca "
            "Salgado Sandoval Santos Serna Solano Suaza Téllez Tobón Tovar Triana Urrego Valderrama Valero "
            "Vega Velásquez Vera Villa Villamil Yepes Zambrano Arenas Arboleda Ayala Bernal Buitrago Cabrera "
            "Cadavid Chaparro Chávez Cuervo Cubillos Garcés Gallo Gaitán Granada Guevara Hincapié Lopera "
            "Lozada Mosquera Palacio Palomino Pulgarín Rico Rodas Soto Tamayo Urrea Úsuga Velasco Vidal "
            "Villada Zea Caro Ceballos Moncada Orrego Rueda Santamaría Sarmiento Amaya Barón Bello Camargo "
            "Casas Castellanos Cuesta Leal Lugo Mahecha Molina Montaño Moya Novoa Olaya Pacheco Páez Perdomo "
            "Pachón Prieto Puentes Quevedo Roldán Zárate Arcila Largo Grajales Cardozo Murcia Sanabria "
            "Sastoque Vallejo Cataño Alarcón Angulo Ariza Ballesteros Lemus"
        ),
        0.5,
        2,
    ),
    "HT": (
        _n(
            "Marie Rose Nadège Wideline Fabienne Mirlande Guerline Jessica Roseline Mideline Nathalie Kettly "
            "Sandra Magalie Lourdes Esther Chantal Darline Fedeline Jeanne Judith Loveline Manoucheka "
            "Micheline Natacha Rachelle Sabine Stéphanie Tamara Vanessa Widline Yolette Carline Fabiola "
            "Islande Lunise Marjorie Nerline Roselaure Ketia Wislande Myrlande Marlène Michelle Carmelle "
            "Nadine Guerda Kerline Jesula Lovely Gina Ginette Mireille Yvrose Yveline Yvette Josette "
            "Paulette Edeline Nadia Dieula Dieunise Elourdes Merlande Mislande Sherline Johanne Judeline "
            "Bernadette Claudette Colette Évelyne Farah Magdala Martine Mona Myrtha Nicole Odette Régine "
            "Rosemonde Sonia Suzette Yolène Yolande Altagrace Anne Béatrice Carmen Christelle Daphnée "
            "Dominique Édith Élise Emmanuela Flore Francine Germaine Jacqueline Jocelyne Josiane Julienne "
            "Katia Laura Lourdie Louise Lucienne Medgine Mélissa Michaëlle Monique Nancy Odile Sabrina Sandy "
            "Sarah Violette Wendy Yanick Yvonne Naïka Mirline Rosemie Marline Erline Islène Gladys Guerlande "
            "Jeannette Marlie Rosette Sandrine Shirley Tania Wilda Wislène Clémence Fania Rosemène Taïna "
            "Vladimire"
        ),
        _n(
            "Jean Wilner Pierre Louis Jacky Fritznel Wisly Junior Ricardo Widelson Kervens Lovens Wilson "
            "Jonas Emmanuel Dieuseul Fednel Robert Jacques Frantz Josué Samuel Peterson Réginald Stanley "
            "Wesner Jimmy Evens Marckenson Reynold Daniel Claude Gérald Ernst Roosevelt Jameson Nixon "
            "Baptiste Kesner Mackenson Jeanty Joseph Michel Paul François Wilfrid Wilky Wilguens Fritz "
            "Fritzner Fedner Frantzy Guerby Jefferson Jocelyn Johnson Jude Kenel Kenson Kensley Kerby Lesly "
            "Lovensky Luckner Maxime Mackenley Marc Marcel Mathieu Michelet Patrick Rosemond Ronald Rony "
            "Rudy Schneider Serge Smith Stevenson Sony Vladimir Widner Wisner Woodly Yvon Yves Yvenson "
            "Dieudonné Dieujuste Élie Éric Fabrice Frédéric Garry Gesner Gérard Guy Harry Herby Hérold Hervé "
            "Jackson Jules Kesnel Lionel Lucien Lyonel Max Olivier Philippe Raymond René Richard Rodney "
            "Romain Ronel Rosny Thomas Wesly Wendell Woodson Fénel Jackens Dieunel Edner Edson Eliphète "
            "Guerlin Jacquelin Kervin Lucson Mario Nickenson Obed Ricot Roodly Stéphane Thony Vilaire Walner "
            "Watson Alix"
        ),
        _n(
            "Joseph Pierre Jean-Baptiste Louis Charles Saint-Fleur Dorvil Jean-Louis Michel François "
            "Augustin Étienne Paul Alexis Noël Célestin Dorcélus Exantus Fils-Aimé Désir Lafontant "
            "Jean-Pierre Toussaint Bien-Aimé Cadet Auguste Thélusma Jeune Joachim Dérisier Estimé Innocent "
            "Lindor Méus Océan Petit-Frère Sylvestre Thermidor Valcin Vilmé Zéphir Casimir Jean-Charles "
            "Sainvil Brutus Lubin Delva Metellus Germain Florestal Jean Pierre-Louis Jean-Jacques "
            "Jean-Gilles Jean-François Jean-Noël Jean-Simon Jean-Marie Jean-Michel Saint-Louis Saint-Jean "
            "Saint-Hilaire Saint-Vil Saint-Cyr Saint-Preux Saint-Juste Saint-Germain Saint-Éloi Saint-Surin "
            "Saint-Victor Saint-Phard Saint-Fort Bazile Beauvais Bellegarde Calixte Dorsainvil Hyppolite "
            "Laguerre Lamour Louissaint Marcelin Moïse Orélus Prophète Sanon Valcourt Vilsaint Baptiste "
            "Benjamin Bernard Blanc Bruno Charlot Chéry Clervil Constant Daniel David Délice Désamours "
            "Destin Dieudonné Dominique Dorestant Dormévil Dumas Dupuy Durand Édouard Élysée Élie Emmanuel "
            "Eugène Fénelon Fleurant Fleurimond Fortuné Fleuridor Florvil Fontus Georges Gilles Guerrier "
            "Guillaume Henri Hilaire Honorat Jacques Jacob Jasmin Jeanty Jérôme Jolicoeur Julien Jules "
            "Lafleur Lafortune Lamothe Lapointe Laurent Léger Lhérisson Louis-Jean Louis-Charles Lucien "
            "Magloire Mathurin Mérilus Milfort Mompremier Narcisse Nelson Nicolas Pamphile Pascal Philippe "
            "Pierre-Antoine Pierrilus Placide Pierrot Prosper Raymond Rémy Richard Rigaud Romain Romulus "
            "Saintil Salomon Sénatus Séraphin Similien Simon Souffrant Sterlin Théodore Thomas Timothée "
            "Tranquille Ulysse Valbrun Victor Vincent Vital Voltaire Zamor Alcindor Altidor Antoine Aristide "
            "Bastien Beaubrun Bélizaire Bienvenu Bonhomme Cajuste Charlemagne Compère Dorismond Doréus "
            "Edmond Exilus Exumé Félix Gédéon Geffrard Hector Jean-Claude Lafrance Lamarre Lazarre Lebrun "
            "Leblanc Louis-Pierre Luc Lucas Manigat Marcellus Mésidor Mondésir Napoléon Nazaire Pétion "
            "Philogène Raphaël Sévère Sylvain Valentin Zéphirin Dauphin Desrosiers Fleurisma Gaspard "
            "Hyacinthe Mentor Paulin Pierrelus Souverain Vixamar Clergé Délinois Alexandre Belfort "
            "Charles-Pierre Dessources Fortilus Gabriel Janvier Joissaint Maxime Pierre-Paul Rosier "
            "Saint-Aimé Thervil Vilmond Achille Bélony Cadichon Cinéus Damas Dorval Duverger Estinvil Fanfan "
            "Jean-Philippe Jeannot Jocelyn Orcel Petit Petit-Homme Rosemond Sainvilus Vernet Anténor Dorcé "
            "Louisdor Marcelus"
        ),
        0.35,
        1,
    ),
    "BO": (
        _n(
            "Ninoska Carmen Wara María Roxana Lidia Elena Janeth Miriam Sonia Graciela Beatriz Marisol "
            "Teresa Verónica Cinthia Jhenny Mayra Nelly Dora Rosa Juana Ana Martha Patricia Silvia Gladys "
            "Lourdes Norma Elizabeth Maribel Susana Luisa Julia Justina Mercedes Lucía Sandra Claudia Delia "
            "Nancy Victoria Daniela Gabriela Andrea Carla Paola Wendy Pamela Marcela Jimena Fernanda Valeria "
            "Virginia Yolanda Eva Hilda Fabiola Gloria Isabel Pilar Rocío Rosario Sara Tania Vanessa Zulema "
            "Eliana Erika Karina Leonor Lucy Magda Marina Mirtha Nora Reina Ruth Viviana Antonia Benedicta "
            "Dominga Eulogia Francisca Gregoria Modesta Sabina Teodora Valentina Cristina Esther Edith "
            "Angélica Inés Jacqueline Judith Lorena Alejandra Soledad Vilma Nayra Mónica Paulina Rosmery "
            "Shirley Wilma Yesenia Zenobia"
        ),
        _n(
            "Evo Limbert Freddy Juan Rubén Marcelo Wilson Edwin René Julio Álvaro Gonzalo Hugo Javier Mario "
            "Fernando Rolando Wálter Wilmer Nelson Carlos José Luis Jorge Víctor Miguel Pedro Eduardo Franz "
            "Grover Jhonny Ronald Roger Reynaldo Remberto Rodolfo Roberto Sergio Óscar Pablo Marcos Gustavo "
            "Iván Omar Germán Gualberto Efraín Eleuterio Felipe Félix Fidel Teodoro Hernán Adrián Alejandro "
            "Andrés Antonio Ariel Boris Cristian Daniel David Diego Edgar Edson Elmer Enrique Ernesto "
            "Gerardo Gilberto Gregorio Henry Humberto Ignacio Jaime Jesús Jhonatan Joel Leonardo Lucio "
            "Marcial Mauricio Milton Nicolás Ramiro Raúl Ricardo Saúl Samuel Santiago Simón Tomás Vladimir "
            "Wilfredo Alberto Armando Arturo Franklin Dionisio Eusebio Florencio Justo Máximo Sixto Teófilo "
            "Valentín Amaru Ángel Zenón"
        ),
        _n(
            "Choque Condori Mamani Gutiérrez Vargas Quispe Flores Rojas Vaca Justiniano Mendoza Huanca "
            "Colque Calle Limachi Copa Yujra Aruquipa Villca Soliz Rocha Arce Salvatierra Zurita Ticona "
            "Apaza Chambi Poma Ramos Cruz Fernández García López Pérez Rodríguez Sánchez Torres Chávez "
            "Álvarez Romero Guzmán Ortiz Morales Castro Herrera Medina Paz Suárez Vásquez Velasco Zeballos "
            "Zambrana Ríos Molina Montaño Aguilar Alanoca Alarcón Ali Ayala Cabrera Callisaya Canaviri Cari "
            "Chipana Choquehuanca Chura Coaquira Cocarico Cori Gemio Gonzales Guarachi Huarachi Laura Layme "
            "Loza Machaca Maldonado Marca Mayta Mercado Montes Nina Núñez Pari Quenta Quiroga Salinas Siñani "
            "Tarqui Tola Tórrez Villarroel Yapura Zenteno Ajata Alejo Arias Ayma Balderrama Barrientos "
            "Blanco Camacho Cardozo Carrasco Castillo Céspedes Claure Coca Córdova Cuéllar Delgadillo Durán "
            "Escobar Espinoza Gallardo Guardia Heredia Hinojosa Jiménez Lazarte Lima Lizarazu Llanos Luna "
            "Magne Medrano Méndez Mejía Miranda Moreno Navia Nogales Ortuño Pacheco Padilla Paniagua Peña "
            "Peredo Pinto Ponce Prado Ramírez Rivera Rivero Roca Rodas Saavedra Salazar Sandoval Sejas "
            "Serrano Sierra Silva Tapia Terrazas Urquizo Uzeda Valdez Vallejos Vega Velásquez Villegas "
            "Zabala Zapata Huallpa Tancara Mollo Catari Chuquimia Patzi Quisbert Sirpa Tintaya Huayta "
            "Coarite Cutipa Quelca Cusi Illanes Mita Tito"
        ),
        0.4,
        2,
    ),
    "AR": (
        _n(
            "Florencia Agustina Camila Lucía Sofía Micaela Daiana Rocío Julieta Milagros Brenda Carla María "
            "Ana Laura Silvia Graciela Patricia Marcela Claudia Mónica Andrea Gabriela Valeria Natalia "
            "Romina Paula Carolina Mariana Verónica Lorena Soledad Vanesa Jésica Yanina Noelia Belén Luciana "
            "Antonela Victoria Aldana Ayelén Macarena Melina Pamela Rosa Marta Susana Norma Beatriz Alicia "
            "Liliana Cristina Mirta Stella_Maris Elena Teresa Adriana Viviana Cecilia Daniela Eugenia "
            "Fernanda Guadalupe Jimena Juliana Malena Martina Milena Nadia Paola Priscila Rosana Sabrina "
            "Sandra Silvina Tamara Valentina Vanina Yamila Abril Bianca Candela Catalina Emilia Isabel "
            "Josefina Lourdes Marina Mercedes Miriam Nélida Olga Roxana Delfina Pilar Celeste Cintia Débora "
            "Evangelina Gisela Ivana Leticia Magalí Mara Maricel Mabel Nora Sonia"
        ),
        _n(
            "Matías Nicolás Facundo Santiago Lucas Gonzalo Federico Leandro Emiliano Joaquín Ezequiel Franco "
            "Juan Carlos José Luis Jorge Diego Martín Pablo Sebastián Alejandro Maximiliano Ramiro Hernán "
            "Mariano Damián Cristian Fernando Gustavo Marcelo Sergio Daniel Javier Rodrigo Gastón Lautaro "
            "Tomás Agustín Bruno Thiago Mateo Benjamín Ignacio Julián Walter Ariel Claudio Rubén Ricardo "
            "Roberto Osvaldo Héctor Hugo Raúl Miguel Eduardo Mario Alberto Oscar Darío Germán Mauricio Pedro "
            "Ramón Omar Norberto Guillermo Rolando Rafael Alfredo Néstor Adrián Andrés Axel Brian Alan "
            "Emanuel Fabián Gabriel Jonathan Kevin Luciano Marcos Mauro Lisandro Octavio Santino Valentín "
            "Enzo Dante Esteban Gerardo Horacio Julio Ángel Aníbal Elías Felipe Francisco Iván Leonel "
            "Lorenzo Manuel Nahuel Renzo Simón Ulises Víctor"
        ),
        _n(
            "Fernández Sosa Benítez González Rodríguez Gómez López Díaz Martínez Pérez Romero Álvarez Acosta "
            "Medina Ruiz Herrera Aguirre Giménez Ledesma Ojeda García Sánchez Torres Ramírez Flores "
            "Gutiérrez Morales Castro Suárez Rojas Vázquez Silva Molina Ortiz Núñez Luna Juárez Cabrera Ríos "
            "Ferreyra Godoy Domínguez Peralta Vega Quiroga Carrizo Coronel Páez Ramos Correa Figueroa Farías "
            "Cáceres Villalba Ponce Paz Cruz Maldonado Miranda Moreno Castillo Méndez Arias Rivero Cardozo "
            "Vera Blanco Ibáñez Navarro Bustos Mansilla Vargas Lucero Guzmán Chávez Ortega Delgado Cejas "
            "Aguilera Mendoza Escobar Rivas Barrios Palacios Villarreal Arce Gallardo Toledo Montenegro "
            "Ávila Franco Bravo Zárate Olivera Leiva Pereyra Bazán Brizuela Campos Reynoso Rossi Russo "
            "Romano Colombo Bruno Costa Ricci Gallo Greco Fontana Ferrari Marino Lombardi Esposito Giordano "
            "Conti Velázquez Aranda Acuña Ávalos Barrionuevo Bustamante Cabral Carabajal Coria Córdoba "
            "Duarte Espinosa Frías Galván Gauna Gil Heredia Lescano Lobo Lezcano Maidana Márquez Martín "
            "Mercado Monzón Moyano Muñoz Nieto Oviedo Paredes Peña Quinteros Roldán Rosales Salinas Sandoval "
            "Santillán Sotelo Tapia Valdez Vallejos Varela Videla Vidal Villegas Zalazar Zapata"
        ),
        0.3,
        2,
    ),
    "DO": (
        _n(
            "Yokasta Altagracia Yokaira Yanet Rosanna Mercedes Yudelka Carolin Esmeralda Ana Yahaira Dilcia "
            "Nairobi Ruth María Rosa Juana Carmen Francisca Margarita Ramona Mariela Yesenia Yamilka Kenia "
            "Katherine Yomaira Yaritza Miguelina Leidy Mildred Maritza Milagros Marisol Nieves Niurka Paola "
            "Raquel Sandra Santa Sonia Teresa Wendy Arelis Belkis Bienvenida Cristina Daisy Dulce Elizabeth "
            "Evelyn Fiordaliza Gladys Griselda Indhira Isabel Jacqueline Josefina Juliana Karina Lourdes "
            "Lucía Luisa Magaly Mayra Natividad Nurys Odalis Patria Rafaela Rosario Scarlet Tania Virginia "
            "Yasmín Yulissa Zoila Leticia Marilyn Massiel Nicaury Perla Rosaura Cándida Fátima Ivelisse "
            "Melissa Aracelis Dominga Estefany Ingrid Johanna Marleny"
        ),
        _n(
            "Ramón Yunior Wander Jonathan Elvin Anderson Starlin Yohan Félix Ángel Rafael Domingo Franklin "
            "Wellington José Juan Luis Manuel Pedro Carlos Francisco Miguel Antonio Julio Víctor Héctor "
            "Roberto Eddy Eduardo Frank Freddy Henry Jesús Joel Johnny Jorge Leonel Kelvin Leonardo Martín "
            "Melvin Nelson Omar Pablo Radhamés Raúl Ricardo Samuel Teodoro Wilson Andrés Arismendy "
            "Bienvenido Cristian Daniel Darío David Edwin Elvis Emmanuel Ernesto Fausto Fernando Geraldo "
            "Gregorio Hipólito Isidro Julián Leandro Marino Máximo Moisés Néstor Orlando Osvaldo Porfirio "
            "Quilvio Reynaldo Ruddy Santiago Tomás Vladimir Wilkin Wilfredo William Wascar Alexander Alberto "
            "Alejandro Amado Aneudy Bernardo Cristóbal Danilo Diómedes Esteban Faustino Feliciano Gilberto "
            "Hilario Ismael Lorenzo Mateo Mauricio Nicolás Robinson Rolando Sergio"
        ),
        _n(
            "Núñez Peralta De_la_Cruz Reyes Santos Pérez Jiménez Rosario Batista Mejía Féliz Guzmán "
            "Encarnación Almonte Polanco Familia Santana Castillo Rodríguez Martínez García Hernández "
            "González Díaz Ramírez Sánchez Vásquez Gómez De_la_Rosa Cruz Herrera Mercedes Morales Ortiz "
            "Valdez Paulino Ramos Báez Medina Cabrera Tavárez Taveras Acosta Vargas Rivera Torres Castro "
            "Cuevas Cordero Mateo Marte Frías Lora Ureña Tejada Guerrero Abreu Alcántara Brito Bautista "
            "Beltré Cabral Calderón Carrasco Cepeda Concepción Contreras Cuello Custodio Delgado Disla "
            "Duarte Durán Espinal Estévez Fernández Florentino Fermín Figuereo Gil Germán Hidalgo Jáquez "
            "Javier Lebrón León López Luna Lorenzo Matos Méndez Moreta Minaya Mora Moreno Navarro Ogando "
            "Olivo Ozuna Pichardo Placencia Peña Quezada Reynoso Rivas Rojas Romero Rosado Ruiz Sosa Soriano "
            "Suero Sierra Tapia Terrero Tineo Toribio Ulloa Valenzuela Veras Ventura Vicente Vidal Zapata "
            "Acevedo Adames Aquino Arias Bonilla Burgos Candelario Carvajal Cedano Corniel Domínguez "
            "Evangelista Ferreras Fabián Genao Heredia Inoa Lantigua Liriano Lugo Manzueta Montero Ortega "
            "Paredes Pimentel Portorreal Rondón Salcedo Santiago Silverio Vólquez Severino Pujols Almánzar "
            "Bueno Cáceres Soto De_Jesús De_los_Santos De_León Marmolejos Capellán"
        ),
        0.4,
        2,
    ),
    "CU": (
        _n(
            "Yanelis Dayana Yudelkis Yamilé Yaima Odalys Yusimí Mailén Dayamí Yordanka Lisandra Arianna "
            "María Ana Yanet Yaneisy Yamila Yuliet Yusleidy Yaquelín Yenisleidy Yurisleidy Maité Marlén "
            "Mayelín Mayra Magaly Madelín Niurka Yudith Zoila Zenaida Caridad Regla Mercedes Isabel Carmen "
            "Rosa Teresa Marta Gladys Elena Nancy Xiomara Yolanda Iliana Ileana Idania Dianelys Daniela "
            "Claudia Laura Lianet Lilian Lourdes Anabel Annia Beatriz Dania Elizabeth Katia Leyanis Liset "
            "Maricela Mariela Marisol Mileidy Milagros Mirtha Nilda Olga Raquel Sandra Sonia Tania Yadira "
            "Yarelis Yisel Yuneisy Yoandra Yilian Yunia Damarys Aleida Dunia Noemí Aymara Marisleidy Yanara "
            "Yamilka Yoanka Odalis"
        ),
        _n(
            "Yoandri Reinier Yosvany Yunior Osmany Alexei Yasmany Dariel Lázaro Raidel Adonis Eliécer José "
            "Luis Carlos Jorge Juan Pedro Manuel Miguel Rafael Ramón Roberto Alberto Alejandro Ernesto "
            "Eduardo Ángel Alexander Yoel Yordan Yoan Yasiel Yunieski Yuniel Yandy Yadier Yariel Yoelvis "
            "Yoenis Yulieski Yoandy Orlando Osvaldo Óscar Pablo Raúl Reynaldo Ricardo Rolando Sergio Tomás "
            "Víctor Vladimir Alexis Andy Ariel Arnaldo Dairon Daniel David Denis Diosdado Elier Frank Félix "
            "Gilberto Héctor Humberto Idalberto Ignacio Iván Jesús Joel Julio Leonel Leandro Lester Mario "
            "Maykel Michel Misael Norge Noel Orestes Pavel Raciel Randy Rodolfo Rubén Wilfredo Alain Adrián "
            "Osniel Yaniel Yordanis Yusniel Yosdany"
        ),
        _n(
            "Castillo Hernández Rivero González Rodríguez Pérez Díaz Fernández Pupo Leyva Rosabal Batista "
            "Cabrera Echevarría Ramírez Alfonso Sarmiento García López Martínez Sánchez Gómez Morales "
            "Álvarez Cruz Ruiz Jiménez Torres Reyes Castro Suárez Delgado Ramos Vázquez Rojas Romero Herrera "
            "Medina Acosta Aguilar Ortiz Guerra Molina Mora Peña Marrero Cardoso Llanes Pino Valdés "
            "Despaigne Quintero Santana Rivera Montero Rosales Almaguer Ávila Barrios Betancourt Brito "
            "Calzadilla Chávez Céspedes Concepción Cordovés Cuesta Curbelo Domínguez Duarte Estrada Fonseca "
            "Fuentes Gil Guerrero Gutiérrez Hidalgo Iglesias Labrada Lara León Lorenzo Lugo Machado Mesa "
            "Miranda Navarro Núñez Ochoa Oliva Ortega Pacheco Padrón Palacios Paz Pineda Plasencia Ponce "
            "Pozo Quesada Quiñones Recio Rey Rivas Roque Rubio Salgado Santos Sardiñas Sierra Soler Sosa "
            "Tamayo Toledo Valdivia Vargas Varona Vega Vera Vidal Zamora Zayas Arias Arencibia Ayala "
            "Bermúdez Blanco Bravo Cabrales Caballero Cárdenas Carrasco Carrillo Casanova Cedeño Chirino "
            "Cisneros Cobas Collazo Corrales Figueredo Gallardo Gálvez Garrido Godoy Guevara Guzmán Hurtado "
            "Infante Leal Linares Llerena Lozano Marín Márquez Martín Matos Mendoza Milián Nápoles Osorio "
            "Pardo Pedroso Perdomo Piñeiro Riverón Rizo Salazar Sotolongo Tejeda Velázquez Viera Villalobos"
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
