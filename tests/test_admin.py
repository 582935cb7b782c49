"""Staff edit everything in the Wagtail admin."""

import pytest
from wagtail.models import DraftStateMixin, Locale, LockableMixin, Page

from principles.models import PrinciplePage, Theme
from reflections.models import ReflectionPage
from site_core.models import Contributor
from tests import factories

pytestmark = pytest.mark.django_db


def test_every_demo_page_and_snippet_opens_in_the_editor(admin_client_logged_in):
    client = admin_client_logged_in
    for page in Page.objects.filter(depth__gt=1):
        response = client.get(f"/admin/pages/{page.pk}/edit/")
        assert response.status_code == 200, page.url_path
    for theme in Theme.objects.all():
        assert client.get(f"/admin/snippets/principles/theme/edit/{theme.pk}/").status_code == 200
    for person in Contributor.objects.all():
        assert (
            client.get(f"/admin/snippets/site_core/contributor/edit/{person.pk}/").status_code
            == 200
        )
    assert client.get("/admin/settings/site_core/sitesettings/1/").status_code in (200, 302)


def test_staff_create_a_theme_and_the_slug_is_made_from_the_name(admin_client_logged_in):
    response = admin_client_logged_in.post(
        "/admin/snippets/principles/theme/add/",
        {"name": "Rest & repair", "slug": "", "description": "Time to recover."},
    )
    assert response.status_code == 302
    assert Theme.objects.get(name="Rest & repair").slug == "rest-repair"
    # A second theme with the same name gets a distinct slug rather than an error.
    admin_client_logged_in.post(
        "/admin/snippets/principles/theme/add/",
        {"name": "Rest & repair", "slug": "", "description": ""},
    )
    assert Theme.objects.filter(slug="rest-repair-2").exists()


def test_duplicate_slug_typed_by_staff_gets_a_form_error(admin_client_logged_in):
    slug = "joy-and-thriving"  # a demo theme's
    assert Theme.objects.filter(slug=slug).count() == 1
    response = admin_client_logged_in.post(
        "/admin/snippets/principles/theme/add/", {"name": "Joy", "slug": slug, "description": ""}
    )
    assert response.status_code == 200
    assert Theme.objects.filter(slug=slug).count() == 1


def test_contributor_form_and_list_filters(admin_client_logged_in):
    client = admin_client_logged_in
    response = client.post(
        "/admin/snippets/site_core/contributor/add/",
        {
            "name": "Rae Ortiz",
            "slug": "",
            "pronouns": "they/them",
            "role": "Organiser",
            "bio": '{"blocks": [], "entityMap": {}}',
            "website": "https://example.org",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Contributor.objects.get(name="Rae Ortiz").slug == "rae-ortiz"
    listing = client.get("/admin/snippets/site_core/contributor/?q=Rae").content.decode()
    assert "Rae Ortiz" in listing
    assert client.get("/admin/snippets/site_core/contributor/?locale=en").status_code == 200
    assert client.get("/admin/snippets/principles/theme/?q=none").status_code == 200


def test_page_forms_offer_only_the_pages_own_language(admin_client_logged_in, tree):
    english = factories.ThemeFactory(name="English theme")
    other_locale = Locale.objects.create(language_code="fr")
    factories.ThemeFactory(name="Thème français", locale=other_locale)
    factories.ContributorFactory(name="Personne", locale=other_locale)
    url = f"/admin/pages/add/principles/principlepage/{tree.principles.pk}/"
    html = admin_client_logged_in.get(url).content.decode()
    assert english.name in html
    assert "Thème français" not in html and "Personne" not in html


def test_help_text_on_every_field_staff_see():
    # Wagtail's publishing fields (the schedule dialog's dates) come with Wagtail's own words.
    publishing = {
        f.name for mixin in (DraftStateMixin, LockableMixin) for f in mixin._meta.get_fields()
    }
    for model in (PrinciplePage, ReflectionPage, Theme, Contributor):
        own = [
            f
            for f in model._meta.get_fields()
            if getattr(f, "model", None) is model
            and getattr(f, "editable", False)
            and not f.auto_created
            and f.name not in {"page_ptr", "translation_key", "locale", *publishing}
        ]
        for field in own:
            assert field.help_text, f"{model.__name__}.{field.name} has no help text"
