from django.apps import AppConfig


class SiteCoreConfig(AppConfig):
    name = "site_core"
    verbose_name = "Site"
    default_auto_field = "django.db.models.BigAutoField"
