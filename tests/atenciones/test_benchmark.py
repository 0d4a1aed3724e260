import json

import pytest
from django.core.management import CommandError, call_command

from atenciones.management.commands.benchmark import p95

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _debug(settings):
    settings.DEBUG = True


def test_benchmark_runs_on_a_small_database_and_compares_each_page_with_the_floor(tmp_path, capsys):
    # A tiny demo database used to crash the benchmark (the 501st RUN did not exist).
    call_command("seed_demo", personas=40, atenciones=120, verbosity=0)
    archivo = tmp_path / "chica.json"
    call_command("benchmark", repeticiones=1, guardar=str(archivo))
    salida = capsys.readouterr().out
    assert "× piso" in salida and "personas_buscar_documento" in salida
    resultado = json.loads(archivo.read_text())
    paginas = resultado["paginas"]
    assert resultado["tamanio"] == {"personas": 40, "atenciones": 120}
    assert paginas["piso"]["estado"] == 200
    # The floor is the staff layout (as on the empty new-person form) plus one indexed query.
    assert paginas["piso"]["consultas"] == paginas["persona_nueva"]["consultas"] + 1
    assert all(m["estado"] == 200 for m in paginas.values()), {n: m["estado"] for n, m in paginas.items()}
    assert {"mi_dia", "indicadores_anio", "admin_historial_cambios", "admin_registro_accesos"} <= set(paginas)
    # Each page says how much of its time was the database's: some, never more than the whole.
    assert all(0 < m["sql_mediana"] <= m["mediana"] for m in paginas.values())


def test_searches_are_compared_with_the_admins_default_search(tmp_path, capsys):
    call_command("seed_demo", personas=40, atenciones=120, verbosity=0)
    archivo = tmp_path / "busquedas.json"
    call_command("benchmark", repeticiones=1, solo="personas_buscar", contra_admin=True, guardar=str(archivo))
    salida = capsys.readouterr().out
    assert "× búsqueda" in salida and "× página" in salida
    admin = json.loads(archivo.read_text())["admin_por_defecto"]
    assert set(admin) == {
        "personas_buscar_nombre",
        "personas_buscar_apellido_comun",
        "personas_buscar_documento",
        "personas_buscar_telefono",
        "personas_buscar_mal_escrito",
        "personas_buscar_sonido_frances",
        "personas_buscar_g_j",
        "personas_buscar_sin_resultados",
    }
    assert admin["personas_buscar_apellido_comun"]["consulta"] == "gonzalez"
    assert all(m["admin_ms"] > 0 and m["equipo_ms"] > 0 and m["razon"] > 0 for m in admin.values())
    assert all(m["razon_pagina"] > 0 for m in admin.values())


def test_default_admin_search_is_icontains_over_the_person_admins_fields():
    from atenciones.benchmark import busqueda_admin_por_defecto
    from tests.factories import PersonaFactory

    PersonaFactory(nombres="Rosa", apellidos="González Díaz", telefono="+56 9 5555 1234")
    PersonaFactory(nombres="Ana", apellidos="Pérez")
    # icontains: accents matter, word order does not, a phone's digit groups are words.
    assert busqueda_admin_por_defecto("gonzález") == 1
    assert busqueda_admin_por_defecto("gonzalez") == 0
    assert busqueda_admin_por_defecto("díaz rosa") == 1
    assert busqueda_admin_por_defecto("+56 9 5555") == 1


def test_compare_prints_the_ratio_of_each_page_between_two_sizes(tmp_path, capsys):
    def guardar(nombre, personas, piso, mi_dia):
        archivo = tmp_path / nombre
        paginas = {
            "piso": {"p95": piso, "mediana": piso, "consultas": 3, "estado": 200},
            "mi_dia": {"p95": mi_dia, "mediana": mi_dia, "consultas": 9, "estado": 200},
        }
        archivo.write_text(
            json.dumps({"tamanio": {"personas": personas, "atenciones": 5 * personas}, "paginas": paginas})
        )
        return str(archivo)

    call_command(
        "benchmark", compare=[guardar("a.json", 1000, 2.0, 10.0), guardar("b.json", 100000, 4.0, 30.0)]
    )
    linea = next(li for li in capsys.readouterr().out.splitlines() if li.startswith("mi_dia"))
    # p95 30 / 10 = 3.00 between sizes; 5.0 and 7.5 times the floor at each size; queries 9→9.
    assert linea.split()[1:] == ["10.0", "30.0", "3.00", "5.0", "7.5", "9→9"]


def test_compare_of_a_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match="No se pudo leer"):
        call_command("benchmark", compare=[str(tmp_path / "no.json"), str(tmp_path / "tampoco.json")])


def test_p95_is_the_nearest_rank():
    assert p95([5.0]) == 5.0
    assert p95([float(i) for i in range(1, 11)]) == 10.0
    assert p95([float(i) for i in range(1, 21)]) == 19.0
    assert p95([float(i) for i in range(1, 101)]) == 95.0


def test_benchmark_writes_no_last_login(capsys):
    # Inside the run's transaction that UPDATE would hold the user's row lock to the end, and
    # another benchmark on the same database would wait for it.
    from django.db import connection

    call_command("seed_demo", personas=20, atenciones=40, verbosity=0)
    sentencias = []

    def registrar(execute, sql, params, many, context):
        sentencias.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(registrar):
        call_command("benchmark", repeticiones=1, solo="caso_detalle")
    assert sentencias
    assert not [s for s in sentencias if s.startswith("UPDATE") and "auth_user" in s]


def test_serving_targets_compare_each_page_with_the_static_file_measured_beside_it():
    from atenciones.benchmark_servir import Medida, Resultado

    def medida(nombre, rps, referencia=None, errores=0):
        m = Medida(nombre, f"/{nombre}/", tiempos=[5.0] * rps, estados={200: rps}, duracion=1.0)
        m.fallos = errores
        m.referencia = referencia
        return m

    lenta_al_lado = medida("estático", 1000)
    rapida_al_lado = medida("estático", 400)
    resultado = Resultado(
        estatico=medida("estático", 700),
        paginas=[
            medida("lenta", 450, lenta_al_lado),  # 45 % of the static file beside it
            medida("justa", 200, rapida_al_lado),  # 50 %
            medida("con errores", 900, lenta_al_lado, errores=2),
        ],
        memoria={11: {"VmRSS": 149.0, "VmHWM": 160.0}, 12: {"VmRSS": 151.0, "VmHWM": 151.0}},
        preparacion=[],
    )
    assert resultado.incumplidos() == [
        "lenta: 45% de las peticiones/s del archivo estático a su lado",
        "con errores: 2 respuestas con error ({200: 900})",
        "worker 12: 151 MB residentes (máximo 150)",
    ]
