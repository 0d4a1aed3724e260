"""Issue 16: a GIN index on the phonetic keys as an array (PostgreSQL only).

The typo-tolerant search and duplicate detection look persons up by whole keys
(`string_to_array(btrim(claves), ' ') @> ARRAY[...]`, selectors.duplicados.con_claves); the trigram
index on `claves` (0006_i11) stays for the half-key `LIKE` of one mistyped word. Built
concurrently (no write lock on a large registry), then ANALYZE so the planner has the
expression's element statistics. A no-op on SQLite.
"""

from django.db import migrations

INDICE = "persona_claves_lista_idx"
CREAR = (
    f"CREATE INDEX CONCURRENTLY IF NOT EXISTS {INDICE} ON atenciones_persona "
    "USING gin (string_to_array(btrim(claves), ' '))"
)


def crear_indice(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(CREAR)
    schema_editor.execute("ANALYZE atenciones_persona")


def quitar_indice(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX CONCURRENTLY IF EXISTS {INDICE}")


class Migration(migrations.Migration):
    # CREATE INDEX CONCURRENTLY cannot run inside a transaction.
    atomic = False

    dependencies = [
        ("atenciones", "0016_i16_indices_indicadores"),
    ]

    operations = [
        migrations.RunPython(crear_indice, quitar_indice),
    ]
