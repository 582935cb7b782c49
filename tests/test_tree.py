"""The page tree staff can build: which page goes where, and that the admin's create forms work."""

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


def list_block(values):
    """ListBlock form data, the shape the admin's editor posts."""
    data = {str(i): {"value": v, "deleted": "", "order": str(i)} for i, v in enumerate(values)}
    data["count"] = str(len(values))
    return data


class PageTreeTests(WagtailPageTestCase):
    def setUp(self):
        self.login()
        root = Page.get_first_root_node()
        self.home = factories.HomePageFactory(parent=root, slug="home-tree")
        self.principle_index = factories.PrincipleIndexPageFactory(parent=self.home)
        self.reflection_index = factories.ReflectionIndexPageFactory(parent=self.home)
        self.theme = factories.ThemeFactory()
        self.person = factories.ContributorFactory()

    def test_allowed_subpage_types(self):
        self.assertAllowedSubpageTypes(
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
        self.assertAllowedSubpageTypes(PrincipleIndexPage, {PrinciplePage})
        self.assertAllowedSubpageTypes(ReflectionIndexPage, {ReflectionPage})
        self.assertAllowedSubpageTypes(StandardPage, {StandardPage})
        for leaf in (
            PrinciplePage,
            ReflectionPage,
            ContactPage,
            ThemeIndexPage,
            ContributorIndexPage,
        ):
            self.assertAllowedSubpageTypes(leaf, set())

    def test_allowed_parent_types(self):
        self.assertAllowedParentPageTypes(PrinciplePage, {PrincipleIndexPage})
        self.assertAllowedParentPageTypes(ReflectionPage, {ReflectionIndexPage})
        self.assertAllowedParentPageTypes(StandardPage, {HomePage, StandardPage})
        for model in (
            PrincipleIndexPage,
            ThemeIndexPage,
            ReflectionIndexPage,
            ContributorIndexPage,
        ):
            self.assertAllowedParentPageTypes(model, {HomePage})
        self.assertAllowedParentPageTypes(HomePage, {Page})

    def test_principles_cannot_be_created_outside_their_index(self):
        self.assertCanNotCreateAt(HomePage, PrinciplePage)
        self.assertCanNotCreateAt(StandardPage, PrinciplePage)
        self.assertCanNotCreateAt(PrincipleIndexPage, ReflectionPage)
        self.assertCanCreateAt(PrincipleIndexPage, PrinciplePage)
        self.assertCanCreateAt(ReflectionIndexPage, ReflectionPage)

    def test_one_index_of_each_kind_per_home(self):
        # The home already has a principle index and a reflection index.
        self.assertFalse(PrincipleIndexPage.can_create_at(self.home))
        self.assertFalse(ReflectionIndexPage.can_create_at(self.home))
        self.assertTrue(ThemeIndexPage.can_create_at(self.home))

    def test_create_home_page(self):
        self.assertCanCreate(
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

    def test_create_index_pages(self):
        new_home = factories.HomePageFactory(parent=Page.get_first_root_node(), slug="other")
        for model, slug in (
            (PrincipleIndexPage, "principles"),
            (ThemeIndexPage, "themes"),
            (ReflectionIndexPage, "reflections"),
            (ContributorIndexPage, "contributors"),
        ):
            self.assertCanCreate(
                new_home,
                model,
                nested_form_data(
                    {"title": slug.title(), "slug": slug, "intro": rich_text("Intro")}
                ),
            )

    def test_create_standard_page(self):
        self.assertCanCreate(
            self.home,
            StandardPage,
            nested_form_data(
                {
                    "title": "About",
                    "slug": "about",
                    "intro": "Who we are.",
                    "body": streamfield([("paragraph", rich_text("We are a small team."))]),
                }
            ),
        )

    def test_create_contact_page(self):
        self.assertCanCreate(
            self.home,
            ContactPage,
            nested_form_data(
                {
                    "title": "Contact",
                    "slug": "contact",
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

    def principle_form(self, number, slug):
        data = nested_form_data(
            {
                "title": "Adaptation",
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
                "contributor_credits": inline_formset(
                    [{"contributor": self.person.pk, "note": ""}]
                ),
                "related_reflections": inline_formset([]),
            }
        )
        data["themes"] = [self.theme.pk]  # a multiple choice posts a list, not nested keys
        return data

    def test_create_principle_page(self):
        self.assertCanCreate(
            self.principle_index, PrinciplePage, self.principle_form(1, "adaptation")
        )
        page = PrinciplePage.objects.get(slug="adaptation")
        self.assertEqual(list(page.themes.all()), [self.theme])
        self.assertEqual(page.contributor_credits.get().contributor, self.person)

    def test_principle_number_is_unique_within_the_index(self):
        factories.PrinciplePageFactory(parent=self.principle_index, number=4, title="Cycles")
        url = f"/admin/pages/add/principles/principlepage/{self.principle_index.pk}/"
        response = self.client.post(url, self.principle_form(4, "dupe"))
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Principle 4 already exists here")
        self.assertFalse(PrinciplePage.objects.filter(slug="dupe").exists())

    def test_create_reflection_page_with_a_roundtable(self):
        data = nested_form_data(
            {
                "title": "A roundtable",
                "slug": "a-roundtable",
                "date": "2026-10-01",
                "intro": "Five people answer one question.",
                "body": streamfield(
                    [
                        ("question", {"question": "What does healing mean to you?"}),
                        ("response", {"contributor": self.person.pk, "answer": rich_text("Rest.")}),
                    ]
                ),
                "contributor_credits": inline_formset([{"contributor": self.person.pk}]),
            }
        )
        data["themes"] = [self.theme.pk]
        self.assertCanCreate(self.reflection_index, ReflectionPage, data)
        page = ReflectionPage.objects.get(slug="a-roundtable")
        self.assertEqual(page.response_index.get().anchor, f"response-{self.person.slug}")
