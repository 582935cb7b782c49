"""Staff run the library from the admin, in Chromium, as they would (issue 10).

One principle's life, by three people in their own groups, each in their own browser:

1. an editor writes a principle with every kind of block and submits it for review;
2. a moderator asks for a change, the editor revises it, the moderator approves it;
3. a translator translates it into Spanish and submits the translation;
4. the moderator approves and publishes the translation;
5. a visitor reads it in both languages, at its permanent address;
6. the editor renames it; once the renamed versions are approved, both languages'
   old addresses lead to the new ones;
7. the moderator deletes it, and neither language remains.

A roundtable, entered once through its response blocks, gets its byline from them.

The screenshots in docs/staff-guide.md come from here: ``make screenshots`` runs this
module with ``STAFF_GUIDE_SCREENSHOTS`` set to docs/images/staff-guide; otherwise they
go to a temporary folder (taking them is part of the test: each is a screen the guide
describes, and the test would fail if the screen were missing).
"""

import os
import random
import re
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.db import connection
from PIL import Image
from playwright.sync_api import expect

from tests.story_site import PASSWORD, start_story_site

NUMBER = "31"
TITLE = "Rest is part of the work"
STATEMENT = "We make room for rest, because people who are exhausted cannot care for anyone."
REVISED = (
    "We make room for rest, for staff and for the people we serve, "
    "because exhausted people cannot care."
)
TITLE_ES = "El descanso es parte del trabajo"
STATEMENT_ES = (
    "Hacemos lugar para el descanso, para el equipo y para las personas que acompañamos, "
    "porque quien está agotado no puede cuidar."
)
# The session's test database is set up only for tests that ask for it; the story's own
# database is named after it (on PostgreSQL), so these tests ask.
pytestmark = pytest.mark.django_db

RENAMED = "Rest belongs to the work"
RENAMED_ES = "El descanso pertenece al trabajo"
REQUEST = "Please say who the rest is for."


@pytest.fixture(scope="module")
def site(tmp_path_factory, django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        database = dict(connection.settings_dict)
    story_site, stop = start_story_site(tmp_path_factory.mktemp("story"), database)
    yield story_site
    stop()


@pytest.fixture(scope="module")
def screenshots(tmp_path_factory):
    folder = os.environ.get("STAFF_GUIDE_SCREENSHOTS")
    folder = Path(folder) if folder else tmp_path_factory.mktemp("screenshots")
    folder.mkdir(parents=True, exist_ok=True)

    def shot(page, name):
        path = folder / f"{name}.png"
        # Playwright scrolls what it clicks into view, sideways too when Wagtail's
        # folded minimap makes the editor wider than the window: back to the left edge.
        page.evaluate(
            "() => document.querySelectorAll('*').forEach(e => { if (e.scrollLeft) e.scrollLeft = 0 })"
        )
        page.screenshot(path=path, animations="disabled")
        assert path.stat().st_size > 10_000  # a screen, not a blank
        return path

    return shot


class Staff:
    """One person in the admin, in a browser context of their own."""

    def __init__(self, browser, site, username):
        self.site = site
        self.context = browser.new_context(viewport={"width": 1280, "height": 860})
        self.page = self.context.new_page()
        page = self.page
        # The admin runs under its Content-Security-Policy (site_core/csp_policies.py):
        # anything the browser refuses to run, style or load is a failure of the story.
        self.refused = watch_for_csp_refusals(page)
        page.goto(site.url + "/admin/login/")
        page.fill("#id_username", username)
        page.fill("#id_password", PASSWORD)
        page.click("button[type=submit]")
        page.wait_for_url("**/admin/")

    def dashboard(self):
        self.page.goto(self.site.url + "/admin/")
        return self.page

    def footer_action(self, name):
        """A button of the editor's footer, some behind its "More actions" menu."""
        page = self.page
        button = page.locator("footer").get_by_role("button", name=name, exact=True)
        if not button.is_visible():
            page.get_by_role("button", name="More actions").click()
        submit(page, button)

    def message(self):
        return self.page.locator(".messages").inner_text().strip()

    def close(self):
        self.context.close()
        assert self.refused == [], "the admin broke its Content-Security-Policy"


def watch_for_csp_refusals(page):
    refused = []
    page.on(
        "console",
        lambda message: (
            refused.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    return refused


def submit(page, button):
    """Press a button that sends a form, and wait for the page that answers."""
    with page.expect_navigation():
        button.click()


def add_block(page, name):
    page.locator("#body-root button[title='Insert a block']").last.click()
    page.get_by_role("option", name=name, exact=True).click()


def type_rich_text(page, editor, text, hidden_input):
    """Type into a Draftail editor, and wait until its form field holds the text."""
    editor.click()
    page.keyboard.type(text)
    expect(page.locator(f"input[name='{hidden_input}']")).to_have_value(re.compile(text[:20]))


def translate(page, source, target):
    """In wagtail-localize's editor: the segment showing ``source`` gets ``target``."""
    segment = page.locator("li").filter(has=page.locator("p", has_text=source)).last
    segment.get_by_role("button", name="Translate").click()
    segment.locator("textarea").fill(target)
    segment.get_by_role("button", name="Save").click()
    expect(segment.locator("p", has_text=target)).to_be_visible()


def status_of(site, path):
    """(status, Location) of an anonymous visit, redirects not followed."""

    class NoRedirects(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    opener = urllib.request.build_opener(NoRedirects)
    try:
        with opener.open(site.url + path, timeout=10) as response:
            return response.status, None
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("Location")


def an_image(folder):
    """A picture no earlier upload has (Wagtail flags duplicates)."""
    path = folder / "circle-of-chairs.png"
    colour = tuple(random.randrange(256) for _ in range(3))
    Image.new("RGB", (800, 500), colour).save(path)
    return path


def test_a_principle_from_first_draft_to_both_languages_and_away(
    browser, site, screenshots, tmp_path
):
    editor = Staff(browser, site, site.users["editor"])
    moderator = Staff(browser, site, site.users["moderator"])
    translator = Staff(browser, site, site.users["translator"])

    # 1. The editor writes a principle with every kind of block, and submits it. ------
    page = editor.page
    screenshots(editor.dashboard(), "dashboard-editor")
    page.get_by_role("link", name="Principles", exact=True).click()
    page.get_by_role("link", name="Add child page").or_(
        page.get_by_role("link", name="Add principle")
    ).first.click()
    page.wait_for_url("**/add/principles/principlepage/**")
    page.fill("#id_title", TITLE)
    page.fill("#id_number", NUMBER)
    page.fill("#id_statement", STATEMENT)
    page.fill("#id_summary", "Rest is not a reward for finishing. It is how care lasts.")
    screenshots(page, "principle-new")
    for block in ("Paragraph", "Heading", "In practice", "Quote", "Questions", "Callout"):
        add_block(page, block)
    editors = page.locator("#body-root .public-DraftEditor-content")
    type_rich_text(page, editors.nth(0), "Burnout is not a personal failing.", "body-0-value")
    page.fill("[name='body-1-value-text']", "What rest looks like")
    page.fill("[name='body-2-value-heading']", "In practice")
    page.fill("[name='body-2-value-items-0-value']", "Close the drop-in one afternoon a month.")
    page.fill("[name='body-3-value-text']", "We cannot pour from an empty cup.")
    page.fill("[name='body-3-value-attribution']", "A peer worker")
    page.fill("[name='body-4-value-heading']", "Questions for reflection")
    page.fill("[name='body-4-value-questions-0-value']", "When did you last rest without guilt?")
    page.select_option("[name='body-5-value-tone']", "care")
    page.fill("[name='body-5-value-title']", "A care note")
    type_rich_text(
        page, editors.nth(1), "If you are exhausted, stop here and come back later.",
        "body-5-value-text",
    )  # fmt: skip
    add_block(page, "Image")
    page.locator("#body-root").get_by_role("button", name="Choose an image").click()
    modal = page.locator(".modal")
    modal.get_by_role("tab", name="Upload").click()
    modal.locator("#id_image-chooser-upload-file").set_input_files(an_image(tmp_path))
    modal.locator("#id_image-chooser-upload-title").fill("A circle of chairs")
    modal.locator("#id_image-chooser-upload-description").fill("Empty chairs in a circle.")
    modal.get_by_role("button", name="Upload").click()
    expect(modal).to_be_hidden()
    page.fill("[name='body-6-value-caption']", "The room before the group arrives.")
    page.get_by_label("Community care and mutual aid").check()
    page.get_by_text("Add Credited contributor").click()
    page.select_option("[name='contributor_credits-0-contributor']", label="Kate")
    page.get_by_text("Add Related reflection").click()
    page.get_by_role("button", name="Choose a page (Reflection)").click()
    modal.get_by_placeholder("Search…").fill("outreach")
    # Only the English reflection is offered to an English principle.
    modal.get_by_role("link", name="Making time on an outreach shift").click()
    expect(modal).to_be_hidden()
    page.get_by_role("button", name="More actions").click()
    screenshots(page, "principle-submit")
    submit(page, page.get_by_role("button", name="Submit to Review before publishing"))
    assert "created and submitted for moderation" in editor.message()
    assert status_of(site, "/en/principles/rest-is-part-of-the-work/")[0] == 404  # not yet
    assert any(TITLE in message["Subject"] for message in site.mail_to("moses"))

    # 2. The moderator asks for a change; the editor revises; the moderator approves. --
    page = moderator.page
    screenshots(moderator.dashboard(), "dashboard-moderator")
    page.locator("section", has_text="Awaiting your review").get_by_role(
        "link", name=TITLE
    ).first.click()
    page.get_by_role("button", name="More actions").click()
    screenshots(page, "review-actions")
    page.get_by_role("button", name="Request changes", exact=True).click()
    page.locator(".modal textarea").fill(REQUEST)
    submit(page, page.locator(".modal").get_by_role("button", name="Request changes"))
    told = [message for message in site.mail_to("edna") if TITLE in message["Subject"]]
    assert told and REQUEST in told[-1].get_body(("plain",)).get_content()

    page = editor.page
    editor.dashboard()
    waiting = page.locator("section", has_text="in a workflow")
    expect(waiting).to_contain_text("Changes requested")
    waiting.get_by_role("link", name=TITLE).first.click()
    page.fill("#id_statement", REVISED)
    editor.footer_action("Resubmit to Moderators review")
    assert "submitted for moderation" in editor.message()

    page = moderator.page
    moderator.dashboard()
    page.locator("section", has_text="Awaiting your review").get_by_role(
        "link", name=TITLE
    ).first.click()
    moderator.footer_action("Approve and Publish")
    status, location = status_of(site, "/en/principles/rest-is-part-of-the-work/")
    assert status == 200
    key_field = page.locator("input[name='key']")
    key = key_field.input_value() if key_field.count() else None
    page.goto(site.url + "/en/principles/rest-is-part-of-the-work/")
    expect(page.locator("h1")).to_have_text(TITLE)
    expect(page.locator("main")).to_contain_text(REVISED)
    permalink = re.search(r"/en/p/(\w+)/", page.content())
    key = key or permalink.group(1)

    # 3. The translator translates it and submits the translation. ---------------------
    page = translator.page
    screenshots(translator.dashboard(), "dashboard-translator")
    todo = page.locator("tr", has_text=TITLE)
    expect(todo).to_contain_text("Not translated yet")
    todo.get_by_role("link", name="Translate").click()
    page.get_by_label("Español").check()
    submit(page, page.get_by_role("button", name="Submit"))
    translate(page, TITLE, TITLE_ES)
    translate(page, REVISED, STATEMENT_ES)
    translate(
        page, "Burnout is not a personal failing.", "El agotamiento no es un fracaso personal."
    )
    page.get_by_role("tab", name="Promote").click()
    translate(page, "rest-is-part-of-the-work", "el-descanso-es-parte-del-trabajo")
    page.get_by_role("tab", name="Content").click()
    screenshots(page, "translation-editor")
    submit(page, page.get_by_role("button", name="Submit for review"))
    assert "for review" in translator.message()
    assert status_of(site, "/es/principios/el-descanso-es-parte-del-trabajo/")[0] == 404

    # 4. The moderator approves the translation, which publishes it. ------------------
    page = moderator.page
    moderator.dashboard()
    page.locator("section", has_text="Awaiting your review").get_by_role(
        "link", name=TITLE_ES
    ).first.click()
    expect(page.get_by_role("button", name="Approve and publish")).to_be_visible()
    screenshots(page, "translation-review")
    submit(page, page.get_by_role("button", name="Approve and publish"))
    assert "approved and published" in moderator.message()
    assert any(TITLE_ES in message["Subject"] for message in site.mail_to("teresa"))

    # 5. A visitor reads it in both languages, at its permanent address. --------------
    visitor = browser.new_context()
    page = visitor.new_page()
    visitor_refused = watch_for_csp_refusals(page)
    page.goto(f"{site.url}/en/p/{key}/")
    expect(page.locator("h1")).to_have_text(TITLE)
    expect(page.locator("main")).to_contain_text("What rest looks like")
    expect(page.locator("main img[alt='Empty chairs in a circle.']")).to_have_count(1)
    page.goto(f"{site.url}/es/p/{key}/")
    assert page.url.endswith("/es/principios/el-descanso-es-parte-del-trabajo/")
    expect(page.locator("h1")).to_have_text(TITLE_ES)
    expect(page.locator("main")).to_contain_text(STATEMENT_ES)
    # The recommended reflection is the Spanish one.
    expect(page.locator("main a[href*='/es/reflexiones/']").first).to_be_attached()
    expect(page.locator("main a[href*='/en/reflections/']")).to_have_count(0)

    # 6. The editor renames it; each language's old address leads to its new one. -----
    page = editor.page
    page.goto(site.url + "/admin/principles/")
    page.get_by_role("link", name=TITLE).click()
    page.fill("#id_title", RENAMED)
    page.get_by_role("tab", name="Promote").click()
    page.fill("#id_slug", "rest-belongs-to-the-work")
    editor.footer_action("Submit to Review before publishing")
    page = moderator.page
    moderator.dashboard()
    page.locator("section", has_text="Awaiting your review").get_by_role(
        "link", name=RENAMED
    ).first.click()
    moderator.footer_action("Approve and Publish")
    assert status_of(site, "/en/principles/rest-is-part-of-the-work/") == (
        301, "/en/principles/rest-belongs-to-the-work/",
    )  # fmt: skip
    # The Spanish version is now out of date: the editor brings the new title into it.
    page = editor.page
    editor.dashboard()
    out_of_date = page.locator("tr", has_text=RENAMED)
    expect(out_of_date).to_contain_text("Out of date")
    out_of_date.get_by_role("link", name="Update the translation").click()
    expect(page.get_by_label("Publish immediately")).to_have_count(0)  # editors cannot publish
    submit(page, page.get_by_role("button", name="Submit"))
    page.goto(site.url + f"/es/p/{key}/")
    assert status_of(site, f"/es/p/{key}/")[0] in (301, 302)
    page.goto(site.url + "/admin/pages/search/?q=" + "descanso")
    page.get_by_role("link", name=TITLE_ES).first.click()
    translate(page, RENAMED, RENAMED_ES)
    page.get_by_role("tab", name="Promote").click()
    translate(page, "rest-belongs-to-the-work", "el-descanso-pertenece-al-trabajo")
    submit(page, page.get_by_role("button", name="Submit for review"))
    page = moderator.page
    moderator.dashboard()
    page.locator("section", has_text="Awaiting your review").get_by_role(
        "link", name=RENAMED_ES
    ).first.click()
    submit(page, page.get_by_role("button", name="Approve and publish"))
    assert status_of(site, "/es/principios/el-descanso-es-parte-del-trabajo/") == (
        301, "/es/principios/el-descanso-pertenece-al-trabajo/",
    )  # fmt: skip

    # 7. The moderator deletes it: neither language remains, nor its old addresses. ---
    page = moderator.page
    page.goto(site.url + "/admin/principles/")
    page.get_by_role("link", name=RENAMED).click()
    page.locator("header").get_by_role("button", name="Actions", exact=True).click()
    page.get_by_role("link", name="Delete").click()
    expect(page.locator("main")).to_contain_text("will also delete 1 translation")
    screenshots(page, "delete")
    submit(page, page.get_by_role("button", name="Yes, delete it"))
    for path in (
        f"/en/p/{key}/",
        f"/es/p/{key}/",
        "/en/principles/rest-belongs-to-the-work/",
        "/es/principios/el-descanso-pertenece-al-trabajo/",
        "/en/principles/rest-is-part-of-the-work/",
        "/es/principios/el-descanso-es-parte-del-trabajo/",
    ):
        assert status_of(site, path)[0] == 404, path
    page.goto(site.url + "/es/principios/")
    expect(page.locator("main")).not_to_contain_text(RENAMED_ES)
    for person in (editor, moderator, translator):
        person.close()
    visitor.close()
    assert visitor_refused == [], "a public page broke its Content-Security-Policy"


def test_a_roundtable_names_everyone_who_answers(browser, site, screenshots):
    editor = Staff(browser, site, site.users["editor"])
    page = editor.page
    page.goto(site.url + "/admin/pages/")
    # From the explorer: Home › Reflections › Add child page.
    page.get_by_role(
        "link", name="Explore child pages of 'Principles of Healing-Centered Harm Reduction'"
    ).click()
    page.get_by_role("link", name="Explore child pages of 'Reflections'").click()
    submit(page, page.get_by_role("link", name="Add child page").first)
    assert "/add/reflections/reflectionpage/" in page.url
    page.fill("#id_title", "What does rest look like for you?")
    page.fill("#id_date", "2026-11-20")
    page.fill("#id_intro", "Two practitioners on making room for rest.")
    add_block(page, "Question")
    page.fill("[name='body-0-value-question']", "What does rest look like in your work?")
    answers = page.locator("#body-root .public-DraftEditor-content")
    for index, (person, answer) in enumerate(
        [("Kate", "A shared meal after a long shift."), ("Magali", "A closed door, no phone.")],
        start=1,
    ):
        add_block(page, "Response")
        page.locator("#body-root").get_by_role("button", name="Choose").last.click()
        modal = page.locator(".modal")
        modal.get_by_role("link", name=person, exact=True).click()
        expect(modal).to_be_hidden()
        type_rich_text(page, answers.nth(index - 1), answer, f"body-{index}-value-answer")
    screenshots(page, "roundtable")
    editor.footer_action("Submit to Review before publishing")
    assert "submitted for moderation" in editor.message()
    moderator = Staff(browser, site, site.users["moderator"])
    page = moderator.page
    moderator.dashboard()
    page.locator("section", has_text="Awaiting your review").get_by_role(
        "link", name="What does rest look like for you?"
    ).first.click()
    moderator.footer_action("Approve and Publish")
    page.goto(site.url + "/en/reflections/what-does-rest-look-like-for-you/")
    byline = page.locator("main .card__meta").first
    expect(byline).to_contain_text("Kate")
    expect(byline).to_contain_text("Magali")
    expect(page.locator("#response-kate")).to_contain_text("A shared meal after a long shift.")
    editor.close()
    moderator.close()


def test_the_staff_guide_shows_the_screens_this_story_takes():
    """Every picture in docs/staff-guide.md is one this module takes, and is committed."""
    root = Path(__file__).resolve().parent.parent
    guide = (root / "docs/staff-guide.md").read_text()
    shown = set(re.findall(r"\(images/staff-guide/([\w-]+)\.png\)", guide))
    taken = set(re.findall(r'screenshots\(.*?"([\w-]+)"\)', Path(__file__).read_text()))
    assert shown == taken
    for name in shown:
        assert (root / f"docs/images/staff-guide/{name}.png").stat().st_size > 10_000
