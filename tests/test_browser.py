"""What a visitor's browser does: Debian's Chromium driven by Playwright.

Skipped only where /usr/bin/chromium is missing; CI installs it.
"""

import os
from pathlib import Path

import pytest
from django.core.management import call_command

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]

pytestmark = [
    pytest.mark.skipif(
        not Path(CHROMIUM).exists(), reason="needs Debian's chromium (CI installs it)"
    ),
    # Transactional so the live server sees the data; serialized rollback restores the
    # root page that migrations create, which a plain flush would delete.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def browser():
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"  # Playwright's sync API runs a loop here
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def site(live_server):
    call_command("load_demo_content", verbosity=0)
    return live_server.url


def test_search_box_suggests_principles_as_the_visitor_types(browser, site):
    page = browser.new_page()
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(site + "/en/search/")
    page.fill("#search-q", "ho")
    option = page.locator("#search-suggestions-1 [role=option]").first
    option.wait_for(timeout=5000)
    assert "Holistic" in page.locator("#search-suggestions-1").inner_text()
    page.keyboard.press("ArrowDown")
    assert page.get_attribute("#search-q", "aria-activedescendant") == "search-suggestions-1-0"
    page.keyboard.press("Enter")
    page.wait_for_url("**/en/principles/holistic/")
    assert page.locator("h1").inner_text() == "Holistic"
    assert all(url.startswith(site) for url in requests), "only this site is contacted"


def test_search_works_without_javascript(browser, site):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site + "/es/")
    page.fill("#site-search-q", "sanación")
    page.press("#site-search-q", "Enter")
    page.wait_for_url("**/es/search/?q=*")
    assert "resultado" in page.locator("#results-heading").inner_text()
    assert page.locator(".result__title").count() >= 1
    context.close()
