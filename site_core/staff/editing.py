"""Editing without surprises: what the admin does when staff create, type and save.

- **A page exists once the editor saves it.** Every page type of ours is created
  by ``CreateWithoutAutosaveView``: Wagtail's create view with autosave off.
  Editing a saved page keeps autosave.
- **The principle list** shows number, title, themes, Spanish status and last
  publication, by number: in the explorer of a principle index and under
  "Principles" in the menu.
- **Slugs**: when the slug staff typed is saved differently (transliterated by
  ``site_core.forms.TransliteratedSlugField``), a message names the saved one.
- **Length limits**: a live counter under every text box with a limit
  (``static/js/length-counter.js``); the form's own error enforces the limit.
- **Choosing a page** (a related reflection, a link in rich text) offers pages in
  the language of the page being edited, in search results as when browsing.
- **Forms** lists each contact form once per language pair: translations store
  their messages on the main-language page (``ContactPage.submissions_page``).

Why autosave is off on new pages rather than abandoned autosaves ignored by the
checks: an autosaved new page is a real page in the tree. Its slug is refused
to the next page by Wagtail's own check, wagtail-localize gives it a Spanish
copy (which takes the Spanish slug), and it lists as a draft in the explorer
and on the dashboard. Every one of those places would need to know which
drafts are "abandoned", and no rule says when a draft is. With autosave off,
nothing exists until the editor presses Save, and Wagtail still warns before
leaving a page with unsaved changes.
"""

from django.conf import settings
from django.contrib import messages
from django.db.models import Exists, OuterRef, Q, Subquery
from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import (
    Column,
    DateColumn,
    RelatedObjectsColumn,
    StatusTagColumn,
    TitleColumn,
)
from wagtail.admin.ui.tables.pages import BulkActionsColumn, PageStatusColumn, PageTitleColumn
from wagtail.admin.views.pages.create import CreateView
from wagtail.admin.views.pages.listing import ExplorableIndexView, IndexView
from wagtail.admin.viewsets.pages import PageListingViewSet, PageViewSet
from wagtail.models import Locale, Page, get_page_models

from principles.models import PrinciplePage

OUR_APPS = {"site_core", "principles", "reflections"}
SPANISH = "es"


# New pages ---------------------------------------------------------------------------


class CreateWithoutAutosaveView(CreateView):
    """Wagtail's page create view, with autosave off: see the module's note for why."""

    def post(self, request):
        if self.expects_json_response:
            # Only autosave posts here asking for JSON; a page nobody saved is not made.
            return self.json_error_response(
                "autosave_off_for_new_pages", gettext("Save the page to create it.")
            )
        return super().post(request)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["autosave_enabled"] = False
        return context


class LibraryPageViewSet(PageViewSet):
    """Wagtail's page views for one of our page types, created without autosave."""

    add_view_class = CreateWithoutAutosaveView


# The principle list ------------------------------------------------------------------

NOT_YET, TRANSLATED, OUT_OF_DATE = _("Not yet"), _("Translated"), _("Out of date")


def with_spanish_status(pages):
    """Annotate what ``spanish_status`` needs, in the same query: two subqueries.

    ``spanish_published_at``: the last publication of the Spanish translation (none
    while it is an automatic copy of the English, or a translation never published);
    ``source_published_at``: the last publication of the English version.
    """
    versions = Page.objects.filter(translation_key=OuterRef("translation_key"))
    spanish = versions.filter(locale__language_code=SPANISH, alias_of__isnull=True)
    source = versions.filter(locale__language_code=settings.LANGUAGE_CODE)
    return pages.annotate(
        spanish_published_at=Subquery(spanish.values("last_published_at")[:1]),
        source_published_at=Subquery(source.values("last_published_at")[:1]),
    )


def spanish_status(page):
    """Not yet (no published Spanish), out of date (English published since), or translated."""
    spanish, source = page.spanish_published_at, page.source_published_at
    if spanish is None:
        return NOT_YET
    if source is not None and spanish < source:
        return OUT_OF_DATE
    return TRANSLATED


def principle_columns(title):
    """The principle list's columns around ``title``, the column that links each principle."""
    return [
        BulkActionsColumn("bulk_actions"),
        Column("number", label=_("Number"), sort_key="number", width="8%"),
        title,
        RelatedObjectsColumn("themes", label=_("Themes")),
        StatusTagColumn(
            "spanish",
            label=_("Spanish"),
            accessor=spanish_status,
            primary=lambda page: spanish_status(page) == TRANSLATED,
            width="12%",
        ),
        DateColumn(
            "last_published_at",
            label=_("Last published"),
            sort_key="last_published_at",
            width="14%",
        ),
        PageStatusColumn("status", label=_("Status"), sort_key="live", width="12%"),
    ]


# The explorer keeps Wagtail's title column with its page actions. Their "more" menu
# costs queries per row (wagtail-localize's Translate and Sync buttons), so the flat
# list links each title to the editor instead, and costs the same however long it is.
EXPLORER_COLUMNS = principle_columns(
    PageTitleColumn("title", label=_("Title"), sort_key="title", classname="title")
)
LIST_COLUMNS = principle_columns(
    TitleColumn(
        "title",
        label=_("Title"),
        accessor=lambda page: page.get_admin_display_title(),
        url_name="wagtailadmin_pages:edit",
        get_title_id=lambda page: f"page_{page.pk}_title",
        sort_key="title",
        classname="title",
    )
)


class PrincipleListingMixin:
    """The queries behind the themes and Spanish columns: a fixed number, however many rows."""

    def annotate_queryset(self, pages):
        return super().annotate_queryset(with_spanish_status(pages).prefetch_related("themes"))


class PrincipleExplorerView(PrincipleListingMixin, ExplorableIndexView):
    """The explorer of a principle index: its principles in number order."""


class PrincipleIndexView(PrincipleListingMixin, IndexView):
    """All principles in the site's main language, by number, each with its Spanish status."""

    show_locale_labels = False  # one language only: the column says where Spanish stands

    def get_base_queryset(self):
        return super().get_base_queryset().filter(locale__language_code=settings.LANGUAGE_CODE)


class PrinciplePageViewSet(LibraryPageViewSet):
    model = PrinciplePage
    index_view_class = PrincipleExplorerView
    columns = EXPLORER_COLUMNS
    ordering = "number"


class PrincipleListingViewSet(PageListingViewSet):
    model = PrinciplePage
    index_view_class = PrincipleIndexView
    columns = LIST_COLUMNS
    ordering = "number"
    icon = "list-ol"
    menu_label = _("Principles")
    menu_order = 110  # just after Pages
    add_to_admin_menu = True


@hooks.register("register_admin_viewset")
def register_page_viewsets():
    viewsets = [PrinciplePageViewSet(), PrincipleListingViewSet("principles")]
    viewsets += [
        LibraryPageViewSet(model=model)
        for model in get_page_models()
        if model._meta.app_label in OUR_APPS and model is not PrinciplePage
    ]
    return viewsets


# Slugs -------------------------------------------------------------------------------


def name_the_slug_it_was_saved_as(request, instance):
    """After saving, say so when the slug staff typed was saved differently."""
    typed = request.POST.get("slug", "").strip()
    saved = getattr(instance, "slug", "")
    if typed and saved and typed != saved and request.accepts("text/html"):
        messages.info(
            request,
            gettext(
                "The slug you typed, “%(typed)s”, was saved as “%(slug)s”: web addresses "
                "use only plain letters, digits and hyphens."
            )
            % {"typed": typed, "slug": saved},
        )


for hook_name in (
    "after_create_page",
    "after_edit_page",
    "after_create_snippet",
    "after_edit_snippet",
):
    hooks.register(hook_name, name_the_slug_it_was_saved_as)


# Length counters ---------------------------------------------------------------------


@hooks.register("insert_editor_js")
def length_counters():
    """The counter script, with its words in the admin's language."""
    return format_html(
        '<script src="{}" data-shown="{}" data-shown-over="{}" data-spoken="{}" '
        'data-spoken-over="{}"></script>',
        static("js/length-counter.js"),
        gettext("%(count)s / %(limit)s"),
        gettext("%(count)s / %(limit)s: %(over)s too many"),
        gettext("%(count)s of %(limit)s characters"),
        gettext("%(count)s characters: %(over)s more than the limit of %(limit)s"),
    )


@hooks.register("insert_global_admin_css")
def length_counter_style():
    return format_html('<link rel="stylesheet" href="{}">', static("css/admin-editing.css"))


# Choosers ----------------------------------------------------------------------------


@hooks.register("construct_page_chooser_queryset")
def search_in_the_language_being_edited(pages, request):
    """Search the page chooser in the language it was opened for.

    The editor opens the chooser with ``?locale=`` set to the language of the page
    being edited, and browsing keeps to it; Wagtail's search results ignore it and
    list every language, where a Spanish alias of a reflection looks exactly like the
    English one. Browsing is left alone: it filters by the page it is in.
    """
    match = request.resolver_match
    language = request.GET.get("locale", "")
    if match and match.url_name == "wagtailadmin_choose_page_search" and language:
        # By the locale's id: the search index filters on ``locale``, not its fields.
        # A code that is no language of ours (typed into the address) finds nothing.
        known = language in dict(settings.WAGTAIL_CONTENT_LANGUAGES)
        locale = Locale.objects.filter(language_code=language).first() if known else None
        return pages.filter(locale=locale) if locale else pages.none()
    return pages


# Forms -------------------------------------------------------------------------------


@hooks.register("filter_form_submissions_for_user")
def one_contact_form_per_language_pair(user, editable_forms):
    """Leave out translations whose page in the main language is there to list their messages."""
    main = Locale.get_default()
    has_main_version = Exists(
        Page.objects.filter(locale=main, translation_key=OuterRef("translation_key"))
    )
    return editable_forms.annotate(has_main_version=has_main_version).exclude(
        Q(has_main_version=True) & ~Q(locale=main)
    )
