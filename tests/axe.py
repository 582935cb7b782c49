"""axe-core in Chromium, and the public page types the browser checks visit.

axe-core is pinned in ``package.json`` and installed by ``npm ci`` into
``node_modules/``; tests that need it skip with a reason where it is missing.

How it gets into a page. The public pages forbid inline scripts
(``script-src 'self'``), so ``page.add_script_tag(content=…)`` is refused, and
``node_modules`` is not served by the site. A context's init script
(``context.add_init_script``) goes in through the DevTools protocol, which the
page's CSP does not govern, and runs in every frame before the page's own
scripts: axe is then there in the embed card the "Use and share" page frames
too (axe only checks inside a frame where it runs as well). Registered once per
context, it costs nothing per page, unlike ``page.evaluate(source)`` (half a
second per frame to send 500 KB).

"JavaScript off". axe cannot run in a context made with
``java_script_enabled=False``: ``page.evaluate`` still works there, but timers
never fire and ``axe.run`` never settles (Chromium 156, Playwright 1.65). So a visitor
without JavaScript is emulated by refusing the site's own scripts
(``/static/js/``): no template has an inline script or a ``<noscript>``, so the
page is then exactly what such a visitor gets.
"""

import functools
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import translation
from wagtail.models import Locale, Site

ROOT = Path(__file__).resolve().parent.parent
AXE_JS = ROOT / "node_modules" / "axe-core" / "axe.min.js"

# WCAG 2.2 level AA, every success criterion axe can test automatically.
WCAG_22_AA = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa")

VIEWPORTS = {
    "phone": {"width": 390, "height": 844},
    "desktop": {"width": 1280, "height": 860},
}

SITE_SCRIPTS = "**/static/js/**"

RUN = """async (tags) => {
  const results = await axe.run(document, {
    runOnly: {type: "tag", values: tags},
    resultTypes: ["violations"],
  });
  return results.violations.map((violation) => ({
    id: violation.id,
    impact: violation.impact,
    help: violation.help,
    helpUrl: violation.helpUrl,
    nodes: violation.nodes.map((node) => ({
      target: node.target.map(String).join(" "),
      html: node.html,
      summary: node.failureSummary || "",
    })),
  }));
}"""


@functools.cache
def _read_axe():
    return AXE_JS.read_text(encoding="utf-8")


def axe_source():
    """axe-core's script, or a skip saying how to install it."""
    if not AXE_JS.exists():
        pytest.skip("needs axe-core in node_modules/: run `npm ci` (make install does)")
    return _read_axe()


def axe_context(browser, viewport, scripts=True):
    """A browser context with axe in every frame of every page; without the site's scripts
    when ``scripts`` is false (what a visitor without JavaScript gets)."""
    source = axe_source()
    context = browser.new_context(viewport=VIEWPORTS[viewport])
    context.add_init_script(source)
    if not scripts:
        context.route(SITE_SCRIPTS, lambda route: route.abort())
    return context


def violations(page):
    """axe's WCAG 2.2 AA violations on the page as loaded: a list of dicts, [] when none."""
    return page.evaluate(RUN, list(WCAG_22_AA))


def describe(found, limit=8):
    """Violations as a reader wants them in a failing test: rule, impact, where, why."""
    lines = []
    for violation in found:
        lines.append(
            f"  {violation['id']} ({violation['impact']}): {violation['help']} "
            f"[{violation['helpUrl']}]"
        )
        for node in violation["nodes"][:limit]:
            summary = " ".join(node["summary"].split())
            lines.append(f"      at {node['target']}: {node['html'][:160]}")
            lines.append(f"         {summary[:300]}")
        if len(violation["nodes"]) > limit:
            lines.append(f"      … and {len(violation['nodes']) - limit} more")
    return "\n".join(lines)


# The public page types ------------------------------------------------------------------

PAGE_TYPES = (
    "home",
    "principle index",
    "principle",
    "principle history",
    "reflection index",
    "roundtable",
    "theme index",
    "theme",
    "contributor index",
    "contributor",
    "search results",
    "contact",
    "about",
    "use and share",
    "not found",
)


def page_paths(language):
    """{page type: path} in ``language``, found in the demo content as it is now.

    Found rather than written down, so that renamed or translated demo pages (their
    Spanish slugs change as they are translated) still get checked.
    """
    from principles.models import PrincipleIndexPage, PrinciplePage, Theme
    from reflections.models import (
        ContributorIndexPage,
        ReflectionIndexPage,
        ReflectionPage,
        ThemeIndexPage,
        public_url,
    )
    from site_core.models import ContactPage, Contributor, StandardPage
    from site_core.visibility import visible

    locale = Locale.objects.get(language_code=language)
    home = Site.objects.get(is_default_site=True).root_page.get_translation(locale).specific

    def first(model, **filters):
        pages = visible(model.objects.filter(locale=locale, **filters)).order_by("path")
        found = pages.first()
        assert found is not None, f"the demo has no visible {model.__name__} in {language}"
        return found

    def url(page):
        return page.get_url()

    principle = visible(PrinciplePage.objects.filter(locale=locale)).order_by("number").first()
    reflections = visible(ReflectionPage.objects.filter(locale=locale)).order_by("path")
    roundtable = next(
        (page for page in reflections if any(b.block_type == "question" for b in page.body)),
        None,
    )
    assert roundtable is not None, f"the demo has no visible roundtable in {language}"
    theme = visible(Theme.objects.filter(locale=locale)).order_by("slug").first()
    person = visible(Contributor.objects.filter(locale=locale)).order_by("slug").first()
    word = principle.title.split()[0]
    with translation.override(language):
        search = reverse("search") + "?q=" + word
        use_and_share = reverse("use_and_share")
    return {
        "home": url(home),
        "principle index": url(first(PrincipleIndexPage)),
        "principle": url(principle),
        "principle history": url(principle) + principle.reverse_subpage("history"),
        "reflection index": url(first(ReflectionIndexPage)),
        "roundtable": url(roundtable),
        "theme index": url(first(ThemeIndexPage)),
        "theme": public_url(theme),
        "contributor index": url(first(ContributorIndexPage)),
        "contributor": public_url(person),
        "search results": search,
        "contact": url(first(ContactPage)),
        "about": url(first(StandardPage)),
        "use and share": use_and_share,
        "not found": f"/{language}/no-such-page/",
    }


def expected_status(page_type):
    return 404 if page_type == "not found" else 200
