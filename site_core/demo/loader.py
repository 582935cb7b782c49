"""Builds the demo site from the text in ``content/``, as ``content.py`` reads it.

Lives in ``site_core``'s wiring layer, the one layer that may import every app's
models.
Idempotent by design: every item is created only when missing, and nothing that
exists is touched, so a second run changes nothing and staff edits survive.
It leaves no redirects: the Spanish copies it translates get Spanish slugs, but
nobody has seen their addresses yet.
"""

from django.conf import settings
from django.db import transaction
from wagtail.models import Locale, Page, Site
from wagtail_localize.models import LocaleSynchronization, Translation, TranslationSource
from wagtail_localize.segments import StringSegmentValue
from wagtail_localize.segments.extract import extract_segments
from wagtail_localize.synctree import synchronize_tree

from principles.models import PrincipleContributor, PrincipleIndexPage, PrinciplePage, Theme
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
        # Around the transaction: Wagtail announces renames (which make redirects) at commit.
        with automatic_redirects_paused():
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
            body=stream_data(*blocks),
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
                    body=stream_data(*text["body"]),
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


class SpanishTranslation:
    """Adds the Spanish locale and translates part of the demo the way staff would.

    Spanish follows English through wagtail-localize's synchronised tree: every
    English page gets an untranslated copy (an alias) in the Spanish tree, so no
    Spanish link is dead. The items with Spanish demo text are then translated
    through wagtail-localize's own translation records (a PO file per item, as
    staff can download and upload), so "Sync translated pages" keeps working.
    Items already translated are left alone.
    """

    def __init__(self, demo):
        self.demo = demo
        self.en = demo.en

    def run(self):
        self.es, _ = Locale.objects.get_or_create(language_code="es")
        LocaleSynchronization.objects.get_or_create(locale=self.es, defaults={"sync_from": self.en})
        synchronize_tree(self.en, self.es)  # aliases for anything added since; no-op when complete

        home = HomePage.objects.get(locale=self.en, depth=2)
        self.page(
            home,
            content.HOME,
            lambda t: HomePage(title=t["title"], slug="inicio", intro=t["intro"]),
        )
        indexes = [
            (PrincipleIndexPage, content.PRINCIPLE_INDEX),
            (ThemeIndexPage, content.THEME_INDEX),
            (ReflectionIndexPage, content.REFLECTION_INDEX),
            (ContributorIndexPage, content.CONTRIBUTOR_INDEX),
        ]
        for model, text in indexes:
            self.page(
                model.objects.child_of(home).get(slug=text["en"]["slug"]),
                text,
                lambda t, model=model: model(title=t["title"], slug=t["slug"], intro=t["intro"]),
            )
        about = StandardPage.objects.child_of(home).get(slug=content.ABOUT["en"]["slug"])
        self.page(
            about,
            content.ABOUT,
            lambda t: StandardPage(
                title=t["title"], slug=t["slug"], intro=t["intro"], body=stream_data(*t["body"])
            ),
        )
        for data in content.PRINCIPLES:
            if "es" in data:
                self.page(
                    self.demo.principles[data["key"]],
                    data,
                    lambda t, data=data: PrinciplePage(
                        title=t["title"],
                        slug=t["slug"],
                        number=data["number"],
                        statement=t["statement"],
                        summary=t.get("summary", ""),
                        body=stream_data(*t["body"]),
                    ),
                )
        for data in content.THEMES:
            text = data["es"]
            self.snippet(
                self.demo.themes[data["slug"]],
                Theme(name=text["name"], slug=text["slug"], description=text["description"]),
            )
        for data in content.CONTRIBUTORS:
            text = data["es"]
            self.snippet(
                self.demo.contributors[data["slug"]],
                Contributor(name=data["name"], role=text["role"], bio=text["bio"]),
            )

    def page(self, source, text, build):
        existing = source.get_translation_or_none(self.es)
        if existing is not None and not existing.alias_of_id:
            return  # translated already, by an earlier run or by staff
        self.translate(source.specific, build(text["es"]))

    def snippet(self, source, spanish):
        if not source.has_translation(self.es):
            self.translate(source, spanish)

    def translate(self, source, spanish):
        """Translate ``source`` with the strings of ``spanish``, an unsaved look-alike.

        Both objects have the same structure, so their translatable strings come
        out of wagtail-localize's extractor in the same order; they are paired
        one to one into the PO file of the translation.
        """
        translation_source, _ = TranslationSource.get_or_create_from_instance(source)
        translation, _ = Translation.objects.get_or_create(
            source=translation_source, target_locale=self.es
        )
        po = translation.export_po()
        entries = [entry for entry in po if not entry.obsolete]
        english, spanish_strings = strings_of(source), strings_of(spanish)
        if [entry.msgid for entry in entries] != english or len(english) != len(spanish_strings):
            raise ValueError(f"Spanish demo text for {source!r} does not match its English shape")
        for entry, text in zip(entries, spanish_strings, strict=True):
            entry.msgstr = text
        translation.import_po(po)
        # A translated theme or contributor is saved live, and its first revision is
        # published by wagtail-localize when this run's transaction commits.
        translation.save_target(publish=True)
        self.demo.created.append(translation)


def strings_of(instance):
    return [
        segment.string.data
        for segment in extract_segments(instance)
        if isinstance(segment, StringSegmentValue)
    ]
