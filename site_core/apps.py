from django.apps import AppConfig


class SiteCoreConfig(AppConfig):
    name = "site_core"
    verbose_name = "Site"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.models.signals import post_delete, post_save
        from wagtail.models import Page, PageViewRestriction
        from wagtail.signals import (
            page_published,
            page_slug_changed,
            page_unpublished,
            post_page_move,
        )

        from . import purge, redirects, renditions
        from .search import vocabulary
        from .staff import roles

        # Redirects only from addresses that were public (Wagtail's own handlers are off).
        page_slug_changed.connect(redirects.on_slug_change, dispatch_uid="redirect-slug")
        post_page_move.connect(redirects.on_move, dispatch_uid="redirect-move")

        # "Did you mean" lends the words of visible pages only: every change that can
        # change what the public sees of a page brings its words in line.
        page_published.connect(vocabulary.on_publish_or_unpublish, dispatch_uid="vocab-publish")
        page_unpublished.connect(vocabulary.on_publish_or_unpublish, dispatch_uid="vocab-unpublish")
        post_page_move.connect(vocabulary.on_move, dispatch_uid="vocab-move")
        post_delete.connect(vocabulary.on_delete, sender=Page, dispatch_uid="vocab-delete")
        for signal in (post_save, post_delete):
            signal.connect(
                vocabulary.on_restriction_change,
                sender=PageViewRestriction,
                dispatch_uid=f"vocab-restriction-{signal is post_save}",
            )
        # A language's home page, made by wagtail-localize once the language is added,
        # opens to the translators (their page permissions live on it).
        post_save.connect(roles.open_translation_tree, dispatch_uid="roles-translation-tree")
        # Images are rendered when content is published, not on a visitor's first request.
        renditions.connect()
        # Every change purges the pages that show it, here and in a CDN in front.
        purge.connect()
