from django.apps import AppConfig


class ReflectionsConfig(AppConfig):
    name = "reflections"
    verbose_name = "Reflections"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from site_core.models.mixins import slug_changed

        from .models.directories import redirect_old_slug

        slug_changed.connect(redirect_old_slug, dispatch_uid="snippet-slug-redirects")
