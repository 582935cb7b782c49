"""`load_demo_content` builds the whole site, and a second run changes nothing."""

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import connection
from wagtail.models import Page, Revision, Site

from principles.models import PrinciplePage, Theme
from reflections.models import ReflectionPage, ReflectionResponse
from site_core.models import Contributor

pytestmark = pytest.mark.django_db

PUBLISHED_TITLES = [
    "Adaptation",
    "Holistic",
    "Difference",
    "Cycles",
    "Honor",
    "Time and Space",
    "Anti-Oppression",
    "Transformative and Practical",
    "Community-Led",
]


def snapshot():
    """Every row of every model of the project and of Wagtail's page machinery."""
    models = [
        m
        for m in apps.get_models()
        if m._meta.app_label
        in {"site_core", "principles", "reflections", "wagtailcore", "wagtailsearch"}
    ]
    tables = {}
    with connection.cursor() as cursor:
        for model in models:
            cursor.execute(f'SELECT * FROM "{model._meta.db_table}"')  # raw: exact stored values
            tables[model._meta.label] = sorted(map(repr, cursor.fetchall()))
    return tables


def test_demo_content_builds_the_site(client):
    call_command("load_demo_content", verbosity=0)
    principles = PrinciplePage.objects.live().order_by("number")
    assert [p.title for p in principles] == PUBLISHED_TITLES
    assert [p.number for p in principles] == list(range(1, 10))
    assert all("Demo text" in str(p.body) for p in principles)
    assert 7 <= Theme.objects.count() <= 9
    assert set(Contributor.objects.values_list("name", flat=True)) == {
        "Magali",
        "Richael Faithful",
        "Kate",
        "Ismail Ali",
        "Sasanka",
    }

    roundtable = ReflectionPage.objects.get(slug="healing-justice-and-harm-reduction-roundtable")
    kinds = [block.block_type for block in roundtable.body]
    assert kinds[0] == "question" and kinds.count("response") == 5
    assert roundtable.principles.exists() and roundtable.themes.exists()
    assert ReflectionResponse.objects.filter(reflection=roundtable).count() == 5
    assert ReflectionPage.objects.live().count() == 2

    site = Site.objects.get(is_default_site=True)
    assert site.root_page.specific_class.__name__ == "HomePage"
    for url in (
        "/en/",
        "/en/about/",
        "/en/contact/",
        "/en/principles/",
        "/en/principles/adaptation/",
        "/en/themes/",
        "/en/contributors/magali/",
        roundtable.url,
    ):
        assert client.get(url).status_code == 200, url
    home = client.get("/en/").content.decode()
    assert "Adaptation" in home  # featured principles
    assert 'href="/en/about/"' in home and 'href="/en/contact/"' in home  # menu


def test_demo_content_is_idempotent():
    call_command("load_demo_content", verbosity=0)
    before = snapshot()
    revisions = Revision.objects.count()
    call_command("load_demo_content", verbosity=0)
    assert Revision.objects.count() == revisions
    assert snapshot() == before


def test_demo_loader_keeps_staff_edits_and_restores_missing_items():
    call_command("load_demo_content", verbosity=0)
    page = PrinciplePage.objects.get(slug="honor")
    page.statement = "Staff rewrote this."
    page.save_revision().publish()
    ReflectionPage.objects.get(slug="making-time-on-an-outreach-shift").delete()
    call_command("load_demo_content", verbosity=0)
    assert PrinciplePage.objects.get(slug="honor").statement == "Staff rewrote this."
    assert ReflectionPage.objects.filter(slug="making-time-on-an-outreach-shift").exists()
    # `make serve` passes --if-empty: an existing site is left alone entirely.
    ReflectionPage.objects.get(slug="making-time-on-an-outreach-shift").delete()
    call_command("load_demo_content", "--if-empty", verbosity=0)
    assert not Page.objects.filter(slug="making-time-on-an-outreach-shift").exists()
