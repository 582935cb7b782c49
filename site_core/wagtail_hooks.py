"""Admin registration for site_core's snippets, what serving a page checks, and the staff
modules (``site_core.staff``) whose hooks register when this module is imported."""

from django.http import Http404
from wagtail import hooks
from wagtail.admin.ui.tables import LiveStatusTagColumn
from wagtail.snippets.models import register_snippet
from wagtail.wagtail_hooks import check_view_restrictions

from .models import Contributor
from .snippets import LibrarySnippetViewSet
from .staff import (  # noqa: F401  (register hooks)
    dashboard,
    editing,
    roles,
    translation,
    translation_review,
)
from .visibility import is_expired


class ContributorViewSet(LibrarySnippetViewSet):
    """Contributors, with drafts, history and review (see ``PublishedSnippetMixin``).

    The language filter is Wagtail's own (see ``principles.wagtail_hooks.ThemeViewSet``).
    """

    model = Contributor
    icon = "group"
    menu_label = "Contributors"
    menu_order = 200
    add_to_admin_menu = True
    list_display = ["name", "role", "pronouns", "locale", LiveStatusTagColumn()]
    ordering = ["name"]


register_snippet(ContributorViewSet)


@hooks.register("on_serve_page")
def serve_only_what_the_public_may_see(callback):
    """Close the two gaps Wagtail leaves between "live" and "visible to the public".

    - A page past its expiry time answers 404 at once, not only after
      ``publish_scheduled`` has run; so does a copy whose source is unpublished.
    - An untranslated copy shows its source's words, so it asks for whatever the
      source asks for: Wagtail checks the source's own restrictions, but not those
      on the source's ancestors. The source's full check runs here, and the copy is
      served only when it passes (a password given for the source counts).
    """

    def inner(page, request, serve_args, serve_kwargs):
        source = page.alias_of if page.alias_of_id else None
        if is_expired(page) or (source is not None and (is_expired(source) or not source.live)):
            raise Http404("This page is not published")
        if source is None:
            return callback(page, request, serve_args, serve_kwargs)

        def serve_the_copy(_source, request, serve_args, serve_kwargs):
            return callback(page, request, serve_args, serve_kwargs)

        return check_view_restrictions(serve_the_copy)(source, request, serve_args, serve_kwargs)

    return inner
