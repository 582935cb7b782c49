"""A small English and Spanish library for the API and download tests.

Built on top of the demo's two trees (its Spanish locale and translated index
pages, /es/principios/ …): it adds two principles, two themes, a contributor and
a reflection of its own, with slugs and numbers the demo does not use, so tests
can pick out exactly what they added among the demo's nine principles.
"""

import datetime
import re
from dataclasses import dataclass

from wagtail.models import Locale

from principles.models import PrincipleWording
from tests import factories

DEMO_PRINCIPLES = 9  # in each language: the demo's, translated into Spanish or aliases there
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")  # how last_revised is given: YYYY-MM-DD


@dataclass
class Library:
    en: Locale
    es: Locale
    mutual_aid: object  # a theme translated into Spanish ("Ayuda mutua")
    ayuda_mutua: object
    joy: object  # a theme nobody has translated
    person: object  # a contributor translated into Spanish
    persona: object
    patience: object  # translated ("Paciencia"); the lower number, though created second
    paciencia: object
    seasons: object  # untranslated: its Spanish copy is an alias showing the English text
    seasons_alias: object
    reflection: object  # an English reflection naming both principles
    reflection_alias: object

    def ours(self, items):
        """Those of ``items`` (API items or download records) that are this library's principles."""
        keys = {self.patience.key, self.seasons.key}
        return [item for item in items if item["key"] in keys]


def publish(page):
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def translate(item, locale, **fields):
    """A translation of a snippet or page into ``locale`` with ``fields`` changed, published."""
    copy = item.copy_for_translation(locale)
    for name, value in fields.items():
        setattr(copy, name, value)
    if hasattr(copy, "save_revision"):
        copy.save()
        return publish(copy)
    copy.save()
    return copy


def backdate_wording(page, day):
    """Pretend every recorded wording of ``page`` was published on ``day`` (a date)."""
    when = datetime.datetime.combine(day, datetime.time(12), tzinfo=datetime.UTC)
    assert PrincipleWording.objects.filter(page=page).update(published_at=when)


def build_library(tree, spanish_tree):
    en, es = tree.locale, spanish_tree.locale
    assert tree.principles.get_translation(es).pk == spanish_tree.principles.pk

    mutual_aid = factories.ThemeFactory(name="Mutual aid")
    ayuda_mutua = translate(
        mutual_aid, es, name="Ayuda mutua", slug="ayuda-mutua", description="Demo."
    )
    joy = factories.ThemeFactory(name="Joy")
    person = factories.ContributorFactory(
        name="Ana Demo", slug="ana-demo", pronouns="she/her", website="https://ana.example"
    )
    persona = translate(person, es, role="Practicante")

    # Created in the opposite order to their numbers: listings must sort by number, not id.
    seasons = factories.PrinciplePageFactory(
        parent=tree.principles,
        title="Seasons",
        slug="seasons",
        statement="Demo text: healing takes time.",
    )
    patience = factories.PrinciplePageFactory(
        parent=tree.principles,
        title="Patience",
        slug="patience",
        statement="Demo text: patience lets each person set the pace.",
        summary="Demo summary.",
    )
    patience.number, seasons.number = seasons.number, patience.number
    seasons.themes.set([joy])
    publish(seasons)
    patience.themes.set([mutual_aid, joy])
    publish(patience)
    paciencia = translate(
        patience,
        es,
        title="Paciencia",
        slug="paciencia",
        statement="Texto de demostración: la paciencia deja que cada persona marque el ritmo.",
    )
    seasons_alias = seasons.copy_for_translation(es, alias=True)

    reflection = factories.ReflectionPageFactory(
        parent=tree.reflections, title="On time", slug="on-time", date="2026-03-01"
    )
    reflection.principles.set([patience, seasons])
    reflection.themes.set([mutual_aid])
    publish(reflection)
    reflection_alias = reflection.copy_for_translation(es, alias=True)

    return Library(
        en=en,
        es=es,
        mutual_aid=mutual_aid,
        ayuda_mutua=ayuda_mutua,
        joy=joy,
        person=person,
        persona=persona,
        patience=patience,
        paciencia=paciencia,
        seasons=seasons,
        seasons_alias=seasons_alias,
        reflection=reflection,
        reflection_alias=reflection_alias,
    )
