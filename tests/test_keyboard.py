"""The site with the keyboard only, in Debian's Chromium: no mouse, no taps.

On a phone-sized window (where the header's menu, when there is one, is a
disclosure) a visitor tabs to the skip link and uses it, opens the menu, types in
the search box, picks a suggestion with the arrow keys and Enter, and switches
language. Skipped only where /usr/bin/chromium is missing (CI installs it).
"""

import pytest

from tests.axe import axe_context, describe, violations

pytestmark = pytest.mark.django_db

PHONE = {"width": 390, "height": 844}
MENU = ".site-header details"
MAX_TABS = 40


@pytest.fixture
def page(browser, demo_server):
    context = browser.new_context(viewport=PHONE)
    tab = context.new_page()
    tab.base = demo_server.url
    yield tab
    context.close()


def focused(page, selector):
    return page.evaluate("(s) => document.activeElement.matches(s)", selector)


def tab_to(page, selector):
    """Press Tab until the element matching ``selector`` has the focus."""
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        if focused(page, selector):
            return
    raise AssertionError(f"{selector} is not reachable with Tab")


def open_menu_if_any(page):
    """Open the header's menu with the keyboard, where the header has one that is closed."""
    menu = page.locator(MENU)
    if not menu.count() or not page.locator(MENU + " > summary").is_visible():
        return False
    if menu.get_attribute("open") is None:
        tab_to(page, MENU + " > summary")
        page.keyboard.press("Enter")
        assert menu.get_attribute("open") is not None, "Enter opens the menu"
    return True


def test_the_skip_link_is_first_and_moves_to_the_content(page):
    page.goto(page.base + "/en/principles/")
    page.keyboard.press("Tab")
    assert focused(page, "a.skip-link"), "the first Tab reaches the skip link"
    assert page.locator("a.skip-link").is_visible(), "it shows when focused"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    page.keyboard.press("Tab")  # the next stop is inside the content, not the header
    assert page.evaluate("!!document.activeElement.closest('main')")


def test_the_menu_opens_and_closes_with_the_keyboard(page):
    page.goto(page.base + "/en/")
    if not page.locator(MENU).count():
        pytest.skip("the header has no menu disclosure (details) on a phone: nothing to open")
    tab_to(page, MENU + " > summary")
    page.keyboard.press("Enter")
    assert page.locator(MENU).get_attribute("open") is not None
    assert page.locator(".language-switcher").is_visible()
    page.keyboard.press("Space")
    assert page.locator(MENU).get_attribute("open") is None


def test_search_suggestions_with_arrow_keys_and_enter(page):
    page.goto(page.base + "/en/")
    open_menu_if_any(page)
    tab_to(page, "#site-search-q")
    box = page.locator("#site-search-q")
    assert box.get_attribute("role") == "combobox"
    assert box.get_attribute("aria-expanded") == "false"
    page.keyboard.type("ho")
    listbox = page.locator("#" + box.get_attribute("aria-controls"))
    listbox.locator("[role=option]").first.wait_for(timeout=5000)
    assert box.get_attribute("aria-expanded") == "true"
    assert "Holistic" in listbox.inner_text()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowUp")
    first = listbox.locator("[role=option]").first
    assert box.get_attribute("aria-activedescendant") == first.get_attribute("id")
    assert first.get_attribute("aria-selected") == "true"
    assert focused(page, "#site-search-q"), "the focus stays in the box"
    # Escape closes the list; the words stay, and Enter then sends the search itself.
    page.keyboard.press("Escape")
    assert box.get_attribute("aria-expanded") == "false" and listbox.is_hidden()
    page.keyboard.press("Enter")
    page.wait_for_url("**/en/search/?q=ho")
    # Back in a box with suggestions: ArrowDown and Enter open the principle.
    page.goto(page.base + "/en/search/")
    tab_to(page, "#search-q")
    page.keyboard.type("holi")
    page.locator("#search-q[aria-expanded=true]").wait_for(timeout=5000)
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    page.wait_for_url("**/en/principles/holistic/")
    assert page.locator("h1").inner_text() == "Holistic"


def test_the_language_switcher_keeps_the_place(page):
    page.goto(page.base + "/en/search/?q=healing")
    open_menu_if_any(page)
    tab_to(page, ".language-switcher a[hreflang=es]")
    page.keyboard.press("Enter")
    page.wait_for_url("**/es/search/?q=healing")
    assert page.locator("html").get_attribute("lang") == "es"
    assert page.locator("#search-q").input_value() == "healing"


def test_the_open_suggestion_list_passes_axe(browser, demo_server):
    """The combobox with its list open and an option active: axe-core finds nothing."""
    context = axe_context(browser, "phone")
    try:
        tab = context.new_page()
        tab.goto(demo_server.url + "/en/search/")
        tab.locator("#search-q").focus()
        tab.keyboard.type("ho")
        tab.locator("#search-q[aria-expanded=true]").wait_for(timeout=5000)
        tab.keyboard.press("ArrowDown")
        assert tab.locator("#search-q").get_attribute("aria-activedescendant")
        found = violations(tab)
        assert not found, describe(found)
    finally:
        context.close()
