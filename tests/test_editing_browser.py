"""The editor in Chromium: length counters and slugs as staff meet them.

Plain ``django_db`` tests over the committed demo (``demo_server``). Staff log in
as a user committed for this module and removed after it; the tests only open
the create form of a principle, which, with autosave off for new pages, saves
nothing.
"""

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect
from wagtail.users.models import UserProfile

pytestmark = pytest.mark.django_db

PASSWORD = "a long editor password"
STATEMENT_411 = ("Care that listens first " * 18)[:411]


@pytest.fixture(scope="module")
def editors(django_db_setup, django_db_blocker):
    """An English-speaking and a Spanish-speaking superuser, committed for the server."""
    with django_db_blocker.unblock():
        users = {}
        for language in ("en", "es"):
            user = get_user_model().objects.create_superuser(
                f"browser-editor-{language}", f"{language}@example.org", PASSWORD
            )
            profile = UserProfile.get_for_user(user)
            profile.preferred_language = language
            profile.save()
            users[language] = user
        yield users
        for user in users.values():
            user.delete()


def open_new_principle(browser, demo_server, tree, user):
    page = browser.new_page()
    page.goto(demo_server.url + "/admin/login/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url("**/admin/")
    page.goto(demo_server.url + f"/admin/pages/add/principles/principlepage/{tree.principles.pk}/")
    return page


def test_a_counter_follows_the_statement_and_nothing_is_cut(browser, demo_server, tree, editors):
    page = open_new_principle(browser, demo_server, tree, editors["en"])
    statement = page.locator("#id_statement")
    counter = page.locator("#id_statement + .length-counter")
    shown = counter.locator("[aria-hidden=true]")
    expect(shown).to_have_text("0 / 300")
    statement.fill("x" * 142)
    expect(shown).to_have_text("142 / 300")
    statement.fill(STATEMENT_411)  # as a paste: the browser used to keep the first 300
    assert len(statement.input_value()) == 411
    expect(shown).to_have_text("411 / 300: 111 too many")
    expect(counter).to_have_class("length-counter length-counter--over")
    spoken = counter.locator("[aria-live=polite]")
    expect(spoken).to_have_text("411 characters: 111 more than the limit of 300", timeout=5000)
    assert spoken.get_attribute("id") in statement.get_attribute("aria-describedby")
    # Line breaks count once, as the form counts them.
    page.locator("#id_summary").fill("a\nb")
    expect(page.locator("#id_summary + .length-counter [aria-hidden=true]")).to_have_text(
        "3 / 1,200"
    )
    page.close()


def test_a_block_added_later_gets_its_counter(browser, demo_server, tree, editors):
    page = open_new_principle(browser, demo_server, tree, editors["en"])
    page.locator("[data-streamfield-stream-container] button[title='Insert a block']").first.click()
    page.get_by_role("option", name="Heading").click()
    heading = page.locator("input[name$='-value-text']").first
    heading.fill("What this asks of us")
    counter = heading.locator("xpath=following-sibling::*[1]")
    expect(counter.locator("[aria-hidden=true]")).to_have_text("20 / 120")
    page.close()


def test_counters_speak_the_admins_language(browser, demo_server, tree, editors):
    page = open_new_principle(browser, demo_server, tree, editors["es"])
    page.locator("#id_statement").fill("x" * 1000)
    counter = page.locator("#id_statement + .length-counter")
    expect(counter.locator("[aria-hidden=true]")).to_have_text("1000 / 300: 700 de más")
    expect(counter.locator("[aria-live=polite]")).to_have_text(
        "1000 caracteres: 700 más que el límite de 300", timeout=5000
    )
    page.close()


def test_slugs_are_transliterated_and_typed_ones_left_as_typed(browser, demo_server, tree, editors):
    page = open_new_principle(browser, demo_server, tree, editors["en"])
    page.fill("#id_title", "listen first café ñ")
    page.locator("#id_title").blur()
    slug = page.locator("#id_slug")
    expect(slug).to_have_value("listen-first-cafe-n")  # Wagtail's script, from the title
    page.get_by_role("tab", name="Promote").click()
    slug.fill("Café Ñ")
    slug.blur()
    # Left as typed until saved (then the form transliterates it and says so), rather
    # than cut to "caf-" as the box used to do when it lost focus.
    expect(slug).to_have_value("Café Ñ")
    page.close()
