"""The admin's home page: what needs doing, on one screen.

Wagtail's own panels stay where they help: "Awaiting your review" (first, for
moderators), "Your pages and snippets in a workflow" and locked pages. Added here,
each shown to those who can act on it, each item linking to where they act:

- your drafts: pages whose latest change is yours and not yet published (this
  replaces Wagtail's "Your most recent edits", which mixes in published work);
- translations to do: English principles and reflections with no Spanish yet (an
  untranslated copy, or a translation never published) or whose Spanish is out of
  date: the English wording changed after the Spanish was last published
  (principles, from their wording history) or the English was published after it
  (reflections);
- principles due for review: "reviewed" means published, so a principle last
  published more than twelve months ago is due;
- the latest contact messages, for those who read them, with those the mail server
  has not taken yet marked (``manage.py retry_contact_mail`` sends them);
- the page count counts pages staff made: untranslated copies are left out.

Every panel costs a fixed number of queries, however many items it lists.
"""

import datetime

from django.db.models import Count, F, OuterRef, Q, Subquery
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.navigation import get_site_for_user
from wagtail.admin.site_summary import PagesSummaryItem, SummaryItem
from wagtail.admin.ui.components import Component
from wagtail.admin.views.home import RecentEditsPanel, WorkflowObjectsToModeratePanel
from wagtail.models import Locale, Page, Site
from wagtail_localize.models import TranslationSource

from principles.models import PrinciplePage
from principles.models.history import with_wording_dates
from reflections.models import ReflectionPage
from site_core.models import ContactSubmission

from .roles import READ_CONTACT_MESSAGES, SOURCE_LANGUAGE

SHOWN = 10  # items per list; the heading gives the total
REVIEW_EVERY = datetime.timedelta(days=365)
TRANSLATE = "wagtail_localize.submit_translation"


class DashboardPanel(Component):
    """A titled list on the dashboard: ``items`` (at most ``SHOWN``) of ``total``."""

    def __init__(self, request):
        self.request = request

    def get_context_data(self, parent_context):
        items, total = self.items()
        return {"items": items, "total": total, "more": total - len(items), "request": self.request}


class YourDrafts(DashboardPanel):
    name = "your_drafts"
    order = 230
    template_name = "site_core/staff/dashboard/your_drafts.html"

    def items(self):
        drafts = (
            Page.objects.filter(
                depth__gt=1,
                has_unpublished_changes=True,
                latest_revision__user=self.request.user,
                alias_of__isnull=True,
            )
            .select_related("locale", "content_type")
            .order_by("-latest_revision_created_at")
        )
        return list(drafts[:SHOWN]), drafts.count()


class TranslationsToDo(DashboardPanel):
    name = "translations_to_do"
    order = 240
    template_name = "site_core/staff/dashboard/translations_to_do.html"

    def items(self):
        source = Locale.get_default()
        rows = []
        total = 0
        for target in Locale.objects.exclude(pk=source.pk).order_by("language_code"):
            for model in (PrinciplePage, ReflectionPage):
                pages = behind_in(model, source, target)
                total += pages.count()
                # Always the same slice: the query count must not depend on the items.
                rows += [TranslationToDo(page, target) for page in pages[:SHOWN]]
        return rows[:SHOWN], total


def behind_in(model, source, target):
    """``model`` pages of ``source`` that ``target`` lacks or has out of date, with what to link."""
    translation = Page.objects.filter(translation_key=OuterRef("translation_key"), locale=target)
    pages = model.objects.live().filter(locale=source, alias_of__isnull=True)
    if model is PrinciplePage:
        pages = with_wording_dates(pages).annotate(changed=F("last_revised"))
        order = ["number"]
    else:
        pages = pages.annotate(changed=F("last_published_at"))
        order = ["-date", "-pk"]
    return (
        pages.annotate(
            target_pk=Subquery(translation.values("pk")[:1]),
            target_alias_of=Subquery(translation.values("alias_of_id")[:1]),
            target_published=Subquery(translation.values("last_published_at")[:1]),
            source_pk=Subquery(
                TranslationSource.objects.filter(
                    object_id=OuterRef("translation_key"), locale=source
                ).values("pk")[:1]
            ),
        )
        .filter(
            Q(target_pk__isnull=True)
            | Q(target_alias_of__isnull=False)
            | Q(target_published__isnull=True)
            | Q(changed__gt=F("target_published"))
        )
        .select_related("locale")
        .order_by(*order)
    )


class TranslationToDo:
    """One line of "Translations to do": the English page, what is missing, where to act."""

    def __init__(self, page, target):
        self.page = page
        self.language = target.get_display_name()
        untranslated = page.target_pk is None or page.target_alias_of is not None
        if untranslated:
            self.status = _("Not translated yet")
            self.action = _("Translate")
            self.url = reverse("wagtail_localize:submit_page_translation", args=[page.pk])
        elif page.target_published is None:
            self.status = _("Translation not published yet")
            self.action = _("Continue the translation")
            self.url = reverse("wagtailadmin_pages:edit", args=[page.target_pk])
        else:
            self.status = _("Out of date")
            self.action = _("Update the translation")
            self.url = (
                reverse("wagtail_localize:update_translations", args=[page.source_pk])
                if page.source_pk
                else reverse("wagtailadmin_pages:edit", args=[page.target_pk])
            )


class PrinciplesDueForReview(DashboardPanel):
    name = "principles_due_for_review"
    order = 260
    template_name = "site_core/staff/dashboard/principles_due_for_review.html"

    def items(self):
        due = (
            PrinciplePage.objects.live()
            .filter(
                locale=Locale.get_default(),
                alias_of__isnull=True,
                last_published_at__lt=timezone.now() - REVIEW_EVERY,
            )
            .order_by("last_published_at", "number")
        )
        return list(due[:SHOWN]), due.count()


class LatestContactMessages(DashboardPanel):
    name = "latest_contact_messages"
    order = 270
    template_name = "site_core/staff/dashboard/latest_contact_messages.html"

    def items(self):
        messages = ContactSubmission.objects.select_related("page", "page__locale").order_by(
            "-submit_time", "-pk"
        )
        # Both counts in one query, so the panel's cost stays fixed.
        self.counts = ContactSubmission.objects.aggregate(
            total=Count("pk"), not_mailed=Count("pk", filter=Q(mailed_at__isnull=True))
        )
        shown = [ContactMessage(message) for message in messages[:SHOWN]]
        return shown, self.counts["total"]

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        context["not_mailed"] = self.counts["not_mailed"]
        return context


class ContactMessage:
    """A received message as the dashboard lists it: when, which form, the start of it,
    and whether it has reached the team's mailbox."""

    PREVIEW = 80

    def __init__(self, submission):
        self.submission = submission
        self.page = submission.page
        self.mailed = submission.mailed_at is not None
        texts = [str(value) for value in submission.form_data.values() if value]
        longest = max(texts, key=len, default="")
        self.preview = longest[: self.PREVIEW] + ("…" if len(longest) > self.PREVIEW else "")
        self.url = reverse("wagtailforms:list_submissions", args=[submission.page_id])


class LibraryPagesSummaryItem(SummaryItem):
    """Wagtail's page count, without the untranslated copies, and per language."""

    order = 100
    template_name = "site_core/staff/dashboard/pages_summary.html"

    def get_context_data(self, parent_context):
        root = get_site_for_user(self.request.user)["root_page"]
        pages = Page.objects.filter(depth__gt=1, alias_of__isnull=True)
        if root is not None and not root.is_root():
            pages = pages.descendant_of(root, inclusive=True)
        elif root is not None:
            # As Wagtail does: link to the site's home rather than the tree's root (#1883).
            site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
            root = site.root_page if site else root
        by_language = list(
            pages.order_by("locale__language_code")
            .values("locale__language_code")
            .annotate(count=Count("pk"))
        )
        locales = {locale.language_code: locale for locale in Locale.objects.all()}
        return {
            "root_page": root,
            "total_pages": sum(row["count"] for row in by_language),
            "by_language": [
                (locales[row["locale__language_code"]].get_display_name(), row["count"])
                for row in by_language
            ],
        }

    def is_shown(self):
        return PagesSummaryItem(self.request).is_shown()


@hooks.register("construct_homepage_panels")
def what_needs_doing(request, panels):
    user = request.user
    panels[:] = [panel for panel in panels if not isinstance(panel, RecentEditsPanel)]
    for panel in panels:
        if isinstance(panel, WorkflowObjectsToModeratePanel):
            panel.order = 200  # waiting for your review comes first
    panels.append(YourDrafts(request))
    if user.has_perm(TRANSLATE):
        panels.append(TranslationsToDo(request))
    if user.has_perm(SOURCE_LANGUAGE):
        panels.append(PrinciplesDueForReview(request))
    if user.has_perm(READ_CONTACT_MESSAGES):
        panels.append(LatestContactMessages(request))


# After Wagtail's own hook, which adds the page count this one replaces.
@hooks.register("construct_homepage_summary_items", order=100)
def count_pages_staff_made(request, items):
    items[:] = [item for item in items if not isinstance(item, PagesSummaryItem)]
    items.insert(0, LibraryPagesSummaryItem(request))
