"""Admin registration for the Theme snippet."""

from wagtail.admin.ui.tables import LiveStatusTagColumn
from wagtail.snippets.models import register_snippet

from site_core.snippets import LibrarySnippetViewSet

from .models import Theme


class ThemeViewSet(LibrarySnippetViewSet):
    """Themes, with drafts, history and review (see ``PublishedSnippetMixin``).

    No ``list_filter = ["locale"]``: Wagtail adds its own language filter to a
    translatable snippet's list, on the same ``?locale=`` parameter as its language
    switch; a filter of ours on that field sent a locale id where Wagtail expects a
    language code, and the list answered 404.
    """

    model = Theme
    icon = "tag"
    menu_label = "Themes"
    menu_order = 210
    add_to_admin_menu = True
    list_display = ["name", "slug", "locale", LiveStatusTagColumn()]
    ordering = ["name"]


register_snippet(ThemeViewSet)
