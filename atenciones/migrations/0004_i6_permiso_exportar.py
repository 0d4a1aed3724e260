"""The bulk-export permission, granted to the office head's group."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

ENCARGADA = "Encargada de oficina"


def otorgar(apps, schema_editor):
    app_config = apps.get_app_config("atenciones")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permiso = Permission.objects.get(content_type__app_label="atenciones", codename="exportar_datos")
    grupo, _ = Group.objects.get_or_create(name=ENCARGADA)
    grupo.permissions.add(permiso)


def quitar(apps, schema_editor):
    apps.get_model("auth", "Permission").objects.filter(
        content_type__app_label="atenciones", codename="exportar_datos"
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("atenciones", "0003_i3_busqueda"),
        ("oficina", "0002_grupos"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="persona",
            options={
                "ordering": ["apellidos", "nombres"],
                "permissions": [
                    ("exportar_datos", "Puede exportar datos de personas, casos, atenciones y derivaciones")
                ],
                "verbose_name": "persona",
                "verbose_name_plural": "personas",
            },
        ),
        migrations.RunPython(otorgar, quitar),
    ]
