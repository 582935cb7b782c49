"""Crawlers and feed readers find the library: sitemap, robots.txt, Atom feeds, canonical links."""

import re
import xml.etree.ElementTree as ET

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale, Page, PageViewRestriction, Site

from principles.models import PrinciplePage, Theme
from reflections.models import ReflectionContributor, ReflectionPage, public_url
from site_core.models import Contributor
from tests import factories

pytestmark = pytest.mark.django_db

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"
ATOM = "{http://www.w3.org/2005/Atom}"
HOST = "http://testserver"


def sitemap_of(client, url="/sitemap.xml"):
    """{location: {hreflang: href}} and {location: lastmod} from the sitemap."""
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    root = ET.fromstring(response.content)
    assert root.tag == f"{SITEMAP}urlset"
    alternates, lastmods = {}, {}
    for url_element in root.findall(f"{SITEMAP}url"):
        location = url_element.findtext(f"{SITEMAP}loc")
        assert location.startswith(f"{HOST}/"), location
        assert location not in alternates, f"{location} listed twice"
        links = url_element.findall(f"{XHTML}link")
        assert all(link.get("rel") == "alternate" for link in links)
        alternates[location] = {link.get("hreflang"): link.get("href") for link in links}
        assert len(alternates[location]) == len(links), f"{location}: an hreflang twice"
        lastmods[location] = url_element.findtext(f"{SITEMAP}lastmod")
    return alternates, lastmods


def test_sitemap_lists_every_public_page_in_both_languages(client):
    alternates, lastmods = sitemap_of(client)
    both = {
        "en": f"{HOST}/en/principles/adaptation/",
        "es": f"{HOST}/es/principios/adaptacion/",
        "x-default": f"{HOST}/en/principles/adaptation/",
    }
    assert alternates[both["en"]] == both
    assert alternates[both["es"]] == both
    # Index and home pages in both languages, with a date of last change.
    for location in (
        f"{HOST}/en/",
        f"{HOST}/es/",
        f"{HOST}/en/reflections/",
        f"{HOST}/es/reflexiones/",
        f"{HOST}/en/reflections/healing-justice-and-harm-reduction-roundtable/",
    ):
        assert location in alternates, location
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", lastmods[location]), location
    assert alternates[f"{HOST}/es/reflexiones/"]["en"] == f"{HOST}/en/reflections/"
    assert alternates[f"{HOST}/es/reflexiones/"]["x-default"] == f"{HOST}/en/reflections/"
    # Every live, public, non-alias page of the demo is listed once per language.
    for page in PrinciplePage.objects.live().filter(alias_of__isnull=True):
        assert f"{HOST}{page.url}" in alternates, page.url


def test_sitemap_leaves_out_untranslated_copies_drafts_and_private_pages(
    client, tree, spanish_tree
):
    factories.PrinciplePageFactory(parent=tree.principles, slug="draft-principle", live=False)
    reflection = factories.ReflectionPageFactory(parent=tree.reflections, slug="not-yet-in-spanish")
    reflection.copy_for_translation(spanish_tree.locale, alias=True)
    private = factories.PrinciplePageFactory(parent=tree.principles, slug="staff-only")
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    alternates, _lastmods = sitemap_of(client)
    locations = set(alternates)
    # An untranslated English page: listed in English, its Spanish alias is not,
    # and no hreflang claims a Spanish version.
    untranslated = f"{HOST}/en/principles/community-led/"
    assert alternates[untranslated] == {"en": untranslated, "x-default": untranslated}
    assert f"{HOST}/es/principios/community-led/" not in locations
    aliases = ReflectionPage.objects.filter(alias_of__isnull=False)
    assert aliases.exists()
    for alias in aliases:
        assert f"{HOST}{alias.url}" not in locations
    all_links = {href for versions in alternates.values() for href in versions.values()}
    assert not any("draft-principle" in url or "staff-only" in url for url in locations)
    assert not any("draft-principle" in url or "staff-only" in url for url in all_links)
    assert all_links <= locations  # every alternate is itself listed


def test_sitemap_lists_theme_and_contributor_pages_in_each_language(client):
    alternates, lastmods = sitemap_of(client)
    spanish = Locale.objects.get(language_code="es")
    theme = Theme.objects.get(slug="mutual-aid", locale__language_code="en")
    spanish_theme = theme.get_translation(spanish)
    english_url = f"{HOST}/en/themes/mutual-aid/"
    spanish_url = f"{HOST}/es/temas/{spanish_theme.slug}/"
    expected = {"en": english_url, "es": spanish_url, "x-default": english_url}
    assert alternates[english_url] == expected
    assert alternates[spanish_url] == expected
    assert lastmods[english_url] is None
    person = f"{HOST}/en/contributors/magali/"
    assert alternates[f"{HOST}/es/colaboradores/magali/"] == {
        "en": person,
        "es": f"{HOST}/es/colaboradores/magali/",
        "x-default": person,
    }
    for item in [*Theme.objects.all(), *Contributor.objects.all()]:
        assert f"{HOST}{public_url(item)}" in alternates, public_url(item)
    # A theme nobody has translated yet: English only.
    factories.ThemeFactory(name="Housing first", slug="housing-first")
    alternates, _lastmods = sitemap_of(client)
    housing = f"{HOST}/en/themes/housing-first/"
    assert alternates[housing] == {"en": housing, "x-default": housing}


def sitemap_queries(client):
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/sitemap.xml").status_code == 200
    return len(queries)


def test_sitemap_costs_a_fixed_number_of_queries(client, tree):
    factories.PrinciplePageFactory(parent=tree.principles)
    factories.ThemeFactory()
    factories.ContributorFactory()
    sitemap_queries(client)  # warm caches (site root paths)
    few = sitemap_queries(client)
    before, _lastmods = sitemap_of(client)
    added = set()
    for _ in range(19):
        added.add(factories.PrinciplePageFactory(parent=tree.principles).url)
        added.add(factories.ReflectionPageFactory(parent=tree.reflections).url)
        added.add(public_url(factories.ThemeFactory()))
        added.add(public_url(factories.ContributorFactory()))
    assert len(added) == 19 * 4
    sitemap_queries(client)  # the new pages renewed the per-process memo (site_core/memo.py)
    many = sitemap_queries(client)
    assert many == few <= 12, few
    after, _lastmods = sitemap_of(client)  # which also checks no location is listed twice
    assert set(after) - set(before) == {f"{HOST}{path}" for path in added}
    assert len(after) == len(before) + 19 * 4  # everything listed before, each added item once


@pytest.mark.parametrize(
    "query", ["?p=abc", "?p=-1", "?p=0", "?p=99999", "?p=1.5", "?page=-1", "?p=%00"]
)
def test_sitemap_bad_input_never_fails(client, tree, query):
    assert client.get(f"/sitemap.xml{query}").status_code in (200, 404)


def test_robots_txt(client, db):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert "User-agent: *" in lines
    assert "Disallow: /admin/" in lines
    assert "Disallow: /*/search/" in lines
    assert [line for line in lines if line.startswith("Disallow:")] == [
        "Disallow: /admin/",
        "Disallow: /*/search/",
    ]
    assert f"Sitemap: {HOST}/sitemap.xml" in lines
    assert not response.cookies
    assert client.post("/robots.txt").status_code == 405


def atom_of(client, url, **extra):
    response = client.get(url, **extra)
    assert response.status_code == 200, url
    assert response["Content-Type"].startswith("application/atom+xml")
    assert not response.cookies
    return ET.fromstring(response.content)


def entries_of(feed):
    return [
        {
            "title": entry.findtext(f"{ATOM}title"),
            "link": entry.find(f"{ATOM}link[@rel='alternate']").get("href"),
            "published": entry.findtext(f"{ATOM}published"),
            "updated": entry.findtext(f"{ATOM}updated"),
            "summary": entry.findtext(f"{ATOM}summary"),
            "authors": [a.findtext(f"{ATOM}name") for a in entry.findall(f"{ATOM}author")],
            "id": entry.findtext(f"{ATOM}id"),
        }
        for entry in feed.findall(f"{ATOM}entry")
    ]


def test_reflection_feeds_in_each_language(client, tree, spanish_tree):
    english = atom_of(client, "/en/reflections/feed/")
    assert english.tag == f"{ATOM}feed"
    assert english.get("{http://www.w3.org/XML/1998/namespace}lang") == "en"
    assert english.findtext(f"{ATOM}title").startswith("Reflections")
    assert english.findtext(f"{ATOM}id") and english.findtext(f"{ATOM}updated")
    assert english.find(f"{ATOM}link[@rel='self']").get("href") == (f"{HOST}/en/reflections/feed/")
    assert english.find(f"{ATOM}link[@rel='alternate']").get("href") == f"{HOST}/en/reflections/"
    entries = entries_of(english)
    assert [entry["title"] for entry in entries] == [
        "Making time on an outreach shift",  # 2026-11-05
        "Healing justice and harm reduction: a roundtable",  # 2026-10-15
    ]
    assert entries[0]["published"].startswith("2026-11-05")
    for entry in entries:
        assert entry["link"].startswith(f"{HOST}/en/reflections/")
        assert entry["id"] and entry["updated"] and entry["summary"] and entry["authors"]
    assert len(entries[1]["authors"]) > 1  # the roundtable names each contributor

    spanish = atom_of(client, "/es/reflexiones/feed/")
    assert spanish.get("{http://www.w3.org/XML/1998/namespace}lang") == "es"
    assert spanish.findtext(f"{ATOM}title").startswith("Reflexiones")
    assert spanish.find(f"{ATOM}link[@rel='self']").get("href") == (f"{HOST}/es/reflexiones/feed/")
    links = [entry["link"] for entry in entries_of(spanish)]
    assert len(links) == 2 and all(link.startswith(f"{HOST}/es/reflexiones/") for link in links)
    # Both demo reflections are translated: their entries are in the feed's language.
    assert [entry_language(entry) for entry in spanish.findall(f"{ATOM}entry")] == [None, None]
    assert not any(entry_language(entry) for entry in english.findall(f"{ATOM}entry"))
    # One nobody has translated yet is English text, and says so.
    reflection = factories.ReflectionPageFactory(
        parent=tree.reflections, title="Not yet translated", date="2026-11-20"
    )
    reflection.save_revision().publish()
    reflection.copy_for_translation(spanish_tree.locale, alias=True)
    spanish = atom_of(client, "/es/reflexiones/feed/")
    assert [entry_language(entry) for entry in spanish.findall(f"{ATOM}entry")] == [
        "en",
        None,
        None,
    ]


def entry_language(entry):
    return entry.get("{http://www.w3.org/XML/1998/namespace}lang")


def test_feed_is_newest_first_capped_and_escapes_text(client, tree):
    person = factories.ContributorFactory(name="Ana Ruiz")
    demo = [page.title for page in ReflectionPage.objects.child_of(tree.reflections).live()]
    assert len(demo) == 2
    # 25 reflections newer than the demo's two (2026-10-15 and 2026-11-05).
    for day in range(1, 26):
        page = factories.ReflectionPageFactory(
            parent=tree.reflections,
            title=f"Notes {day:02d} & more",
            date=f"2027-03-{day:02d}",
            intro="Harm reduction <works> & heals.",
        )
        ReflectionContributor.objects.create(page=page, contributor=person)
    factories.ReflectionPageFactory(parent=tree.reflections, title="Unpublished", live=False)
    feed = atom_of(client, "/en/reflections/feed/")
    entries = entries_of(feed)
    assert len(entries) == 20
    assert [entry["title"] for entry in entries] == [
        f"Notes {day:02d} & more" for day in range(25, 5, -1)
    ]  # the newest 20; the demo's older two are past the cap
    assert not set(demo) & {entry["title"] for entry in entries}
    assert [entry["published"] for entry in entries] == sorted(
        (entry["published"] for entry in entries), reverse=True
    )
    assert entries[0]["summary"] == "Harm reduction &lt;works&gt; &amp; heals."  # html-escaped
    assert entries[0]["authors"] == ["Ana Ruiz"]
    # The index page still lists reflections at its own URL, and bad pages do not fail.
    assert "Notes 25 &amp; more" in client.get("/en/reflections/").content.decode()
    for query in ("?page=-1", "?page=abc", "?page=999"):
        assert client.get(f"/en/reflections/{query}").status_code == 200
        assert client.get(f"/en/reflections/feed/{query}").status_code == 200


def feed_queries(client):
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/en/reflections/feed/").status_code == 200
    return len(queries)


def test_feed_costs_a_fixed_number_of_queries(client, tree):
    person = factories.ContributorFactory()

    def add_reflection():
        page = factories.ReflectionPageFactory(parent=tree.reflections)
        ReflectionContributor.objects.create(page=page, contributor=person)

    add_reflection()
    feed_queries(client)  # warm caches (site root paths)
    few = feed_queries(client)
    for _ in range(19):
        add_reflection()
    feed_queries(client)  # the new pages renewed the per-process memo (site_core/memo.py)
    assert feed_queries(client) == few


@pytest.fixture
def empty_reflection_index(db):
    """A second site, at 127.0.0.1: a home of its own whose reflection index has no reflections."""
    home = factories.HomePageFactory(parent=Page.get_first_root_node(), slug="second-home")
    index = factories.ReflectionIndexPageFactory(parent=home)
    site = Site.objects.create(hostname="127.0.0.1", port=80, root_page=home)
    yield index
    # Deleting it clears Wagtail's cached site root paths, which the rollback would not.
    site.delete()


def test_empty_feed_is_valid_atom(client, empty_reflection_index):
    assert not empty_reflection_index.get_children().exists()
    feed = atom_of(client, "/en/reflections/feed/", HTTP_HOST="127.0.0.1")
    self_link = feed.find(f"{ATOM}link[@rel='self']").get("href")
    assert self_link == "http://127.0.0.1/en/reflections/feed/"  # that site's feed, not the demo's
    assert entries_of(feed) == []
    assert feed.findtext(f"{ATOM}updated")
    # Entries without authors fall back to the feed's author, as Atom requires.
    assert feed.find(f"{ATOM}author/{ATOM}name").text


def feed_links(html):
    return re.findall(r'<link rel="alternate" type="application/atom\+xml"[^>]*>', html)


def test_reflection_pages_announce_their_feed(client):
    for url, feed in (
        ("/en/reflections/", "/en/reflections/feed/"),
        ("/en/reflections/making-time-on-an-outreach-shift/", "/en/reflections/feed/"),
        ("/es/reflexiones/", "/es/reflexiones/feed/"),
        (
            "/es/reflexiones/mesa-redonda-justicia-sanadora-y-reduccion-de-danos/",
            "/es/reflexiones/feed/",
        ),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        links = feed_links(response.content.decode())
        assert len(links) == 1 and f'href="{feed}"' in links[0], (url, links)
        assert client.get(feed).status_code == 200


@pytest.mark.parametrize(
    "url",
    [
        "/en/",
        "/es/",
        "/en/principles/adaptation/",
        "/es/principios/adaptacion/",
        "/es/principios/community-led/",
        "/en/themes/mutual-aid/",
        "/en/themes/",
        "/es/colaboradores/magali/",
        "/en/reflections/",
        "/en/reflections/healing-justice-and-harm-reduction-roundtable/",
    ],
)
def test_every_page_has_exactly_one_canonical_link(client, url):
    response = client.get(url)
    assert response.status_code == 200
    canonical = re.findall(r'<link rel="canonical" href="([^"]+)">', response.content.decode())
    assert canonical == [f"{HOST}{url}"]
