"""The admin's dashboard says what needs doing, to whoever can do it, in a fixed number of queries."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import Page
from wagtail_localize.models import TranslationSource
from wagtail_localize.synctree import create_aliases_for_new_page

from principles.models import PrincipleWording
from site_core.models import ContactPage, ContactSubmission
from tests import factories
from tests.contact_helpers import filled_in
from tests.staff import logged_in, member_of, principle_form

pytestmark = pytest.mark.django_db

LONG_AGO = datetime.timedelta(days=400)


def dashboard(client):
    response = client.get("/admin/")
    assert response.status_code == 200
    return response.content.decode()


def panel(html, panel_id):
    """The HTML of one dashboard panel, or None when it is not shown."""
    match = re.search(rf'<section[^>]*id="{panel_id}-section".*?</section>', html, re.S)
    return match.group(0) if match else None


def published(page):
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def english_principle(tree, **fields):
    """A published English principle and its untranslated Spanish copy."""
    page = published(factories.PrinciplePageFactory(parent=tree.principles, **fields))
    create_aliases_for_new_page(page)
    return page


def translated(english, spanish_tree, when):
    """``english`` translated into Spanish, that translation last published at ``when``."""
    spanish = english.get_translation(spanish_tree.locale).specific
    spanish.alias_of = None
    spanish.title = f"ES {english.title}"
    spanish.save()
    published(spanish)
    Page.objects.filter(pk=spanish.pk).update(last_published_at=when)
    return spanish


def back_date_wording(english, when):
    PrincipleWording.objects.filter(page=english).update(published_at=when)
    Page.objects.filter(pk=english.pk).update(last_published_at=when)


# Your drafts -------------------------------------------------------------------------


def test_your_drafts_lists_your_unpublished_changes_only(client, tree):
    editor, other = member_of("Editors"), member_of("Editors")
    mine = factories.PrinciplePageFactory(
        parent=tree.principles, title="Mine to finish", live=False
    )
    mine.save_revision(user=editor)
    theirs = factories.PrinciplePageFactory(parent=tree.principles, title="Theirs", live=False)
    theirs.save_revision(user=other)

    drafts = panel(dashboard(logged_in(client, editor)), "your-drafts")
    assert "Mine to finish" in drafts
    assert f"/admin/pages/{mine.pk}/edit/" in drafts
    assert "Theirs" not in drafts


def test_an_editor_who_saved_a_draft_through_the_admin_finds_it_there(client, tree):
    client = logged_in(client, member_of("Editors"))
    client.post(
        f"/admin/pages/add/principles/principlepage/{tree.principles.pk}/",
        principle_form(831, "draft-from-the-form", title="Half-written principle"),
    )
    assert "Half-written principle" in panel(dashboard(client), "your-drafts")


# Translations to do ------------------------------------------------------------------


def test_an_untranslated_principle_is_listed_with_a_link_to_translate_it(client, tree):
    english = english_principle(tree, title="Only in English")
    html = panel(dashboard(logged_in(client, member_of("Translators"))), "translations-to-do")
    assert "Only in English" in html
    assert f"/admin/localize/submit/page/{english.pk}/" in html


def test_a_spanish_translation_older_than_the_english_wording_is_out_of_date(
    client, tree, spanish_tree
):
    now = timezone.now()
    english = english_principle(tree, title="Wording changed")
    back_date_wording(english, now - datetime.timedelta(days=10))
    translated(english, spanish_tree, when=now - datetime.timedelta(days=5))
    TranslationSource.get_or_create_from_instance(english)
    client = logged_in(client, member_of("Translators"))
    assert "Wording changed" not in panel(dashboard(client), "translations-to-do")

    english.statement = "A new wording, published after the Spanish."
    published(english)
    html = panel(dashboard(client), "translations-to-do")
    assert "Wording changed" in html and "Out of date" in html
    source = TranslationSource.objects.get(object_id=english.translation_key)
    assert f"/admin/localize/update/{source.pk}/" in html


def test_publishing_the_english_again_without_changing_its_words_leaves_the_spanish_current(
    client, tree, spanish_tree
):
    now = timezone.now()
    english = english_principle(tree, title="Same words")
    back_date_wording(english, now - datetime.timedelta(days=10))
    translated(english, spanish_tree, when=now - datetime.timedelta(days=5))
    published(english)  # a theme or a credit fixed: the wording is the same
    client = logged_in(client, member_of("Translators"))
    assert "Same words" not in panel(dashboard(client), "translations-to-do")


def test_a_reflection_published_after_its_spanish_is_out_of_date(client, tree, spanish_tree):
    english = published(
        factories.ReflectionPageFactory(parent=tree.reflections, title="Outreach notes")
    )
    create_aliases_for_new_page(english)
    translated(english, spanish_tree, when=timezone.now() - datetime.timedelta(days=1))
    html = panel(dashboard(logged_in(client, member_of("Editors"))), "translations-to-do")
    assert "Outreach notes" in html and "Out of date" in html


# Principles due for review -----------------------------------------------------------


def test_principles_not_published_for_twelve_months_are_due_for_review(client, tree):
    stale = english_principle(tree, title="Written long ago")
    back_date_wording(stale, timezone.now() - LONG_AGO)
    english_principle(tree, title="Written this year")
    html = panel(dashboard(logged_in(client, member_of("Moderators"))), "principles-due-for-review")
    assert "Written long ago" in html and f"/admin/pages/{stale.pk}/edit/" in html
    assert "Written this year" not in html
    # Translators cannot change the English: the list is not theirs.
    client.logout()
    assert (
        panel(dashboard(logged_in(client, member_of("Translators"))), "principles-due-for-review")
        is None
    )


# Contact messages --------------------------------------------------------------------


def test_the_latest_contact_messages_are_shown_to_those_who_read_them(client, tree):
    contact = ContactPage.objects.child_of(tree.home).get()
    message = {"your_email": "sam@example.net", "message": "Could you run a training in June?"}
    response = client.post(contact.url, filled_in(contact, message, client))
    assert response.status_code == 200
    assert ContactSubmission.objects.filter(page=contact).exists()

    html = panel(
        dashboard(logged_in(client, member_of("Administrators"))), "latest-contact-messages"
    )
    assert "Could you run a training in June?" in html
    assert f"/admin/forms/submissions/{contact.pk}/" in html
    client.logout()
    editor_html = dashboard(logged_in(client, member_of("Editors")))
    assert panel(editor_html, "latest-contact-messages") is None


# Waiting for your review and page counts ---------------------------------------------


def test_what_waits_for_a_moderators_review_comes_first(client, tree):
    editor_client = logged_in(client, member_of("Editors"))
    editor_client.post(
        f"/admin/pages/add/principles/principlepage/{tree.principles.pk}/",
        principle_form(832, "for-review", title="Please review me", **{"action-submit": "1"}),
    )
    client.logout()
    html = dashboard(logged_in(client, member_of("Moderators")))
    assert "Please review me" in panel(html, "awaiting-review")
    assert html.index('id="awaiting-review-section"') < html.index('id="your-drafts-section"')


def page_count(html):
    return int(re.search(r"(\d+) pages", html).group(1))


def test_page_counts_leave_out_the_untranslated_copies(client, tree, admin_client_logged_in):
    before = page_count(dashboard(admin_client_logged_in))
    english_principle(tree)  # and its Spanish copy
    assert page_count(dashboard(admin_client_logged_in)) == before + 1
    real = Page.objects.filter(depth__gt=1, alias_of__isnull=True).count()
    assert before + 1 == real < Page.objects.filter(depth__gt=1).count()


# Cost ------------------------------------------------------------------------------


def needing_attention(tree, owner, how_many):
    """Drafts, principles with no Spanish and due for review, messages: ``how_many`` of each."""
    contact = ContactPage.objects.child_of(tree.home).get()
    for _ in range(how_many):
        draft = factories.PrinciplePageFactory(parent=tree.principles, live=False)
        draft.save_revision(user=owner)
        factories.PrinciplePageFactory(
            parent=tree.principles, last_published_at=timezone.now() - LONG_AGO
        )
        # Half of them not mailed yet: the panel counts those too, in the same queries.
        ContactSubmission.objects.create(
            page=contact, form_data={"message": "Hello"}, mailed_at=timezone.now()
        )
        ContactSubmission.objects.create(page=contact, form_data={"message": "Still here"})


def test_the_dashboard_costs_the_same_queries_however_much_needs_doing(client, tree):
    admin = member_of("Administrators")
    client = logged_in(client, admin)
    needing_attention(tree, admin, 2)
    dashboard(client)  # caches warmed: content types, sites, locales

    with CaptureQueriesContext(connection) as few:
        dashboard(client)
    needing_attention(tree, admin, 12)
    dashboard(client)  # the new pages renewed the per-process memo (site_core/memo.py)
    with CaptureQueriesContext(connection) as many:
        html = dashboard(client)
    for panel_id in ("your-drafts", "translations-to-do", "principles-due-for-review"):
        assert "And " in panel(html, panel_id)  # more than a list shows
    assert "older messages" in panel(html, "latest-contact-messages")
    assert "14 messages have not reached the team" in panel(html, "latest-contact-messages")
    assert len(many) == len(few)


def test_every_role_sees_the_library_named_at_the_top_of_the_dashboard(client):
    for group in ("Editors", "Moderators", "Translators"):
        html = logged_in(client, member_of(group)).get("/admin/").content.decode()
        assert "Principles of Healing-Centered Harm Reduction" in html, group
        assert "<h1>localhost" not in html.replace("\n", "").replace(" ", "")
