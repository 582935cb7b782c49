"""The public face: identity, the home page, layout and type, dark mode, page order.

Browser tests drive Debian's Chromium over the session's demo server (skipped where
/usr/bin/chromium is missing; CI installs it); the others read pages with Django's
test client, in a transaction on top of the demo.
"""

import re

import pytest
from django.urls import reverse
from django.utils import translation
from wagtail.models import Locale, Site

from reflections.models import HomePage, ReflectionPage
from site_core.models import SiteSettings

pytestmark = pytest.mark.django_db

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 860}
PRINCIPLE = "/en/principles/holistic/"
ROUNDTABLE_SLUG = "healing-justice-and-harm-reduction-roundtable"


def footer(html):
    return html[html.index('<footer class="site-footer">') :]


def in_spanish(page):
    return page.get_translation(Locale.objects.get(language_code="es"))


def site_settings():
    return SiteSettings.for_site(Site.objects.get(is_default_site=True))


# --- Identity: name, logo, icons, footer ---------------------------------------------------


def test_the_library_is_named_in_the_readers_language_and_credits_its_publisher(client):
    settings = site_settings()
    settings.organisation_name = "Collective for Care"
    settings.site_name = "The Care Library"
    settings.site_name_es = "La biblioteca del cuidado"
    settings.licence_name = "CC BY 4.0"
    settings.licence_url = "https://creativecommons.org/licenses/by/4.0/"
    settings.save()
    for language, name in (("en", "The Care Library"), ("es", "La biblioteca del cuidado")):
        html = client.get(f"/{language}/").content.decode()
        header = html[html.index('<header class="site-header">') : html.index("</header>")]
        assert f'<span class="site-name__text">{name}</span>' in header, language
        assert re.search(r"<title>[^<]*</title>", html).group(0) == f"<title>{name}</title>"
        assert name in footer(html)
        assert "Collective for Care" in footer(html), "the publisher is named"
        assert (
            '<a rel="license" href="https://creativecommons.org/licenses/by/4.0/">CC BY 4.0</a>'
            in footer(html)
        )
    title = re.search(r"<title>([^<]*)</title>", client.get(PRINCIPLE).content.decode())
    assert title.group(1) == "Holistic · The Care Library"


def test_footer_links_privacy_data_use_and_contact_in_the_readers_language(client):
    for language in ("en", "es"):
        html = footer(client.get(f"/{language}/").content.decode())
        with translation.override(language):
            use = reverse("use_and_share")
        assert use.startswith(f"/{language}/")
        for href in (use, f"{use}#privacy", f"{use}#api"):
            assert f'href="{href}"' in html, (language, href)
        contact = re.search(r'<a href="([^"]+)">(Contact|Contacto)</a>', html)
        assert contact and contact.group(1).startswith(f"/{language}/"), language
        assert client.get(contact.group(1)).status_code == 200
        assert client.get(use).status_code == 200


def test_logo_and_icons_come_from_site_settings_with_shipped_defaults(client):
    import wagtail_factories

    html = client.get("/en/").content.decode()
    assert '<link rel="icon" href="/static/images/favicon.svg" type="image/svg+xml">' in html
    assert '<link rel="apple-touch-icon" href="/static/images/apple-touch-icon.png">' in html
    for path in ("/static/images/favicon.svg", "/static/images/apple-touch-icon.png"):
        assert client.get(path).status_code == 200, path
    assert "site-name__logo" not in html  # no logo: the name alone

    settings = site_settings()
    settings.logo = wagtail_factories.ImageFactory(title="Logo")
    settings.icon = wagtail_factories.ImageFactory(title="Icon", width=512, height=512)
    settings.save()
    html = client.get("/es/").content.decode()
    logo = re.search(r'<img [^>]*class="site-name__logo"[^>]*>', html).group(0)
    assert 'alt=""' in logo and ".height-96." in logo  # the name beside it says it all
    assert 'class="site-name__text">' in html
    icon = re.search(r'<link rel="icon" href="([^"]+)" sizes="32x32" type="image/png">', html)
    touch = re.search(r'<link rel="apple-touch-icon" href="([^"]+)">', html)
    assert ".fill-32x32.format-png" in icon.group(1)
    assert ".fill-180x180.format-png" in touch.group(1)


# --- Home page -----------------------------------------------------------------------------


def featured_section(html):
    featured = html[html.index('id="featured-reflection-heading"') :]
    return featured[: featured.index("</section>")]


def test_home_lists_every_principle_numbered_and_features_the_roundtable(client, tree):
    roundtable = ReflectionPage.objects.get(slug=ROUNDTABLE_SLUG, locale=tree.locale)
    for language, url in (("en", roundtable.url), ("es", in_spanish(roundtable).url)):
        html = client.get(f"/{language}/").content.decode()
        grid = html[html.index('<ol class="principle-grid">') : html.index("</ol>")]
        numbers = re.findall(r'<span class="principle-number">(\d+)</span>', grid)
        assert numbers == [str(n) for n in range(1, 10)], language
        assert f'<a href="{url}">' in featured_section(html), language
        themes = html[html.index('id="themes-heading"') :]
        theme_index = {"en": "/en/themes/", "es": "/es/temas/"}[language]
        assert len(re.findall(f'<a href="{theme_index}[^"]+/">', themes)) >= 5, language

    # Staff pick another reflection on the English home; syncing the translation copies
    # the pick as it is (a synchronised field): each language shows its own version.
    other = ReflectionPage.objects.live().filter(locale=tree.locale).exclude(pk=roundtable.pk)[0]
    for home in (tree.home, in_spanish(tree.home)):
        HomePage.objects.filter(pk=home.pk).update(featured_reflection=other)
    for language, url in (("en", other.url), ("es", in_spanish(other).url)):
        featured = featured_section(client.get(f"/{language}/").content.decode())
        assert f'<a href="{url}">' in featured and "roundtable" not in featured, language
    with translation.override("en"):
        use = reverse("use_and_share")
    assert f'<a href="{use}">Download, cite, embed or link to them</a>' in (
        client.get("/en/").content.decode()
    )


# --- Principle and contributor pages --------------------------------------------------------


def test_principle_page_reads_in_order_with_the_sharing_tools_collapsed_last(client):
    html = client.get(PRINCIPLE).content.decode()
    landmarks = [
        'class="principle__statement"',
        'id="summary-heading"',
        'class="body"',
        'id="themes-heading"',
        'id="credits-heading"',
        'id="reflections-heading"',
        'id="tools-heading"',
    ]
    positions = [html.index(mark) for mark in landmarks]
    assert positions == sorted(positions), "statement, plain words, body, themes, shaped by, …"
    tools = html[html.index('id="tools-heading"') :]
    assert '<details class="tools__details">' in tools  # collapsed: no "open"
    assert tools.index("<details") < tools.index('id="permalink"') < tools.index("</details>")
    assert tools.index("<details") < tools.index('class="cite__apa"') < tools.index("</details>")
    with translation.override("en"):
        assert f'href="{reverse("use_and_share")}"' in tools


def test_contributor_page_lists_the_roundtable_once(client):
    # Magali is credited as an author of the demo roundtable and answers in it.
    html = client.get("/en/contributors/magali/").content.decode()
    main = html[html.index("<main") : html.index("</main>")]
    links = re.findall(rf'href="/en/reflections/{ROUNDTABLE_SLUG}/([^"]*)"', main)
    assert links == ["#response-magali"], "once, under the answers, linking to the answer"


# --- In the browser ------------------------------------------------------------------------


@pytest.fixture
def site(demo_server):
    return demo_server.url


def open_page(browser, url, **options):
    context = browser.new_context(**options)
    page = context.new_page()
    page.goto(url)
    return context, page


@pytest.mark.parametrize("language", ["en", "es"])
def test_phone_header_takes_at_most_15_percent_of_the_first_screen(browser, site, language):
    context, page = open_page(browser, f"{site}/{language}/", viewport=PHONE)
    height = page.locator(".site-header").bounding_box()["height"]
    assert height <= 0.15 * PHONE["height"], f"{height}px of {PHONE['height']}px"
    assert page.locator(".menu__toggle").is_visible()
    assert not page.locator(".site-nav").is_visible()  # behind the menu until opened
    context.close()


def test_menu_opens_and_works_without_javascript(browser, site):
    context, page = open_page(browser, f"{site}/es/", viewport=PHONE, java_script_enabled=False)
    page.locator(".menu__toggle").click()
    assert page.locator("#site-search-q").is_visible()
    assert page.locator(".language-switcher a[hreflang=en]").is_visible()
    page.locator(".site-nav a", has_text="Temas").click()
    page.wait_for_url("**/es/temas/")
    assert page.locator("h1").is_visible()
    context.close()
    # On a desktop the menu's content shows without opening anything.
    context, page = open_page(browser, f"{site}/en/", viewport=DESKTOP, java_script_enabled=False)
    assert page.locator(".site-nav a", has_text="Themes").is_visible()
    assert not page.locator(".menu__toggle").is_visible()
    context.close()


SIZES = """() => Array.from(document.querySelectorAll('main h1, main h2, main h3, main h4'))
  .map(h => [h.tagName.toLowerCase() + (h.classList.contains('card__title') ? '.card' : ''),
             parseFloat(getComputedStyle(h).fontSize)])"""


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_heading_sizes_follow_their_level(browser, site, viewport):
    context, page = open_page(browser, site + PRINCIPLE, viewport=viewport)
    sizes = {}
    for level, size in page.evaluate(SIZES):
        sizes.setdefault(level, []).append(size)
    assert {"h1", "h2", "h3", "h3.card"} <= set(sizes), sizes
    order = ["h1", "h2", "h3", "h3.card"]
    for bigger, smaller in zip(order, order[1:], strict=False):
        assert min(sizes[bigger]) > max(sizes[smaller]), (bigger, smaller, sizes)
    context.close()


# Characters on each rendered line of a paragraph, found from each character's box.
LINES = """(selector) => Array.from(document.querySelectorAll(selector)).map(p => {
  const lh = parseFloat(getComputedStyle(p).lineHeight), range = document.createRange();
  const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT), lines = [];
  let top = null, node;
  while ((node = walker.nextNode())) {
    for (let i = 0; i < node.length; i++) {
      range.setStart(node, i); range.setEnd(node, i + 1);
      const box = range.getClientRects()[0];
      if (!box) continue;
      if (top === null || box.top > top + lh / 2) { lines.push(0); top = box.top; }
      lines[lines.length - 1] += 1;
    }
  }
  return lines;
})"""


@pytest.mark.parametrize(
    "path, selector",
    [
        (PRINCIPLE, ".body .prose p"),
        (f"/en/reflections/{ROUNDTABLE_SLUG}/", ".body .prose p"),
        ("/en/principles/", ".principle-list .card__text"),
        ("/en/", ".hero .lead p"),
    ],
)
def test_reading_text_runs_60_to_80_characters_a_line(browser, site, path, selector):
    context, page = open_page(browser, site + path, viewport=DESKTOP)
    full_lines = [n for lines in page.evaluate(LINES, selector) for n in lines[:-1]]
    assert len(full_lines) >= 3, f"too little text to measure on {path}"
    assert max(full_lines) <= 80, full_lines
    assert sum(full_lines) / len(full_lines) >= 60, full_lines
    context.close()


def test_404_page_keeps_side_margins_on_a_phone(browser, site):
    context, page = open_page(browser, f"{site}/en/no-such-page/", viewport=PHONE)
    box = page.locator("main h1").bounding_box()
    assert box["x"] >= 16 and box["x"] + box["width"] <= PHONE["width"] - 16, box
    context.close()


@pytest.mark.parametrize("path", ["/en/", PRINCIPLE, "/es/"])
def test_no_console_errors_and_the_icons_load(browser, site, path):
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    problems = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.on("response", lambda r: problems.append(r.url) if r.status >= 400 else None)
    page.goto(site + path)
    page.wait_for_load_state("networkidle")
    for rel in ("icon", "apple-touch-icon"):
        href = page.locator(f'link[rel="{rel}"]').get_attribute("href")
        answer = page.request.get(site + href)
        assert answer.ok and answer.headers["content-type"].startswith("image/"), rel
    assert problems == []
    context.close()


CONTRAST = """() => {
  const rgb = c => c.match(/[\\d.]+/g).map(Number);
  const lum = ([r, g, b]) => [r, g, b].map(v => v / 255)
    .map(v => v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4)
    .reduce((sum, v, i) => sum + v * [0.2126, 0.7152, 0.0722][i], 0);
  const ratio = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
                            return (x + 0.05) / (y + 0.05); };
  const backdrop = el => { for (; el; el = el.parentElement) {
      const c = rgb(getComputedStyle(el).backgroundColor);
      if (c.length < 4 || c[3] > 0) return c.slice(0, 3); }
    return [255, 255, 255]; };
  const visible = el => el.getClientRects().length > 0;
  const texts = [...document.querySelectorAll(
      'a, p, li, h1, h2, h3, summary, .card__meta, label, span[aria-current]')]
    .filter(el => visible(el) && el.textContent.trim());
  return {paper: rgb(getComputedStyle(document.body).backgroundColor),
          worst: texts.map(el => [ratio(rgb(getComputedStyle(el).color), backdrop(el)),
                                  el.tagName + '.' + el.className + ': ' + el.textContent.trim().slice(0, 30)])
                      .sort((a, b) => a[0] - b[0]).slice(0, 3)};
}"""


@pytest.mark.parametrize("path", ["/en/", PRINCIPLE, "/es/contacto/"])
def test_dark_mode_text_and_links_meet_aa_contrast(browser, site, path):
    context, page = open_page(browser, site + path, viewport=DESKTOP, color_scheme="dark")
    if path == PRINCIPLE:
        page.locator(".tools__details > summary").click()  # the citation box too
    found = page.evaluate(CONTRAST)
    assert sum(found["paper"]) < 3 * 60, "the page is dark"
    for ratio, where in found["worst"]:
        assert ratio >= 4.5, (round(ratio, 2), where)
    context.close()


def test_print_hides_the_menu_and_prints_the_citation_open(browser, site):
    context, page = open_page(browser, site + PRINCIPLE, viewport=PHONE)
    page.emulate_media(media="print")
    assert not page.locator(".menu__toggle").is_visible()
    assert not page.locator(".tools__details > summary").is_visible()
    # Collapsed on screen, on paper the permanent link and citation are there to read.
    assert page.locator(".cite__apa").is_visible() and page.locator("#permalink").is_visible()
    context.close()
