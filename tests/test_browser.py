"""What a visitor's browser does: Debian's Chromium driven by Playwright.

Skipped only where /usr/bin/chromium is missing (the ``browser`` fixture in
conftest); CI installs it. The pages come from the session's demo server.
"""

import pytest

pytestmark = pytest.mark.django_db


@pytest.fixture
def site(demo_server):
    return demo_server.url


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
    page.close()


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
