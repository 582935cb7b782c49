"""Purge on change (site_core/purge.py): every page that shows an object is purged when it changes.

The library gets a principle, a reflection, a theme and a person with names found
nowhere else, all linked to each other. Every public URL (the sitemap's pages, the
feeds, downloads, the API) is read; those that show an object's name are the pages
that show it. The purge table must name each of them, and after each kind of
change each of them must be served fresh, with the change, not from the cache.
"""

import re

import pytest
from django.test import Client

from principles.models import PrincipleContributor
from reflections.models import ReflectionContributor
from site_core import purge
from site_core.models import SiteSettings
from tests import factories

LIBRARY_URLS = [
    "/en/reflections/feed/",
    "/es/reflexiones/feed/",
    "/en/principles/download.json",
    "/en/principles/download.csv",
    "/es/principios/download.json",
    "/api/v2/principles/",
    "/api/v2/reflections/",
    "/api/v2/themes/",
    "/api/v2/contributors/",
    "/sitemap.xml",
]


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 600


@pytest.fixture
def linked(tree, django_capture_on_commit_callbacks):
    theme = factories.ThemeFactory(name="Quartzlight", slug="quartzlight")
    person = factories.ContributorFactory(name="Ona Marbleworth", slug="ona-marbleworth")
    principle = factories.PrinciplePageFactory(
        parent=tree.principles, title="Lanternfold", slug="lanternfold", number=60
    )
    principle.themes.add(theme)
    PrincipleContributor.objects.create(page=principle, contributor=person)
    principle.save_revision().publish()
    reflection = factories.ReflectionPageFactory(
        parent=tree.reflections, title="Vellumtide", slug="vellumtide"
    )
    reflection.themes.add(theme)
    reflection.principles.add(principle)
    ReflectionContributor.objects.create(page=reflection, contributor=person)
    reflection.save_revision().publish()
    return {"principle": principle, "reflection": reflection, "theme": theme, "person": person}


def public_paths(client):
    sitemap = client.get("/sitemap.xml").content.decode()
    paths = {re.sub(r"^https?://[^/]+", "", loc) for loc in re.findall(r"<loc>([^<]+)</loc>", sitemap)}
    return sorted(paths | set(LIBRARY_URLS))


def showing(client, paths, words):
    """The paths whose answer contains ``words``."""
    found = set()
    for path in paths:
        response = client.get(path)
        if response.status_code == 200 and words in response.content.decode():
            found.add(path)
    return found


def covered(path, places):
    return any(
        place == purge.EVERYTHING
        or (place.path == path)
        or (place.tree and path.startswith(place.path))
        for place in places
    )


OBJECTS = {
    "principle": "Lanternfold",
    "reflection": "Vellumtide",
    "theme": "Quartzlight",
    "person": "Ona Marbleworth",
}


def test_the_purge_table_names_every_page_that_shows_an_object(client, linked):
    # One crawl of every public URL; then, for each object, the pages showing its name.
    bodies = {}
    for path in public_paths(client):
        response = client.get(path)
        if response.status_code == 200:
            bodies[path] = response.content.decode()
    for name, words in OBJECTS.items():
        shown_on = {path for path, body in bodies.items() if words in body}
        assert len(shown_on) >= 3, (name, shown_on)  # its own page, lists, the API at least
        places = purge.places(linked[name])
        missing = sorted(path for path in shown_on if not covered(path, places))
        assert not missing, f"{name} is shown on {missing}, which its purge does not name"


def named_by_purge(client, obj):
    """The public URLs the purge table says show ``obj`` (the test above checks it is all)."""
    places = purge.places(obj)
    return {path for path in public_paths(client) if covered(path, places)}


def prime(client, paths):
    for path in paths:
        client.get(path)
    assert all(client.get(path)["X-Cache"] == "hit" for path in paths)


def stale(client, paths):
    """Those of ``paths`` still answered from the cache."""
    return [path for path in paths if client.get(path)["X-Cache"] != "miss"]


def test_publishing_a_change_purges_every_page_that_showed_the_principle(
    client, linked, django_capture_on_commit_callbacks
):
    principle = linked["principle"]
    shown_on = showing(client, named_by_purge(client, principle), "Lanternfold")
    prime(client, shown_on)
    principle.title = "Lanternfold Renewed"
    with django_capture_on_commit_callbacks(execute=True):
        principle.save_revision().publish()
    assert not stale(client, shown_on)
    assert showing(client, shown_on, "Lanternfold Renewed") == shown_on


def test_unpublishing_purges_the_page_and_the_lists(client, linked, django_capture_on_commit_callbacks):
    principle = linked["principle"]
    shown_on = showing(client, named_by_purge(client, principle), "Lanternfold")
    prime(client, shown_on)
    with django_capture_on_commit_callbacks(execute=True):
        principle.unpublish()
    assert client.get(principle.url).status_code == 404
    assert not showing(client, shown_on, "Lanternfold")


def test_deleting_purges_the_page_and_the_lists(client, linked, django_capture_on_commit_callbacks):
    reflection = linked["reflection"]
    shown_on = showing(client, named_by_purge(client, reflection), "Vellumtide")
    prime(client, shown_on)
    with django_capture_on_commit_callbacks(execute=True):
        reflection.delete()
    assert not showing(client, shown_on, "Vellumtide")


def test_moving_a_page_purges_every_page(client, linked, tree, django_capture_on_commit_callbacks):
    standard = factories.StandardPageFactory(parent=tree.home, title="Moving notes", slug="moving")
    other = factories.StandardPageFactory(parent=tree.home, title="Shelf", slug="shelf")
    prime(client, [standard.url, linked["principle"].url, tree.home.url])
    with django_capture_on_commit_callbacks(execute=True):
        standard.move(other, pos="last-child")
    assert client.get(linked["principle"].url)["X-Cache"] == "miss"
    assert client.get("/en/shelf/moving/").status_code == 200


@pytest.mark.parametrize(
    "name, field, words",
    [("theme", "name", "Quartzlight Anew"), ("person", "name", "Ona Marbleworth-Reyes")],
)
def test_publishing_a_theme_or_person_purges_the_pages_that_show_them(
    client, linked, name, field, words, django_capture_on_commit_callbacks
):
    item = linked[name]
    old = getattr(item, field)
    shown_on = showing(client, named_by_purge(client, item), old)
    prime(client, shown_on)
    setattr(item, field, words)
    with django_capture_on_commit_callbacks(execute=True):
        item.save_revision().publish()
    assert not stale(client, shown_on)
    still_old = {
        path for path in showing(client, shown_on, old) if words not in client.get(path).content.decode()
    }
    assert not still_old


def test_saving_site_settings_purges_every_page(client, linked, tree, django_capture_on_commit_callbacks):
    paths = [linked["principle"].url, tree.home.url, "/sitemap.xml", "/en/themes/quartzlight/"]
    prime(client, paths)
    settings = SiteSettings.for_site(tree.home.get_site())
    settings.footer_text = "Footnote of the purge test"
    with django_capture_on_commit_callbacks(execute=True):
        settings.save()
    for path in paths[:2] + paths[3:]:
        response = client.get(path)
        assert response["X-Cache"] == "miss"
        assert "Footnote of the purge test" in response.content.decode()


def test_a_page_in_the_menu_purges_every_page(client, linked, tree, django_capture_on_commit_callbacks):
    prime(client, [linked["principle"].url, "/en/themes/quartzlight/"])
    menu_page = factories.StandardPageFactory(
        parent=tree.home, title="Menu newcomer", slug="newcomer", show_in_menus=True, live=False
    )
    with django_capture_on_commit_callbacks(execute=True):
        menu_page.save_revision().publish()
    for path in (linked["principle"].url, "/en/themes/quartzlight/"):
        response = client.get(path)
        assert response["X-Cache"] == "miss" and "Menu newcomer" in response.content.decode()


def test_a_change_purges_only_what_shows_it(client, linked, tree, django_capture_on_commit_callbacks):
    reflection = linked["reflection"]
    unrelated = factories.ContributorFactory(name="Ira Stillwater", slug="ira-stillwater")
    profile = f"/en/contributors/{unrelated.slug}/"
    prime(client, [profile, tree.themes.url])
    reflection.title = "Vellumtide, revised"
    with django_capture_on_commit_callbacks(execute=True):
        reflection.save_revision().publish()
    assert client.get(profile)["X-Cache"] == "hit"


def test_nothing_is_purged_before_the_change_is_committed(client, linked, django_capture_on_commit_callbacks):
    principle = linked["principle"]
    prime(client, [principle.url])
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        principle.title = "Not yet"
        principle.save_revision().publish()
    assert callbacks  # the purge waits for the commit
    # Another visitor, before the commit, still gets the stored page.
    assert Client().get(principle.url)["X-Cache"] == "hit"


def test_a_renamed_page_answers_its_old_address_with_a_redirect_not_the_stored_page(
    client, linked, django_capture_on_commit_callbacks
):
    principle = linked["principle"]
    old_url = principle.url
    prime(client, [old_url])
    principle.slug = "lanternfold-renamed"
    with django_capture_on_commit_callbacks(execute=True):
        principle.save_revision().publish()
    response = client.get(old_url)
    assert response.status_code in (301, 302)
    assert response["Location"].endswith("/en/principles/lanternfold-renamed/")
    assert client.get("/en/principles/lanternfold-renamed/").status_code == 200


def test_a_renamed_theme_answers_its_old_address_with_a_redirect(
    client, linked, django_capture_on_commit_callbacks
):
    theme = linked["theme"]
    prime(client, ["/en/themes/quartzlight/"])
    theme.slug = "quartzlight-renamed"
    with django_capture_on_commit_callbacks(execute=True):
        theme.save_revision().publish()
    response = client.get("/en/themes/quartzlight/")
    assert response.status_code in (301, 302)
