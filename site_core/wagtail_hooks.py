"""Admin registration for site_core's snippets."""

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Contributor


class ContributorViewSet(SnippetViewSet):
    model = Contributor
    icon = "group"
    menu_label = "Contributors"
    menu_order = 200
    add_to_admin_menu = True
    list_display = ["name", "role", "pronouns", "locale"]
    list_filter = ["locale"]
    ordering = ["name"]


register_snippet(ContributorViewSet)
