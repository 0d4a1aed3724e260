"""Create the staff groups with their permissions."""

from django.contrib.auth.management import create_permissions
from django.db import migrations


def crear_grupos(apps, schema_editor):
    from oficina.roles import PERMISOS

    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for nombre, codigos in PERMISOS.items():
        grupo, _ = Group.objects.get_or_create(name=nombre)
        permisos = []
        for codigo in codigos:
            app_label, codename = codigo.split(".")
            permisos.append(Permission.objects.get(content_type__app_label=app_label, codename=codename))
        grupo.permissions.set(permisos)


def borrar_grupos(apps, schema_editor):
    from oficina.roles import PERMISOS

    apps.get_model("auth", "Group").objects.filter(name__in=list(PERMISOS)).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("oficina", "0001_initial"),
        ("atenciones", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(crear_grupos, borrar_grupos)]
