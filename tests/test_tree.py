"""The page tree staff can build: which page goes where, and that the admin's create forms work."""

import pytest
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from principles.models import PrincipleIndexPage, PrinciplePage
from reflections.models import (
    ContributorIndexPage,
    HomePage,
    ReflectionIndexPage,
    ReflectionPage,
    ThemeIndexPage,
)
from site_core.models import ContactPage, StandardPage
from tests import factories

pytestmark = pytest.mark.django_db


class PageTreeAssertions(WagtailPageTestCase):
    """Wagtail's own page-tree assertions, for use from pytest functions."""

    __test__ = False  # a helper, not a test case for pytest to collect

    def runTest(self):  # unittest needs a test method to build an instance
        pass


@pytest.fixture
def wagtail(admin_client_logged_in):
    """Wagtail's page test assertions, posting as a logged-in superuser."""
    assertions = PageTreeAssertions()
    assertions.client = admin_client_logged_in
    return assertions


def list_block(values):
    """ListBlock form data, the shape the admin's editor posts."""
    data = {str(i): {"value": v, "deleted": "", "order": str(i)} for i, v in enumerate(values)}
    data["count"] = str(len(values))
    return data


def test_allowed_subpage_types(wagtail):
    wagtail.assertAllowedSubpageTypes(
        HomePage,
        {
            PrincipleIndexPage,
            ThemeIndexPage,
            ReflectionIndexPage,
            ContributorIndexPage,
            StandardPage,
            ContactPage,
        },
    )
    wagtail.assertAllowedSubpageTypes(PrincipleIndexPage, {PrinciplePage})
    wagtail.assertAllowedSubpageTypes(ReflectionIndexPage, {ReflectionPage})
    wagtail.assertAllowedSubpageTypes(StandardPage, {StandardPage})
    for leaf in (
        PrinciplePage,
        ReflectionPage,
        ContactPage,
        ThemeIndexPage,
        ContributorIndexPage,
    ):
        wagtail.assertAllowedSubpageTypes(leaf, set())


def test_allowed_parent_types(wagtail):
    wagtail.assertAllowedParentPageTypes(PrinciplePage, {PrincipleIndexPage})
    wagtail.assertAllowedParentPageTypes(ReflectionPage, {ReflectionIndexPage})
    wagtail.assertAllowedParentPageTypes(StandardPage, {HomePage, StandardPage})
    for model in (
        PrincipleIndexPage,
        ThemeIndexPage,
        ReflectionIndexPage,
        ContributorIndexPage,
    ):
        wagtail.assertAllowedParentPageTypes(model, {HomePage})
    wagtail.assertAllowedParentPageTypes(HomePage, {Page})


def test_principles_cannot_be_created_outside_their_index(wagtail):
    wagtail.assertCanNotCreateAt(HomePage, PrinciplePage)
    wagtail.assertCanNotCreateAt(StandardPage, PrinciplePage)
    wagtail.assertCanNotCreateAt(PrincipleIndexPage, ReflectionPage)
    wagtail.assertCanCreateAt(PrincipleIndexPage, PrinciplePage)
    wagtail.assertCanCreateAt(ReflectionIndexPage, ReflectionPage)


def test_one_index_of_each_kind_per_home(tree):
    # The demo home has one index of each kind already.
    for model in (PrincipleIndexPage, ThemeIndexPage, ReflectionIndexPage, ContributorIndexPage):
        assert not model.can_create_at(tree.home), model
    # A second home with a principle index and a reflection index, and no theme index yet.
    home = factories.HomePageFactory(parent=Page.get_first_root_node(), slug="home-tree")
    factories.PrincipleIndexPageFactory(parent=home)
    factories.ReflectionIndexPageFactory(parent=home)
    assert not PrincipleIndexPage.can_create_at(home)
    assert not ReflectionIndexPage.can_create_at(home)
    assert ThemeIndexPage.can_create_at(home)


def test_create_home_page(wagtail):
    wagtail.assertCanCreate(
        Page.get_first_root_node(),
        HomePage,
        nested_form_data(
            {
                "title": "Inicio",
                "slug": "inicio-test",
                "intro": rich_text("Hello"),
                "featured_principles": inline_formset([]),
            }
        ),
    )


def test_create_index_pages(wagtail):
    new_home = factories.HomePageFactory(parent=Page.get_first_root_node(), slug="other")
    for model, slug in (
        (PrincipleIndexPage, "principles"),
        (ThemeIndexPage, "themes"),
        (ReflectionIndexPage, "reflections"),
        (ContributorIndexPage, "contributors"),
    ):
        wagtail.assertCanCreate(
            new_home,
            model,
            nested_form_data({"title": slug.title(), "slug": slug, "intro": rich_text("Intro")}),
        )


def test_create_standard_page(wagtail, tree):
    wagtail.assertCanCreate(
        tree.home,
        StandardPage,
        nested_form_data(
            {
                "title": "Our story",
                "slug": "our-story",
                "intro": "Who we are.",
                "body": streamfield([("paragraph", rich_text("We are a small team."))]),
            }
        ),
    )


def test_create_contact_page(wagtail, tree):
    wagtail.assertCanCreate(
        tree.home,
        ContactPage,
        nested_form_data(
            {
                "title": "Write to us",
                "slug": "write-to-us",
                "intro": rich_text("Write to us."),
                "thank_you_text": rich_text("Thanks."),
                "to_address": "",
                "from_address": "",
                "subject": "",
                "form_fields": inline_formset(
                    [{"label": "Email", "field_type": "email", "required": "on"}]
                ),
            }
        ),
    )


@pytest.fixture
def theme(db):
    return factories.ThemeFactory()


@pytest.fixture
def person(db):
    return factories.ContributorFactory()


def principle_form(number, slug, theme, person):
    data = nested_form_data(
        {
            "title": "Adapting care",
            "slug": slug,
            "number": number,
            "statement": "Care meets people where they are.",
            "summary": "",
            "body": streamfield(
                [
                    ("paragraph", rich_text("Text")),
                    (
                        "in_practice",
                        {"heading": "In practice", "items": list_block(["Ask first"])},
                    ),
                ]
            ),
            "contributor_credits": inline_formset([{"contributor": person.pk, "note": ""}]),
            "related_reflections": inline_formset([]),
        }
    )
    data["themes"] = [theme.pk]  # a multiple choice posts a list, not nested keys
    return data


def test_create_principle_page(wagtail, tree, theme, person):
    # Numbered after the demo's nine.
    wagtail.assertCanCreate(
        tree.principles, PrinciplePage, principle_form(901, "adapting-care", theme, person)
    )
    page = PrinciplePage.objects.child_of(tree.principles).get(slug="adapting-care")
    assert page.number == 901
    assert list(page.themes.all()) == [theme]
    assert page.contributor_credits.get().contributor == person


def test_principle_number_is_unique_within_the_index(wagtail, tree, theme, person):
    # The demo's index has a principle 4 already.
    assert PrinciplePage.objects.child_of(tree.principles).filter(number=4).exists()
    url = f"/admin/pages/add/principles/principlepage/{tree.principles.pk}/"
    response = wagtail.client.post(url, principle_form(4, "dupe", theme, person))
    assert response.status_code == 200
    wagtail.assertContains(response, "Principle 4 already exists here")
    assert not PrinciplePage.objects.filter(slug="dupe").exists()


def test_create_reflection_page_with_a_roundtable(wagtail, tree, theme, person):
    data = nested_form_data(
        {
            "title": "A roundtable",
            "slug": "a-roundtable",
            "date": "2026-10-01",
            "intro": "Five people answer one question.",
            "body": streamfield(
                [
                    ("question", {"question": "What does healing mean to you?"}),
                    ("response", {"contributor": person.pk, "answer": rich_text("Rest.")}),
                ]
            ),
            "contributor_credits": inline_formset([{"contributor": person.pk}]),
        }
    )
    data["themes"] = [theme.pk]
    wagtail.assertCanCreate(tree.reflections, ReflectionPage, data)
    # Publishing also gives it an untranslated Spanish copy: look in the English index.
    page = ReflectionPage.objects.child_of(tree.reflections).get(slug="a-roundtable")
    assert page.response_index.get().anchor == f"response-{person.slug}"
