from django.apps import AppConfig


class SiteCoreConfig(AppConfig):
    name = "site_core"
    verbose_name = "Site"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from wagtail.signals import page_published

        from .search.vocabulary import record_terms_on_publish

        page_published.connect(record_terms_on_publish, dispatch_uid="search-vocabulary")
