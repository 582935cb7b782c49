from django.apps import AppConfig


class ReflectionsConfig(AppConfig):
    name = "reflections"
    verbose_name = "Reflections"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.utils.translation import gettext_lazy as _

        from site_core.search.types import register

        from . import listings  # noqa: F401  (registers reverse listings)
        from .models import ReflectionPage

        register("reflection", _("Reflection"), ReflectionPage, summary_field="intro")
