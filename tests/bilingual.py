"""A small English and Spanish library for the API and download tests."""

from dataclasses import dataclass

from wagtail.models import Locale

from tests import factories


@dataclass
class Library:
    en: Locale
    es: Locale
    mutual_aid: object  # a theme translated into Spanish ("Ayuda mutua")
    joy: object  # a theme nobody has translated
    person: object  # a contributor translated into Spanish
    adaptation: object  # principle 1, translated ("Adaptación")
    adaptacion: object
    cycles: object  # principle 2, untranslated: its Spanish copy is an alias
    cycles_alias: object
    reflection: object  # an English reflection naming both principles
    reflection_alias: object


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


def build_library(tree):
    en = Locale.get_default()
    es = Locale.objects.create(language_code="es")

    mutual_aid = factories.ThemeFactory(name="Mutual aid", slug="mutual-aid")
    translate(mutual_aid, es, name="Ayuda mutua", slug="ayuda-mutua", description="Demo.")
    joy = factories.ThemeFactory(name="Joy", slug="joy")
    person = factories.ContributorFactory(
        name="Ana Demo", slug="ana-demo", pronouns="she/her", website="https://ana.example"
    )
    translate(person, es, role="Practicante")

    translate(tree.home, es, title="Inicio")
    translate(tree.principles, es, title="Principios", slug="principios")
    translate(tree.themes, es, title="Temas", slug="temas")
    translate(tree.contributors, es, title="Colaboradores", slug="colaboradores")
    translate(tree.reflections, es, title="Reflexiones", slug="reflexiones")

    cycles = factories.PrinciplePageFactory(
        parent=tree.principles,
        title="Cycles",
        slug="cycles",
        number=2,
        statement="Demo text: healing takes time.",
    )
    cycles.themes.set([joy])
    publish(cycles)
    adaptation = factories.PrinciplePageFactory(
        parent=tree.principles,
        title="Adaptation",
        slug="adaptation",
        number=1,
        statement="Demo text: we adapt to each person.",
        summary="Demo summary.",
    )
    adaptation.themes.set([mutual_aid, joy])
    publish(adaptation)
    adaptacion = translate(
        adaptation,
        es,
        title="Adaptación",
        slug="adaptacion",
        statement="Texto de demostración: nos adaptamos a cada persona.",
    )
    cycles_alias = cycles.copy_for_translation(es, alias=True)

    reflection = factories.ReflectionPageFactory(
        parent=tree.reflections, title="On time", slug="on-time", date="2026-03-01"
    )
    reflection.principles.set([adaptation, cycles])
    reflection.themes.set([mutual_aid])
    publish(reflection)
    reflection_alias = reflection.copy_for_translation(es, alias=True)

    return Library(
        en=en,
        es=es,
        mutual_aid=mutual_aid,
        joy=joy,
        person=person,
        adaptation=adaptation,
        adaptacion=adaptacion,
        cycles=cycles,
        cycles_alias=cycles_alias,
        reflection=reflection,
        reflection_alias=reflection_alias,
    )
