"""What each role may do, asked of the admin's own views as a member of its group.

The groups are the ones the migrations made (``site_core/staff/roles.py``): a test
adds a user to a group and opens the admin as that user. "Allowed" is what Wagtail
answers a permitted user (200, or 302 after a save); "refused" is Wagtail's own
"permission denied" (back to the dashboard with a message, or 403).
"""

import importlib

import pytest
from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.db import connection
from wagtail.models import Locale, Page, Site
from wagtail_localize.synctree import create_aliases_for_new_page

from principles.models import PrinciplePage, Theme
from site_core.models import ContactPage
from site_core.staff import roles
from tests import factories
from tests.staff import denied, logged_in, member_of, messages_of, principle_form

pytestmark = pytest.mark.django_db

ADMIN_AREAS = {
    "settings": "/admin/settings/site_core/sitesettings/{site}/",
    "users": "/admin/users/",
    "groups": "/admin/groups/",
    "redirects": "/admin/redirects/",
    "contact messages": "/admin/forms/submissions/{contact}/",
    "search promotions": "/admin/searchpicks/",
    "workflows": "/admin/workflows/list/",
}


def admin_areas(tree):
    site = Site.objects.get(is_default_site=True)
    contact = ContactPage.objects.child_of(tree.home).get()
    return {area: url.format(site=site.pk, contact=contact.pk) for area, url in ADMIN_AREAS.items()}


def as_member(client, group):
    return logged_in(client, member_of(group))


def add_principle_url(index):
    return f"/admin/pages/add/principles/principlepage/{index.pk}/"


def live_principle(tree):
    """A published English principle with its untranslated Spanish copy, as the admin makes them."""
    page = factories.PrinciplePageFactory(parent=tree.principles)
    create_aliases_for_new_page(page)
    return page


def spanish_theme(english):
    return english.copy_for_translation(Locale.objects.get(language_code="es"))


# The groups ------------------------------------------------------------------------


def test_four_groups_and_wagtails_own_two_are_adjusted_not_duplicated():
    names = list(Group.objects.order_by("name").values_list("name", flat=True))
    for role in roles.ROLES:
        assert names.count(role.group) == 1


# Editors ---------------------------------------------------------------------------


def test_editors_create_and_edit_pages_but_publishing_saves_a_draft(client, tree):
    client = as_member(client, "Editors")
    assert client.get(add_principle_url(tree.principles)).status_code == 200
    response = client.post(
        add_principle_url(tree.principles),
        principle_form(801, "editors-own", **{"action-publish": "1"}),
    )
    assert response.status_code == 302
    page = PrinciplePage.objects.child_of(tree.principles).get(slug="editors-own")
    assert not page.live  # Wagtail saved it as a draft: editors cannot publish

    published = live_principle(tree)
    assert client.get(f"/admin/pages/{published.pk}/edit/").status_code == 200
    response = client.post(
        f"/admin/pages/{published.pk}/edit/",
        principle_form(
            published.number, published.slug, title="Changed", **{"action-publish": "1"}
        ),
    )
    assert response.status_code == 302
    published.refresh_from_db()
    assert published.title != "Changed" and published.has_unpublished_changes


def test_editors_delete_their_own_drafts_but_not_published_pages(client, tree):
    editor = member_of("Editors")
    client = logged_in(client, editor)
    draft = factories.PrinciplePageFactory(parent=tree.principles, live=False, owner=editor)
    assert client.get(f"/admin/pages/{draft.pk}/delete/").status_code == 200

    published = live_principle(tree)
    response = client.get(f"/admin/pages/{published.pk}/delete/")
    assert denied(response)
    assert client.post(f"/admin/pages/{published.pk}/delete/").status_code in (302, 403)
    assert Page.objects.filter(pk=published.pk).exists()


def test_editors_add_and_edit_themes_in_every_language_but_do_not_delete_them(client):
    client = as_member(client, "Editors")
    response = client.post(
        "/admin/snippets/principles/theme/add/?locale=en",
        {"name": "Editors' theme", "slug": "", "description": ""},
    )
    assert response.status_code == 302
    theme = Theme.objects.get(name="Editors' theme")
    assert client.get(f"/admin/snippets/principles/theme/edit/{theme.pk}/").status_code == 200
    spanish = spanish_theme(theme)
    spanish.save()
    assert client.get(f"/admin/snippets/principles/theme/edit/{spanish.pk}/").status_code == 200
    assert denied(client.get(f"/admin/snippets/principles/theme/delete/{theme.pk}/"))


# Moderators ------------------------------------------------------------------------


def test_moderators_publish_and_delete_pages(client, tree):
    client = as_member(client, "Moderators")
    response = client.post(
        add_principle_url(tree.principles),
        principle_form(802, "moderated", **{"action-publish": "1"}),
    )
    assert response.status_code == 302
    page = PrinciplePage.objects.child_of(tree.principles).get(slug="moderated")
    assert page.live
    assert client.get(f"/admin/pages/{page.pk}/delete/").status_code == 200
    assert client.post(f"/admin/pages/{page.pk}/delete/").status_code == 302
    assert not Page.objects.filter(pk=page.pk).exists()


def test_moderators_manage_themes_and_contributors(client):
    client = as_member(client, "Moderators")
    theme = factories.ThemeFactory()
    person = factories.ContributorFactory()
    assert client.get(f"/admin/snippets/principles/theme/edit/{theme.pk}/").status_code == 200
    assert client.post(f"/admin/snippets/principles/theme/delete/{theme.pk}/").status_code == 302
    assert not Theme.objects.filter(pk=theme.pk).exists()
    url = f"/admin/snippets/site_core/contributor/delete/{person.pk}/"
    assert client.get(url).status_code == 200


# Translators -----------------------------------------------------------------------


def test_translators_work_in_the_spanish_tree_only(client, tree, spanish_tree):
    client = as_member(client, "Translators")
    english = live_principle(tree)
    spanish = english.get_translation(spanish_tree.locale)  # the untranslated copy
    assert denied(client.get(f"/admin/pages/{english.pk}/edit/"))
    assert denied(client.get(add_principle_url(tree.principles)))
    response = client.get(f"/admin/pages/{spanish.pk}/edit/")
    assert response.status_code == 200
    assert "Translate this page" in response.content.decode()
    # wagtail-localize's "Translate this page" form, from the English page
    response = client.get(f"/admin/localize/submit/page/{english.pk}/")
    assert response.status_code == 200


def test_translators_cannot_publish_spanish_pages(client, spanish_tree):
    client = as_member(client, "Translators")
    page = PrinciplePage.objects.child_of(spanish_tree.principles).filter(alias_of=None).first()
    response = client.post(f"/admin/pages/{page.pk}/unpublish/")
    assert denied(response)
    page.refresh_from_db()
    assert page.live


def test_translators_get_a_clear_refusal_on_english_themes(client):
    client = as_member(client, "Translators")
    theme = factories.ThemeFactory(name="Shared care")
    response = client.get(f"/admin/snippets/principles/theme/edit/{theme.pk}/")
    assert denied(response)
    assert any("can't change “Shared care” in English" in m for m in messages_of(response))
    response = client.post(
        f"/admin/snippets/principles/theme/edit/{theme.pk}/",
        {"name": "Overwritten", "slug": theme.slug, "description": ""},
    )
    assert denied(response)
    theme.refresh_from_db()
    assert theme.name == "Shared care"
    assert denied(client.get("/admin/snippets/principles/theme/add/?locale=en"))


def test_translators_edit_the_spanish_version_of_a_theme(client):
    client = as_member(client, "Translators")
    spanish = spanish_theme(factories.ThemeFactory())
    spanish.name = "Cuidado compartido"
    spanish.save()
    response = client.get(f"/admin/snippets/principles/theme/edit/{spanish.pk}/")
    assert response.status_code == 200
    response = client.post(
        f"/admin/snippets/principles/theme/edit/{spanish.pk}/",
        {"name": "Cuidado mutuo", "slug": spanish.slug, "description": ""},
    )
    assert response.status_code == 302
    # Saved as a draft for review: translators do not publish.
    spanish.refresh_from_db()
    assert spanish.name == "Cuidado compartido"
    assert spanish.latest_revision.content["name"] == "Cuidado mutuo"
    edit = client.get(f"/admin/snippets/principles/theme/edit/{spanish.pk}/").content.decode()
    assert 'name="action-publish"' not in edit


def test_translators_cannot_delete_english_contributors(client):
    client = as_member(client, "Translators")
    person = factories.ContributorFactory()
    response = client.get(f"/admin/snippets/site_core/contributor/delete/{person.pk}/")
    assert denied(response)


def test_translators_translate_a_theme_through_wagtail_localize(client, spanish_tree):
    client = as_member(client, "Translators")
    theme = factories.ThemeFactory(name="Peer support")
    response = client.post(
        f"/admin/localize/submit/snippet/principles/theme/{theme.pk}/",
        {"locales": [spanish_tree.locale.pk]},
    )
    assert response.status_code == 302
    spanish = theme.get_translation(spanish_tree.locale)
    assert client.get(f"/admin/snippets/principles/theme/edit/{spanish.pk}/").status_code == 200


def test_english_stays_closed_to_a_group_given_more_snippet_permissions(client):
    """An administrator may give translators more in Settings > Groups: English stays closed."""
    translators = Group.objects.get(name="Translators")
    translators.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="principles", codename__in=["add_theme", "delete_theme"]
        )
    )
    client = as_member(client, "Translators")
    response = client.get("/admin/snippets/principles/theme/add/?locale=en")
    assert denied(response)
    assert any("can't add a new theme in English" in m for m in messages_of(response))
    assert client.get("/admin/snippets/principles/theme/add/?locale=es").status_code == 200

    theme = factories.ThemeFactory(name="Kept")
    response = client.post(f"/admin/snippets/principles/theme/delete/{theme.pk}/")
    assert denied(response)
    assert any("can't delete “Kept” in English" in m for m in messages_of(response))
    assert Theme.objects.filter(pk=theme.pk).exists()
    spanish = spanish_theme(theme)
    spanish.save()
    assert client.post(f"/admin/snippets/principles/theme/delete/{spanish.pk}/").status_code == 302
    assert not Theme.objects.filter(pk=spanish.pk).exists()


def test_a_language_added_later_opens_to_translators(client, tree):
    french = Locale.objects.create(language_code="fr")
    home = tree.home.copy_for_translation(french)  # as wagtail-localize makes it
    client = as_member(client, "Translators")
    assert client.get(f"/admin/pages/{home.pk}/edit/").status_code == 200
    assert denied(client.get(f"/admin/pages/{tree.home.pk}/edit/"))


# Administrators and the areas only they open ---------------------------------------


@pytest.mark.parametrize("group", ["Editors", "Moderators", "Translators"])
def test_only_administrators_open_settings_users_redirects_and_forms(client, tree, group):
    client = as_member(client, group)
    for area, url in admin_areas(tree).items():
        assert denied(client.get(url)), area
    # Wagtail's Forms list opens to anyone who edits pages: it lists no form for them.
    assert admin_areas(tree)["contact messages"] not in client.get("/admin/forms/").content.decode()


def test_administrators_open_every_area(client, tree):
    client = as_member(client, "Administrators")
    for area, url in admin_areas(tree).items():
        assert client.get(url).status_code == 200, area
    assert admin_areas(tree)["contact messages"] in client.get("/admin/forms/").content.decode()


def test_contact_messages_are_read_by_administrators_only(client, tree):
    contact = ContactPage.objects.child_of(tree.home).first()
    url = f"/admin/forms/submissions/{contact.pk}/"
    editor_client = as_member(client, "Editors")
    assert client.get(f"/admin/pages/{contact.pk}/edit/").status_code == 200  # may edit the page
    assert denied(editor_client.get(url))
    client.logout()
    assert as_member(client, "Administrators").get(url).status_code == 200


# The migration ---------------------------------------------------------------------


def snapshot():
    return {
        group.name: (
            sorted(group.permissions.values_list("content_type__app_label", "codename")),
            sorted(group.page_permissions.values_list("page_id", "permission__codename")),
            sorted(
                group.collection_permissions.values_list("collection_id", "permission__codename")
            ),
        )
        for group in Group.objects.all()
    }


def test_roles_migration_is_idempotent_and_reversible():
    migration = importlib.import_module("site_core.migrations.0008_staff_roles")

    class SchemaEditor:
        connection = connection

    made = snapshot()
    migration.make_roles(apps, SchemaEditor)
    assert snapshot() == made

    migration.restore_wagtail_groups(apps, SchemaEditor)
    restored = snapshot()
    assert set(restored) == {"Editors", "Moderators"}
    assert ("site_core", "change_source_language") not in restored["Editors"][0]
    assert ("principles", "delete_theme") not in restored["Moderators"][0]
    assert any(codename == "publish_page" for _, codename in restored["Moderators"][1])

    migration.make_roles(apps, SchemaEditor)
    assert snapshot() == made


def test_administrators_give_the_two_extra_permissions_in_the_group_editor(client):
    translators = Group.objects.get(name="Translators")
    client = as_member(client, "Administrators")
    html = client.get(f"/admin/groups/edit/{translators.pk}/").content.decode().lower()
    assert "content in the source language" in html
    assert "form submission" in html
