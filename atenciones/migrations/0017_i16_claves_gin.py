"""Issue 16: GIN indexes on the phonetic keys as arrays (PostgreSQL only).

The typo-tolerant search and duplicate detection look persons up by whole keys
(selectors.duplicados.con_claves, con_alguna_clave) instead of `claves LIKE '% PN %'` over the
trigram index, which intersected huge lists for short keys (issue 16):

- persona_claves_lista_idx, `string_to_array(btrim(claves), ' ')`: one key (`@>`, `&&`);
- persona_claves_pares_idx, `persona_claves_pares(claves)`: each pair of keys ("BTST JN", in C
  order), for two keys or more (`@>`). A pair's posting list is short where two common keys
  (PN, GNSLS: 186,000 persons each at 2,000,000) are not, and its frequency is in the
  statistics, so the planner no longer walks the table expecting an early match for keys that
  rarely meet.

The trigram index on `claves` (0006_i11) stays for the half-key `LIKE` of a mistyped word. Built
concurrently (no write lock on a large registry), then ANALYZE for the expressions' statistics.
A no-op on SQLite.
"""

from django.db import migrations

# Plain PL/pgSQL expressions, no query inside: about 3 µs a row (the index build, and a recheck).
FUNCION = """
CREATE OR REPLACE FUNCTION persona_claves_pares(claves text) RETURNS text[]
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE COST 1000 AS $$
DECLARE
    k text[] := string_to_array(btrim(claves), ' ');
    n integer := coalesce(array_length(k, 1), 0);
    pares text[] := '{}';
BEGIN
    FOR i IN 1 .. n LOOP
        FOR j IN i + 1 .. n LOOP
            IF k[i] = '' OR k[j] = '' OR k[i] = k[j] THEN
                CONTINUE;
            ELSIF k[i] COLLATE "C" < k[j] COLLATE "C" THEN
                pares := pares || (k[i] || ' ' || k[j]);
            ELSE
                pares := pares || (k[j] || ' ' || k[i]);
            END IF;
        END LOOP;
    END LOOP;
    RETURN pares;
END
$$
"""
INDICES = {
    "persona_claves_lista_idx": "gin (string_to_array(btrim(claves), ' '))",
    "persona_claves_pares_idx": "gin (persona_claves_pares(claves))",
}


def crear_indices(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(FUNCION)
    for nombre, definicion in INDICES.items():
        schema_editor.execute(
            f"CREATE INDEX CONCURRENTLY IF NOT EXISTS {nombre} ON atenciones_persona USING {definicion}"
        )
    schema_editor.execute("ANALYZE atenciones_persona")


def quitar_indices(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for nombre in INDICES:
        schema_editor.execute(f"DROP INDEX CONCURRENTLY IF EXISTS {nombre}")
    schema_editor.execute("DROP FUNCTION IF EXISTS persona_claves_pares(text)")


class Migration(migrations.Migration):
    # CREATE INDEX CONCURRENTLY cannot run inside a transaction.
    atomic = False

    dependencies = [
        ("atenciones", "0016_i16_indices_indicadores"),
    ]

    operations = [
        migrations.RunPython(crear_indices, quitar_indices),
    ]
