"""Images are rendered when content is published, so no visitor waits for a resize.

``site_core/renditions.py`` holds the one table of which images each kind of object
shows with which filter specs; these tests keep the templates to that table and
check that a visitor's first request finds every rendition already made.
"""

import re
from pathlib import Path

import pytest
import wagtail_factories
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.images import get_image_model
from wagtail.models import Site

from site_core.blocks import stream_data
from site_core.models import SiteSettings
from site_core.renditions import SHOWN
from tests import factories

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
Rendition = get_image_model().get_rendition_model()
BODY_SPEC = "width-800|format-webp"

# {% image <expression> <spec words> [attribute=value ...] [as name] %}
IMAGE_TAG = re.compile(r"{%\s*image\s+\S+\s+(.*?)%}")
ATTRIBUTE = re.compile(r"""\w+=("[^"]*"|'[^']*'|\S+)""")
# Tags that render with specs this test does not read: the table would miss them.
OTHER_RENDITION_TAGS = re.compile(r"{%\s*(image_url|srcset_image|picture)\s")


def specs_in(text):
    """The filter specs of every {% image %} tag in a template, as Wagtail joins them."""
    found = set()
    for arguments in IMAGE_TAG.findall(text):
        words = ATTRIBUTE.sub(" ", arguments).split()
        if "as" in words:
            words = words[: words.index("as")]
        found.add("|".join(words))
    return found


def template_specs():
    return {
        str(path.relative_to(TEMPLATES)): specs_in(path.read_text())
        for path in TEMPLATES.rglob("*.html")
    }


def test_templates_use_only_the_specs_the_table_makes_at_publish():
    in_table = {spec for row in SHOWN for spec in row.specs}
    used = template_specs()
    for template, specs in used.items():
        assert specs <= in_table, f"{template} uses {specs - in_table}: add to SHOWN"
        text = (TEMPLATES / template).read_text()
        assert not OTHER_RENDITION_TAGS.search(text), f"{template}: teach this test its specs"
    # And the table names no spec its template no longer uses (renditions nobody sees).
    for row in SHOWN:
        assert set(row.specs) <= used[row.where], (row, used[row.where])


def test_the_template_parser_reads_attributes_and_names_apart_from_specs():
    text = '{% image icon fill-32x32 format-png as small %}{% image logo height-96 class="a b" alt="" %}'
    assert specs_in(text) == {"fill-32x32|format-png", "height-96"}


@pytest.fixture(autouse=True)
def no_remembered_renditions():
    """Wagtail remembers renditions in the cache, which outlives each test's rollback: on
    SQLite a new image can get a rolled-back image's id and find its renditions there."""
    Rendition.cache_backend.clear()


def renditions_of(image):
    return set(Rendition.objects.filter(image=image).values_list("filter_spec", flat=True))


def first_visit(client, url):
    """An anonymous visitor's GET: the page, and the renditions it had to make."""
    before = Rendition.objects.count()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    inserts = [
        query["sql"]
        for query in queries.captured_queries
        if query["sql"].lstrip().upper().startswith("INSERT")
        and Rendition._meta.db_table in query["sql"]
    ]
    return response.content.decode(), Rendition.objects.count() - before, inserts


def page_with_image(factory, parent, image, **fields):
    return factory(
        parent=parent,
        body=stream_data(
            ("paragraph", "<p>Before the picture.</p>"),
            ("image", {"image": image.pk, "caption": "A circle", "credit": "Staff"}),
        ),
        **fields,
    )


@pytest.mark.parametrize("kind", ["principle", "reflection", "standard"])
def test_publishing_a_page_renders_its_images_before_anyone_visits(client, tree, kind):
    image = wagtail_factories.ImageFactory(title="Circle", description="People in a circle")
    factory, parent = {
        "principle": (factories.PrinciplePageFactory, tree.principles),
        "reflection": (factories.ReflectionPageFactory, tree.reflections),
        "standard": (factories.StandardPageFactory, tree.home),
    }[kind]
    page = page_with_image(factory, parent, image)
    assert renditions_of(image) == set()  # saved, not yet published through Wagtail

    page.save_revision().publish()
    assert BODY_SPEC in renditions_of(image)
    rendition = image.get_rendition(BODY_SPEC)

    html, made, inserts = first_visit(client, page.url)
    assert rendition.url in html
    assert made == 0 and inserts == []


def test_a_visit_without_publishing_would_render_on_the_request(client, tree):
    """The measure above can see a rendition made by a visit: here one is."""
    image = wagtail_factories.ImageFactory(description="People in a circle")
    page = page_with_image(factories.StandardPageFactory, tree.home, image)  # live, never published
    html, made, inserts = first_visit(client, page.url)
    assert made == 1 and len(inserts) == 1
    assert image.get_rendition(BODY_SPEC).url in html


def test_publishing_a_contributor_renders_their_photo(client, tree):
    photo = wagtail_factories.ImageFactory(description="Kim smiling")
    person = factories.ContributorFactory(photo=photo)
    assert renditions_of(photo) == set()

    person.save_revision().publish()
    assert renditions_of(photo) == {"fill-160x160|format-webp"}

    html, made, inserts = first_visit(client, f"/en/contributors/{person.slug}/")
    assert photo.get_rendition("fill-160x160|format-webp").url in html
    assert made == 0 and inserts == []


def test_saving_site_settings_renders_the_logo_and_icons(
    client, tree, django_capture_on_commit_callbacks
):
    logo = wagtail_factories.ImageFactory(description="")
    icon = wagtail_factories.ImageFactory(description="", width=512, height=512)
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings.logo, settings.icon = logo, icon
    # As in the admin, what waits for the commit runs (pages and settings kept in caches
    # are dropped then), though the test's transaction is rolled back afterwards.
    with django_capture_on_commit_callbacks(execute=True):
        settings.save()
    assert renditions_of(logo) == {"height-96"}
    assert renditions_of(icon) == {"fill-32x32|format-png", "fill-180x180|format-png"}

    try:
        html, made, inserts = first_visit(client, tree.home.url)
        assert logo.get_rendition("height-96").url in html
        assert icon.get_rendition("fill-180x180|format-png").url in html
        assert made == 0 and inserts == []
    finally:
        # Settings kept between requests must not outlive this test's rollback
        # with images that no longer exist.
        settings.logo = settings.icon = None
        with django_capture_on_commit_callbacks(execute=True):
            settings.save()


def test_publishing_still_works_when_an_image_file_is_missing(client, tree):
    image = wagtail_factories.ImageFactory(description="Lost")
    page = page_with_image(factories.StandardPageFactory, tree.home, image, live=False)
    image.file.storage.delete(image.file.name)  # a lost upload, or storage briefly down

    page.save_revision().publish()
    page.refresh_from_db()
    assert page.live and renditions_of(image) == set()
    assert "Before the picture." in client.get(page.url).content.decode()
