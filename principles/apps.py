from django.apps import AppConfig


class PrinciplesConfig(AppConfig):
    name = "principles"
    verbose_name = "Principles"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import listings  # noqa: F401  (registers reverse listings)
