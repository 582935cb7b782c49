"""The Spanish half of the demo: translated the way staff translate, through wagtail-localize."""

from wagtail.models import Locale
from wagtail_localize.models import LocaleSynchronization, Translation, TranslationSource
from wagtail_localize.segments import StringSegmentValue
from wagtail_localize.segments.extract import extract_segments
from wagtail_localize.synctree import synchronize_tree

from principles.models import PrincipleIndexPage, PrinciplePage, Theme
from reflections.models import (
    ContributorIndexPage,
    HomePage,
    ReflectionIndexPage,
    ReflectionPage,
    ThemeIndexPage,
)
from site_core.blocks import stream_data
from site_core.models import ContactPage, Contributor, StandardPage

from . import content


class SpanishTranslation:
    """Adds the Spanish locale and translates the demo, but for one principle, as staff would.

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
        reflections = [(content.ROUNDTABLE, True), (content.SECOND_REFLECTION, False)]
        for data, roundtable in reflections:
            english = ReflectionPage.objects.get(locale=self.en, slug=data["slug"])
            self.page(
                english,
                data,
                lambda _text, data=data, roundtable=roundtable: self.demo.reflection_page(
                    data, "es", roundtable
                ),
            )
        contact = ContactPage.objects.child_of(home).get(slug=content.CONTACT["en"]["slug"])
        self.page(
            contact,
            content.CONTACT,
            lambda t: self.demo.contact_page(t, spanish_fields(content.CONTACT)),
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


def spanish_fields(data):
    """The Spanish form fields: the English ones (type, required) with Spanish words."""
    english, spanish = data["en"]["fields"], data["es"]["fields"]
    if len(english) != len(spanish):
        raise ValueError("The Spanish contact form needs one entry per English field")
    return [{**field, **words} for field, words in zip(english, spanish, strict=True)]


def strings_of(instance):
    return [
        segment.string.data
        for segment in extract_segments(instance)
        if isinstance(segment, StringSegmentValue)
    ]
