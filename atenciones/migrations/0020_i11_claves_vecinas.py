"""Issue 11: a GIN index on each phonetic key's one-deletion neighbourhood (PostgreSQL only).

`persona_claves_vecinas(claves)` lists every key of `Persona.claves` and, for keys of three
letters or more, each key with one letter deleted and the letters that deletion brings together
collapsed (atenciones.identidad.claves_vecinas, the same rule in Python). The typo-tolerant search (selectors.duplicados.candidatos_busqueda) finds a
mistyped word through it: "joeph" (JF) meets "Joseph" (JSF), "micel" (MSL) meets "Michel" (MXL,
both hold ML). It replaces the half-key `LIKE` over the trigram index, which missed a slip in a
three-letter key and any slip in a two-letter one. Built concurrently, then ANALYZE. On SQLite
the function is registered on each connection (atenciones.apps) and there is no index.
"""

from django.db import migrations

FUNCION = """
CREATE OR REPLACE FUNCTION persona_claves_vecinas(claves text) RETURNS text[]
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE COST 1000 AS $$
DECLARE
    k text;
    v text;
    n integer;
    salida text[] := '{}';
BEGIN
    FOREACH k IN ARRAY string_to_array(btrim(claves), ' ') LOOP
        n := length(k);
        CONTINUE WHEN n < 2;
        IF NOT k = ANY(salida) THEN
            salida := salida || k;
        END IF;
        CONTINUE WHEN n < 3;
        FOR i IN 1 .. n LOOP
            v := regexp_replace(substr(k, 1, i - 1) || substr(k, i + 1), '(.)\\1+', '\\1', 'g');
            IF length(v) >= 2 AND NOT v = ANY(salida) THEN
                salida := salida || v;
            END IF;
        END LOOP;
    END LOOP;
    RETURN salida;
END
$$
"""
INDICE = "persona_claves_vecinas_idx"


def crear_indice(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(FUNCION)
    schema_editor.execute(
        f"CREATE INDEX CONCURRENTLY IF NOT EXISTS {INDICE} ON atenciones_persona "
        "USING gin (persona_claves_vecinas(claves))"
    )
    schema_editor.execute("ANALYZE atenciones_persona")


def quitar_indice(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"DROP INDEX CONCURRENTLY IF EXISTS {INDICE}")
    schema_editor.execute("DROP FUNCTION IF EXISTS persona_claves_vecinas(text)")


class Migration(migrations.Migration):
    # CREATE INDEX CONCURRENTLY cannot run inside a transaction.
    atomic = False

    dependencies = [
        ("atenciones", "0019_i12_deshacer_en_segundo_plano"),
    ]

    operations = [
        migrations.RunPython(crear_indice, quitar_indice),
    ]
