from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OficinaConfig(AppConfig):
    name = "oficina"
    verbose_name = _("Oficina")

    def ready(self) -> None:
        from django.apps import apps
        from django.db.models.signals import post_migrate

        from .roles import sincronizar_grupos

        # After atenciones' permissions exist (its post_migrate runs after auth's handler).
        post_migrate.connect(sincronizar_grupos, sender=apps.get_app_config("atenciones"))
        # Haitian Creole is missing from Django's LANG_INFO; the language switcher needs it.
        from django.conf.locale import LANG_INFO

        LANG_INFO.setdefault(
            "ht", {"bidi": False, "code": "ht", "name": "Haitian Creole", "name_local": "Kreyòl ayisyen"}
        )

        # Public pages are cached; edits to public content invalidate them.
        from . import cache_publico

        cache_publico.conectar()
