"""Builds the demo site from ``content.py``.

Lives in ``reflections`` because it is the one app that may import every model.
Idempotent by design: every item is created only when missing, and nothing that
exists is touched, so a second run changes nothing and staff edits survive.
"""

import json

from django.db import transaction
from wagtail.models import Locale, Page, Site

from principles.models import (
    PrincipleContributor,
    PrincipleIndexPage,
    PrinciplePage,
    Theme,
    ThemeIndexPage,
)
from site_core.models import (
    ContactFormField,
    ContactPage,
    Contributor,
    ContributorIndexPage,
    HomePage,
    HomePageFeaturedPrinciple,
    SiteSettings,
    StandardPage,
)

from ..models import ReflectionContributor, ReflectionIndexPage, ReflectionPage
from . import content


def stream(blocks):
    """StreamField raw JSON from ``(block_type, value)`` pairs."""
    return json.dumps([{"type": kind, "value": value} for kind, value in blocks])


class DemoLoader:
    def __init__(self):
        self.created = []

    def publish_child(self, parent, page):
        parent.add_child(instance=page)
        page.save_revision().publish()
        self.created.append(page)
        return page

    def child(self, parent, model, slug):
        return model.objects.child_of(parent).filter(slug=slug).first()

    @transaction.atomic
    def run(self):
        self.en = Locale.objects.get_or_create(language_code="en")[0]
        home = self.home()
        self.themes = {t["slug"]: self.theme(t) for t in content.THEMES}
        self.contributors = {c["slug"]: self.contributor(c) for c in content.CONTRIBUTORS}
        principle_index = self.index(home, PrincipleIndexPage, content.PRINCIPLE_INDEX)
        self.index(home, ThemeIndexPage, content.THEME_INDEX)
        reflection_index = self.index(home, ReflectionIndexPage, content.REFLECTION_INDEX)
        self.index(home, ContributorIndexPage, content.CONTRIBUTOR_INDEX)
        self.principles = {p["key"]: self.principle(principle_index, p) for p in content.PRINCIPLES}
        self.reflection(reflection_index, content.ROUNDTABLE, roundtable=True)
        self.reflection(reflection_index, content.SECOND_REFLECTION)
        self.about(home)
        self.contact(home)
        self.feature_principles(home)
        self.site_settings(home)
        return self.created

    # Pages -----------------------------------------------------------------

    def home(self):
        site = Site.objects.filter(is_default_site=True).first()
        root = Page.get_first_root_node()
        home = HomePage.objects.filter(locale=self.en, depth=2).first()
        if home is None:
            # Replace Wagtail's placeholder "Welcome" page, which is a plain Page.
            Page.objects.filter(depth=2, content_type__model="page", slug="home").delete()
            text = content.HOME["en"]
            home = HomePage(title=text["title"], slug="home", intro=text["intro"], locale=self.en)
            self.publish_child(root, home)
        if site is None:
            Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True)
        elif site.root_page_id != home.pk:
            site.root_page = home
            site.save()
        return home

    def index(self, home, model, text):
        text = text["en"]
        page = self.child(home, model, text["slug"])
        if page is None:
            page = self.publish_child(
                home,
                model(
                    title=text["title"], slug=text["slug"], intro=text["intro"], show_in_menus=True
                ),
            )
        return page

    def principle(self, index, data):
        text = data["en"]
        page = self.child(index, PrinciplePage, text["slug"])
        if page is not None:
            return page
        page = PrinciplePage(
            title=text["title"],
            slug=text["slug"],
            number=data["number"],
            statement=text["statement"],
            summary=text.get("summary", ""),
            body=stream(text["body"]),
        )
        page.themes.set([self.themes[slug] for slug in data["themes"]])
        page.contributor_credits = [
            PrincipleContributor(contributor=self.contributors[slug])
            for slug in data["contributors"]
        ]
        return self.publish_child(index, page)

    def reflection(self, index, data, roundtable=False):
        text = data["en"]
        page = self.child(index, ReflectionPage, data["slug"])
        if page is not None:
            return page
        if roundtable:
            blocks = [("question", {"question": text["question"]})] + [
                (
                    "response",
                    {"contributor": self.contributors[r["contributor"]].pk, "answer": r["answer"]},
                )
                for r in text["responses"]
            ]
        else:
            blocks = text["body"]
        page = ReflectionPage(
            title=text["title"],
            slug=data["slug"],
            date=data["date"],
            intro=text["intro"],
            body=stream(blocks),
        )
        page.principles.set([self.principles[key] for key in data["principles"]])
        page.themes.set([self.themes[slug] for slug in data["themes"]])
        page.contributor_credits = [
            ReflectionContributor(contributor=self.contributors[slug]) for slug in data["authors"]
        ]
        return self.publish_child(index, page)

    def about(self, home):
        text = content.ABOUT["en"]
        if self.child(home, StandardPage, text["slug"]) is None:
            self.publish_child(
                home,
                StandardPage(
                    title=text["title"],
                    slug=text["slug"],
                    intro=text["intro"],
                    body=stream(text["body"]),
                    show_in_menus=True,
                ),
            )

    def contact(self, home):
        text = content.CONTACT["en"]
        if self.child(home, ContactPage, text["slug"]) is not None:
            return
        page = ContactPage(
            title=text["title"],
            slug=text["slug"],
            intro=text["intro"],
            thank_you_text=text["thank_you_text"],
            show_in_menus=True,
        )
        page.form_fields = [ContactFormField(**field) for field in text["fields"]]
        self.publish_child(home, page)

    def feature_principles(self, home):
        if home not in self.created or home.featured_principles.exists():
            return
        home.featured_principles = [
            HomePageFeaturedPrinciple(principle=page)
            for page in sorted(self.principles.values(), key=lambda p: p.number)[:3]
        ]
        home.save_revision().publish()

    def site_settings(self, home):
        site = Site.objects.get(root_page=home)
        settings = SiteSettings.for_site(site)
        if not settings.contact_email:
            settings.contact_email = "hello@example.org"
            settings.save()

    # Snippets --------------------------------------------------------------

    def theme(self, data):
        theme = Theme.objects.filter(locale=self.en, slug=data["slug"]).first()
        if theme is None:
            theme = Theme.objects.create(
                locale=self.en,
                slug=data["slug"],
                name=data["en"]["name"],
                description=data["en"]["description"],
            )
            self.created.append(theme)
        return theme

    def contributor(self, data):
        person = Contributor.objects.filter(locale=self.en, slug=data["slug"]).first()
        if person is None:
            person = Contributor.objects.create(
                locale=self.en,
                slug=data["slug"],
                name=data["name"],
                pronouns=data.get("pronouns", ""),
                role=data["en"]["role"],
                bio=data["en"]["bio"],
            )
            self.created.append(person)
        return person
