"""Builds the demo site from the text in ``content/``, as ``content.py`` reads it.

Lives in ``site_core``'s wiring layer, the one layer that may import every app's
models.
Idempotent by design: every item is created only when missing, and nothing that
exists is touched, so a second run changes nothing and staff edits survive.
It leaves no redirects: the Spanish copies it translates get Spanish slugs, but
nobody has seen their addresses yet. Nor does it build the PDFs after publishing
dozens of pages: the first visitor to ask for one builds it.
"""

from django.conf import settings
from django.db import transaction
from wagtail.models import Locale, Page, Site

from principles.models import PrincipleContributor, PrincipleIndexPage, PrinciplePage, Theme
from principles.pdf_builds import builds_paused
from reflections.models import (
    ContributorIndexPage,
    HomePage,
    HomePageFeaturedPrinciple,
    ReflectionContributor,
    ReflectionIndexPage,
    ReflectionPage,
    ThemeIndexPage,
)
from site_core.blocks import stream_data
from site_core.models import (
    ContactFormField,
    ContactPage,
    Contributor,
    SiteSettings,
    StandardPage,
)
from site_core.redirects import automatic_redirects_paused

from . import content
from .spanish import SpanishTranslation


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

    def run(self):
        # Around the transaction: Wagtail announces renames (which make redirects), and
        # publications ask for PDFs, at commit.
        with automatic_redirects_paused(), builds_paused():
            return self._build()

    @transaction.atomic
    def _build(self):
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
        SpanishTranslation(self).run()
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
            site = Site(hostname="localhost", port=80, is_default_site=True)
        # The site's name heads the admin dashboard; without one, Wagtail shows the
        # host name ("localhost") to staff who work in one language's tree only.
        if site.root_page_id != home.pk or not site.site_name:
            site.root_page = home
            site.site_name = site.site_name or settings.WAGTAIL_SITE_NAME
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
            key=f"hc{data['number']:02d}",  # fixed, so tests/url_contract.txt can list them
            number=data["number"],
            statement=text["statement"],
            summary=text.get("summary", ""),
            body=stream_data(*text["body"]),
        )
        page.themes.set([self.themes[slug] for slug in data["themes"]])
        page.contributor_credits = [
            PrincipleContributor(contributor=self.contributors[slug])
            for slug in data["contributors"]
        ]
        return self.publish_child(index, page)

    def reflection(self, index, data, roundtable=False):
        page = self.child(index, ReflectionPage, data["slug"])
        if page is not None:
            return page
        page = self.reflection_page(data, "en", roundtable)
        page.principles.set([self.principles[key] for key in data["principles"]])
        page.themes.set([self.themes[slug] for slug in data["themes"]])
        page.contributor_credits = [
            ReflectionContributor(contributor=self.contributors[slug]) for slug in data["authors"]
        ]
        return self.publish_child(index, page)

    def reflection_page(self, data, language, roundtable=False):
        """An unsaved reflection with the text of ``language`` (the English slug for English)."""
        text = data[language]
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
        return ReflectionPage(
            title=text["title"],
            slug=text.get("slug", data["slug"]),
            date=data["date"],
            intro=text["intro"],
            body=stream_data(*blocks),
        )

    def about(self, home):
        text = content.ABOUT["en"]
        if self.child(home, StandardPage, text["slug"]) is None:
            self.publish_child(
                home,
                StandardPage(
                    title=text["title"],
                    slug=text["slug"],
                    intro=text["intro"],
                    body=stream_data(*text["body"]),
                    show_in_menus=True,
                ),
            )

    def contact(self, home):
        text = content.CONTACT["en"]
        if self.child(home, ContactPage, text["slug"]) is not None:
            return
        self.publish_child(home, self.contact_page(text, text["fields"]))

    @staticmethod
    def contact_page(text, fields):
        """An unsaved contact page with its form fields, in one language."""
        page = ContactPage(
            title=text["title"],
            slug=text["slug"],
            intro=text["intro"],
            thank_you_text=text["thank_you_text"],
            show_in_menus=True,
        )
        page.form_fields = [ContactFormField(**field) for field in fields]
        return page

    def feature_principles(self, home):
        if home not in self.created or home.featured_principles.exists():
            return
        home.featured_principles = [
            HomePageFeaturedPrinciple(principle=page)
            for page in sorted(self.principles.values(), key=lambda p: p.number)[:3]
        ]
        home.save_revision().publish()

    def site_settings(self, home):
        """The demo's publisher, names and licence, where staff have not set their own.

        A field still blank or at the model's default is the demo's to fill; any
        other value is someone's choice and stays.
        """
        site = Site.objects.get(root_page=home)
        settings = SiteSettings.for_site(site)
        changed = False
        for name, value in content.SETTINGS.items():
            current = getattr(settings, name)
            untouched = not current or current == SiteSettings._meta.get_field(name).get_default()
            if untouched and current != value:
                setattr(settings, name, value)
                changed = True
        if changed:
            settings.save()

    # Snippets --------------------------------------------------------------

    def theme(self, data):
        theme = Theme.objects.filter(locale=self.en, slug=data["slug"]).first()
        if theme is None:
            theme = self.publish_snippet(
                Theme(
                    locale=self.en,
                    slug=data["slug"],
                    name=data["en"]["name"],
                    description=data["en"]["description"],
                )
            )
        return theme

    def contributor(self, data):
        person = Contributor.objects.filter(locale=self.en, slug=data["slug"]).first()
        if person is None:
            person = self.publish_snippet(
                Contributor(
                    locale=self.en,
                    slug=data["slug"],
                    name=data["name"],
                    pronouns=data.get("pronouns", ""),
                    role=data["en"]["role"],
                    bio=data["en"]["bio"],
                )
            )
        return person

    def publish_snippet(self, item):
        """Saved and published as staff would: live, with a first revision in its history."""
        item.save()
        item.save_revision().publish()
        self.created.append(item)
        return item
