"""Person search column, filled for existing rows; on PostgreSQL a trigram index serves it."""

from django.db import migrations, models


def llenar_busqueda(apps, schema_editor):
    from atenciones.busqueda import texto_busqueda

    Persona = apps.get_model("atenciones", "Persona")
    lote = []
    for persona in Persona.objects.only(
        "nombres", "apellidos", "nombre_social", "documento_numero", "telefono"
    ).iterator(chunk_size=5000):
        persona.busqueda = texto_busqueda(persona)
        lote.append(persona)
        if len(lote) >= 5000:
            Persona.objects.bulk_update(lote, ["busqueda"])
            lote = []
    if lote:
        Persona.objects.bulk_update(lote, ["busqueda"])


def indice_trigramas(apps, schema_editor):
    # PostgreSQL only: `busqueda LIKE '%word%'` uses this GIN index; SQLite scans (small databases).
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS persona_busqueda_trgm_idx ON atenciones_persona "
        "USING gin (busqueda gin_trgm_ops)"
    )


def quitar_indice(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS persona_busqueda_trgm_idx")


class Migration(migrations.Migration):
    dependencies = [
        ("atenciones", "0002_i4_seguimiento_correos"),
    ]

    operations = [
        migrations.AddField(
            model_name="persona",
            name="busqueda",
            field=models.CharField(blank=True, editable=False, max_length=500, verbose_name="texto de búsqueda"),
        ),
        migrations.RunPython(llenar_busqueda, migrations.RunPython.noop, elidable=True),
        migrations.RunPython(indice_trigramas, quitar_indice),
    ]
