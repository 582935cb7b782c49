from django.apps import AppConfig


class ReflectionsConfig(AppConfig):
    name = "reflections"
    verbose_name = "Reflections"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import listings  # noqa: F401  (registers reverse listings)
