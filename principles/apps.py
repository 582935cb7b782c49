from django.apps import AppConfig


class PrinciplesConfig(AppConfig):
    name = "principles"
    verbose_name = "Principles"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from wagtail.signals import page_published

        from .models import PrinciplePage
        from .models.history import record_wording

        page_published.connect(record_wording, sender=PrinciplePage, dispatch_uid="wording")

        # Each language's PDF is typeset after a publication, not on a visitor's request.
        from . import pdf_builds

        pdf_builds.connect_signals()
