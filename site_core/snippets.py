"""The admin views of our snippets (themes, contributors): Wagtail's, created without autosave.

With drafts (``PublishedSnippetMixin``), Wagtail's snippet create view autosaves
as the page one does: a half-filled form left behind would become a real item
holding its slug. As for pages (site_core/staff/editing.py), an item exists only
once staff save it; editing a saved item keeps autosave.
"""

from django.utils.translation import gettext
from wagtail.snippets.views.snippets import CreateView, SnippetViewSet


class CreateWithoutAutosaveView(CreateView):
    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.autosave_enabled = False

    def post(self, request, *args, **kwargs):
        if self.expects_json_response:
            # Only autosave posts here asking for JSON; an item nobody saved is not made.
            return self.json_error_response(
                "autosave_off_for_new_items", gettext("Save the item to create it.")
            )
        return super().post(request, *args, **kwargs)


class LibrarySnippetViewSet(SnippetViewSet):
    """A snippet viewset whose create view does not autosave."""

    add_view_class = CreateWithoutAutosaveView
