"""No WCAG 2.2 AA violation that axe-core can find, on any public page type.

Every page type in both languages, on a phone (390×844) and a desktop (1280×860),
with the site's scripts running and without them. axe-core comes from
``node_modules/`` (``npm ci``); see ``tests/axe.py`` for how it is run under the
site's Content-Security-Policy and how "JavaScript off" is emulated. The pages
come from the session's demo server; a failure lists each rule, the elements
that break it and why, for every viewport and mode.
"""

import pytest

from tests.axe import (
    PAGE_TYPES,
    VIEWPORTS,
    axe_context,
    describe,
    expected_status,
    page_paths,
    violations,
)

pytestmark = pytest.mark.django_db

MODES = [(viewport, scripts) for viewport in VIEWPORTS for scripts in (True, False)]


@pytest.fixture(scope="module")
def tabs(browser):
    """One tab per viewport and mode, reused for every page of the module."""
    contexts = {mode: axe_context(browser, *mode) for mode in MODES}
    yield {mode: context.new_page() for mode, context in contexts.items()}
    for context in contexts.values():
        context.close()


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("page_type", PAGE_TYPES)
def test_no_wcag_22_aa_violations(page_type, language, tabs, demo_server):
    url = demo_server.url + page_paths(language)[page_type]
    failures = []
    for (viewport, scripts), tab in tabs.items():
        response = tab.goto(url)
        assert response.status == expected_status(page_type), url
        found = violations(tab)
        if found:
            mode = "scripts on" if scripts else "scripts off"
            failures.append(f"{viewport}, {mode}:\n{describe(found)}")
    assert not failures, f"axe-core, WCAG 2.2 AA, {url}\n" + "\n".join(failures)
