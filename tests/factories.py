"""wagtail-factories for every page type and snippet.

Names, slugs and numbers are unique for the whole session, so what a test adds
never collides with the demo library the test builds on (principles 1 to 9,
slugs such as ``adaptation``).
"""

import factory
import wagtail_factories
from factory.django import DjangoModelFactory
from wagtail.models import Locale

from principles.models import PrincipleIndexPage, PrinciplePage, Theme
from reflections.models import (
    ContributorIndexPage,
    HomePage,
    ReflectionIndexPage,
    ReflectionPage,
    ThemeIndexPage,
)
from site_core.models import ContactFormField, ContactPage, Contributor, StandardPage


class ThemeFactory(DjangoModelFactory):
    class Meta:
        model = Theme

    locale = factory.LazyFunction(Locale.get_default)
    name = factory.Sequence(lambda n: f"Theme {n}")
    slug = factory.Sequence(lambda n: f"theme-{n}")
    description = "A theme used in tests."


class ContributorFactory(DjangoModelFactory):
    class Meta:
        model = Contributor

    locale = factory.LazyFunction(Locale.get_default)
    name = factory.Sequence(lambda n: f"Person {n}")
    slug = factory.Sequence(lambda n: f"person-{n}")
    role = "Practitioner"
    bio = "<p>A person used in tests.</p>"


class HomePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = HomePage

    title = "Home"
    intro = "<p>Welcome.</p>"


class StandardPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = StandardPage

    title = factory.Sequence(lambda n: f"About {n}")
    intro = "About this library."


class ContactPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = ContactPage

    title = factory.Sequence(lambda n: f"Contact {n}")
    intro = "<p>Write to us.</p>"
    thank_you_text = "<p>Thank you, we read every message.</p>"


class ContactFormFieldFactory(DjangoModelFactory):
    class Meta:
        model = ContactFormField

    label = factory.Sequence(lambda n: f"Field {n}")
    field_type = "singleline"
    required = True


class PrincipleIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = PrincipleIndexPage

    title = "Principles"
    slug = "principles"


class PrinciplePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = PrinciplePage

    title = factory.Sequence(lambda n: f"Principle {n}")
    number = factory.Sequence(lambda n: n + 100)  # after the demo's 1 to 9
    statement = "People are the experts in their own lives."


class ThemeIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = ThemeIndexPage

    title = "Themes"
    slug = "themes"


class ContributorIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = ContributorIndexPage

    title = "Contributors"
    slug = "contributors"


class ReflectionIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = ReflectionIndexPage

    title = "Reflections"
    slug = "reflections"


class ReflectionPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = ReflectionPage

    title = factory.Sequence(lambda n: f"Reflection {n}")
    intro = "A reflection used in tests."
    date = factory.Sequence(lambda n: f"2026-{(n % 12) + 1:02d}-01")
