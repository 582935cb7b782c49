"""Editing without surprises (issue 10, findings 8 to 11), through the admin's own views."""

import re

import pytest
from bs4 import BeautifulSoup
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Locale
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield
from wagtail.users.models import UserProfile

from principles.models import PrinciplePage, Theme
from reflections.models import ReflectionPage
from tests import factories

pytestmark = pytest.mark.django_db

STATEMENT_411 = ("Care that listens first " * 18)[:411]


def principle_form(number, slug, title="Listen first", statement="Care listens first.", **extra):
    """What the admin's principle form posts (the required parts, and anything in ``extra``)."""
    return nested_form_data(
        {
            "title": title,
            "slug": slug,
            "number": number,
            "statement": statement,
            "summary": "",
            "body": streamfield([("paragraph", rich_text("Text"))]),
            "contributor_credits": inline_formset([]),
            "related_reflections": inline_formset([]),
            **extra,
        }
    )


def english(number):
    """The English principle numbered ``number`` (wagtail-localize gives each a Spanish copy)."""
    return PrinciplePage.objects.get(number=number, locale__language_code="en")


def add_url(index):
    return f"/admin/pages/add/principles/principlepage/{index.pk}/"


def form_tag(html):
    return BeautifulSoup(html, "html.parser").find("form", id="page-edit-form")


# 1. An abandoned new page holds no number and no slug ------------------------------------


def test_a_new_page_is_not_autosaved_but_an_existing_one_is(admin_client_logged_in, tree):
    client = admin_client_logged_in
    for url in (
        add_url(tree.principles),
        f"/admin/pages/add/reflections/reflectionpage/{tree.reflections.pk}/",
        f"/admin/pages/add/site_core/standardpage/{tree.home.pk}/",
    ):
        form = form_tag(client.get(url).content.decode())
        assert "w-autosave" not in form["data-controller"], url
    page = factories.PrinciplePageFactory(parent=tree.principles)
    form = form_tag(client.get(f"/admin/pages/{page.pk}/edit/").content.decode())
    assert "w-autosave" in form["data-controller"]


def test_an_abandoned_new_principle_blocks_no_number_or_slug(admin_client_logged_in, tree):
    client = admin_client_logged_in
    # What the autosave script posts from a half-filled form the editor then leaves.
    half_filled = principle_form(950, "listen-first", statement="")
    response = client.post(add_url(tree.principles), half_filled, HTTP_ACCEPT="application/json")
    assert response.status_code == 400
    assert not PrinciplePage.objects.filter(number=950).exists()
    # The second try, with the same number and slug, is simply saved.
    response = client.post(add_url(tree.principles), principle_form(950, "listen-first"))
    assert response.status_code == 302
    page = english(950)
    assert page.slug == "listen-first" and page.get_parent().pk == tree.principles.pk


# 2. No redirect from an address that was never public ------------------------------------


# Wagtail announces a slug change when the transaction commits: the tests run those callbacks.


def test_renaming_a_never_published_page_leaves_no_redirect(
    admin_client_logged_in, tree, django_capture_on_commit_callbacks
):
    client = admin_client_logged_in
    client.post(add_url(tree.principles), principle_form(951, "listen-first-caf"))  # a draft
    page = english(951)
    assert not page.live
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/admin/pages/{page.pk}/edit/",
            principle_form(951, "listen-first-cafe", **{"action-publish": "publish"}),
        )
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.live and page.slug == "listen-first-cafe"
    assert not Redirect.objects.filter(redirect_page=page).exists()
    # Nor does moving a draft.
    section = factories.StandardPageFactory(parent=tree.home, slug="a-section")
    draft = factories.StandardPageFactory(parent=tree.home, live=False, slug="draft-only")
    draft.move(section, pos="last-child")
    assert draft.specific_class.objects.get(pk=draft.pk).url_path.endswith("/a-section/draft-only/")
    assert not Redirect.objects.filter(old_path__contains="draft-only").exists()


def test_renaming_or_moving_a_published_page_leaves_a_redirect(
    tree, django_capture_on_commit_callbacks
):
    page = factories.PrinciplePageFactory(parent=tree.principles, slug="was-public")
    page.save_revision().publish()
    page.slug = "is-public"
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    redirect = Redirect.objects.get(old_path="/en/principles/was-public")
    assert redirect.redirect_page.pk == page.pk
    section = factories.StandardPageFactory(parent=tree.home, slug="a-section")
    about = factories.StandardPageFactory(parent=tree.home, slug="moving-page")
    about.save_revision().publish()
    about.move(section, pos="last-child")
    assert Redirect.objects.filter(old_path="/en/moving-page", redirect_page=about).exists()


def test_the_demo_library_leaves_no_redirects():
    # The session's demo translated every Spanish copy it has text for: no redirects.
    assert not Redirect.objects.exists()


# 3. Over-long text is refused with an error, never cut -----------------------------------


def test_an_over_long_statement_is_refused_and_kept(admin_client_logged_in, tree):
    response = admin_client_logged_in.post(
        add_url(tree.principles), principle_form(952, "too-long", statement=STATEMENT_411)
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Ensure this value has at most 300 characters (it has 411)." in html
    assert STATEMENT_411 in html  # kept in the box, whole, to shorten
    assert not PrinciplePage.objects.filter(number=952).exists()


def test_over_long_text_on_edit_saves_nothing(admin_client_logged_in, tree):
    page = factories.PrinciplePageFactory(parent=tree.principles, summary="Short.")
    page.save_revision().publish()
    summary = "A plain summary. " * 71  # 1207 characters
    response = admin_client_logged_in.post(
        f"/admin/pages/{page.pk}/edit/",
        principle_form(page.number, page.slug, summary=summary),
    )
    assert response.status_code == 200
    assert "at most 1200 characters (it has 1206)" in response.content.decode()
    page.refresh_from_db()
    assert page.summary == "Short." and page.get_latest_revision().as_object().summary == "Short."

    reflection = factories.ReflectionPageFactory(parent=tree.reflections)
    data = nested_form_data(
        {
            "title": reflection.title,
            "slug": reflection.slug,
            "date": "2026-10-01",
            "intro": "x" * 501,
            "body": streamfield([]),
            "contributor_credits": inline_formset([]),
        }
    )
    response = admin_client_logged_in.post(f"/admin/pages/{reflection.pk}/edit/", data)
    assert "at most 500 characters (it has 501)" in response.content.decode()
    assert ReflectionPage.objects.get(pk=reflection.pk).intro == "A reflection used in tests."


def test_line_breaks_count_once_as_the_counter_counts_them(admin_client_logged_in, tree):
    # 1,200 characters with line breaks: browsers post each break as two characters.
    summary = "\r\n".join(["x" * 99] * 12) + "x"
    assert len(summary.replace("\r\n", "\n")) == 1200
    response = admin_client_logged_in.post(
        add_url(tree.principles), principle_form(953, "line-breaks", summary=summary)
    )
    assert response.status_code == 302
    assert len(english(953).summary) == 1200


def test_editor_loads_the_length_counter_with_words_in_the_admins_language(
    admin_client_logged_in, tree, django_user_model
):
    html = admin_client_logged_in.get(add_url(tree.principles)).content.decode()
    script = BeautifulSoup(html, "html.parser").find("script", src="/static/js/length-counter.js")
    assert script["data-spoken"] == "%(count)s of %(limit)s characters"
    profile = UserProfile.get_for_user(django_user_model.objects.get(username="staff"))
    profile.preferred_language = "es"
    profile.save()
    html = admin_client_logged_in.get(add_url(tree.principles)).content.decode()
    script = BeautifulSoup(html, "html.parser").find("script", src="/static/js/length-counter.js")
    assert script["data-spoken"] == "%(count)s de %(limit)s caracteres"
    assert "/static/css/admin-editing.css" in html


# 4. Slugs: transliterated, and the editor told ------------------------------------------


def test_a_slug_made_from_the_title_is_transliterated(tree):
    page = PrinciplePage(title="listen first café ñ", number=954, statement="Listen.")
    tree.principles.add_child(instance=page)
    assert page.slug == "listen-first-cafe-n"


def test_a_typed_slug_is_transliterated_and_the_editor_told(admin_client_logged_in, tree):
    client = admin_client_logged_in
    html = client.get(add_url(tree.principles)).content.decode()
    slug_box = BeautifulSoup(html, "html.parser").find("input", attrs={"name": "slug"})
    assert "w-slug#slugify" not in slug_box["data-action"]  # typing is left alone until saved
    assert "w-slug#urlify" in slug_box["data-action"]  # from the title: transliterated
    response = client.post(
        add_url(tree.principles), principle_form(955, "listen first café ñ"), follow=True
    )
    assert english(955).slug == "listen-first-cafe-n"
    assert "was saved as “listen-first-cafe-n”" in response.content.decode()
    # A slug typed as it will be saved brings no message.
    response = client.post(add_url(tree.principles), principle_form(956, "plain-slug"), follow=True)
    assert "was saved as" not in response.content.decode()


def test_theme_and_contributor_slugs_are_transliterated(admin_client_logged_in):
    client = admin_client_logged_in
    response = client.post(
        "/admin/snippets/principles/theme/add/",
        {"name": "Café", "slug": "Café Ñ", "description": ""},
        follow=True,
    )
    assert Theme.objects.filter(slug="cafe-n").exists()
    assert "was saved as “cafe-n”" in response.content.decode()
    client.post(
        "/admin/snippets/principles/theme/add/",
        {"name": "Straße café", "slug": "", "description": ""},
    )
    assert Theme.objects.filter(slug="strasse-cafe").exists()
    person = factories.ContributorFactory()
    response = client.post(
        f"/admin/snippets/site_core/contributor/edit/{person.pk}/",
        {
            "name": person.name,
            "slug": "Ñandú López",
            "pronouns": "",
            "role": "",
            "bio": '{"blocks": [], "entityMap": {}}',
            "website": "",
            "action-publish": "action-publish",
        },
        follow=True,
    )
    person.refresh_from_db()
    assert person.slug == "nandu-lopez"
    assert "was saved as “nandu-lopez”" in response.content.decode()


# 5. and 7. The number, the key box, help texts -------------------------------------------


def test_principle_number_zero_is_refused(admin_client_logged_in, tree):
    response = admin_client_logged_in.post(add_url(tree.principles), principle_form(0, "zero"))
    assert response.status_code == 200
    assert "Principles are numbered from 1" in response.content.decode()
    assert not PrinciplePage.objects.filter(slug="zero").exists()


def test_the_key_is_shown_never_typed(admin_client_logged_in, tree):
    client = admin_client_logged_in
    html = client.get(add_url(tree.principles)).content.decode()
    assert 'name="key"' not in html
    assert "Made when you first save" in html
    data = principle_form(957, "keyed", key="chosen-by-me")
    client.post(add_url(tree.principles), data)
    page = english(957)
    assert page.key and page.key != "chosen-by-me"  # made by the site, not typed
    html = client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
    assert f"/p/{page.key}/" in html and 'name="key"' not in html


def test_help_texts_say_what_the_editor_sees(admin_client_logged_in, tree):
    html = admin_client_logged_in.get(add_url(tree.principles)).content.decode()
    assert "Each box holds one concrete thing people do" in html
    assert "per line" not in html


def test_a_new_theme_or_contributor_is_not_autosaved_but_an_existing_one_is(
    admin_client_logged_in,
):
    client = admin_client_logged_in
    autosaving = re.compile(r'data-controller="[^"]*\bw-autosave\b')
    for add in (
        "/admin/snippets/principles/theme/add/",
        "/admin/snippets/site_core/contributor/add/",
    ):
        assert not autosaving.search(client.get(add).content.decode()), add
    # What the autosave script would post from a half-filled form: nothing is made.
    response = client.post(
        "/admin/snippets/principles/theme/add/",
        {"name": "Half typed", "slug": "", "description": ""},
        HTTP_ACCEPT="application/json",
    )
    assert response.status_code == 400 and not Theme.objects.filter(name="Half typed").exists()
    theme = Theme.objects.get(slug="mutual-aid")
    edit = client.get(f"/admin/snippets/principles/theme/edit/{theme.pk}/").content.decode()
    assert autosaving.search(edit)


# Choosers and the admin's own look ------------------------------------------------------


def test_the_page_chooser_searches_in_the_language_being_edited(admin_client_logged_in, tree):
    reflection = factories.ReflectionPageFactory(parent=tree.reflections, title="Tending the fire")
    reflection.copy_for_translation(Locale.objects.get(language_code="es"), alias=True)
    search = "/admin/choose-page/search/?page_type=reflections.reflectionpage&q=tending"
    english = admin_client_logged_in.get(search + "&locale=en").content.decode()
    assert english.count("Tending the fire</a>") == 1
    assert "/en/reflections/tending-the-fire/" in english
    spanish = admin_client_logged_in.get(search + "&locale=es").content.decode()
    assert spanish.count("Tending the fire</a>") == 1 and "/es/reflexiones/" in spanish
    # Without a language (the chooser opened outside a page), every language is offered.
    assert admin_client_logged_in.get(search).content.decode().count("Tending the fire</a>") == 2
    # A language that is none of ours, or no text at all, finds nothing and breaks nothing.
    for odd in ("xx", "%00", "e" * 5000):
        response = admin_client_logged_in.get(search + "&locale=" + odd)
        assert (
            response.status_code == 200 and "Tending the fire</a>" not in response.content.decode()
        )


def test_the_admin_asks_no_outside_service_for_avatars(admin_client_logged_in):
    html = admin_client_logged_in.get("/admin/").content.decode()
    assert "gravatar.com" not in html
