from django.apps import AppConfig


class PrinciplesConfig(AppConfig):
    name = "principles"
    verbose_name = "Principles"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.utils.translation import gettext_lazy as _

        from site_core.search.types import register

        from . import listings  # noqa: F401  (registers reverse listings)
        from .models import PrinciplePage

        register("principle", _("Principle"), PrinciplePage, summary_field="statement")
