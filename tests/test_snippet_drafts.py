"""Themes and contributors are changed as drafts and go live only when published.

Everything goes through the admin's own views, as staff use them: an editor who
may not publish saves a change, the public page stays as it was, someone allowed
to publish publishes (or approves, in a workflow), and the page changes. The
history lists each step and compares any two versions.
"""

import importlib
import json

import pytest
from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.test import Client
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import (
    GroupApprovalTask,
    ModelLogEntry,
    Revision,
    Workflow,
    WorkflowContentType,
    WorkflowTask,
)
from wagtail_localize.models import Translation, TranslationSource

from principles.models import Theme
from site_core.models import Contributor
from tests import factories

pytestmark = pytest.mark.django_db

ADMIN = {
    Theme: "/admin/snippets/principles/theme",
    Contributor: "/admin/snippets/site_core/contributor",
}
PUBLIC = {Theme: "/en/themes", Contributor: "/en/contributors"}
SPANISH_PUBLIC = {Theme: "/es/temas", Contributor: "/es/colaboradores"}


def staff(django_user_model, name, *codenames):
    """A logged-in admin client for a person whose group grants ``codenames``."""
    user = django_user_model.objects.create_user(name, f"{name}@example.org", "pw")
    group = Group.objects.create(name=f"{name} group")
    group.permissions.set(Permission.objects.filter(codename__in=["access_admin", *codenames]))
    user.groups.add(group)
    client = Client()
    client.force_login(user)
    return client


def may_edit(model):
    """What an editor may do to ``model``: add and change, in English too (not publish)."""
    name = model._meta.model_name
    return [f"add_{name}", f"change_{name}", f"view_{name}", "change_source_language"]


def may_publish(model):
    return [*may_edit(model), f"publish_{model._meta.model_name}"]


def rich(text):
    """A rich text field as the admin's editor posts it."""
    block = {"key": "a1b2c", "text": text, "type": "unstyled", "depth": 0}
    block.update(inlineStyleRanges=[], entityRanges=[])
    return json.dumps({"blocks": [block], "entityMap": {}})


def form(item, **changes):
    """The edit form of ``item`` as the admin posts it, with ``changes``."""
    if isinstance(item, Theme):
        data = {"name": item.name, "slug": item.slug, "description": item.description}
    else:
        data = {
            "name": item.name,
            "slug": item.slug,
            "pronouns": item.pronouns,
            "role": item.role,
            "bio": rich("A person who shows up."),
            "photo": "",
            "website": item.website,
        }
    data.update(changes)
    if "bio" in changes:
        data["bio"] = rich(changes["bio"])
    return data


def new_item(model, **fields):
    factory = factories.ThemeFactory if model is Theme else factories.ContributorFactory
    item = factory(**fields)
    item.save_revision().publish()
    item.refresh_from_db()
    return item


def page_of(model, slug, client=None):
    return (client or Client()).get(f"{PUBLIC[model]}/{slug}/")


@pytest.mark.parametrize("model", [Theme, Contributor])
def test_an_editors_change_waits_until_someone_publishes_it(model, django_user_model):
    item = new_item(model, name="Harbour keepers")
    editor = staff(django_user_model, "editor", *may_edit(model))
    moderator = staff(django_user_model, "moderator", *may_publish(model))
    edit_url = f"{ADMIN[model]}/edit/{item.pk}/"

    html = editor.get(edit_url).content.decode()
    assert 'name="action-publish"' not in html  # the editor is offered no Publish button
    assert 'name="action-publish"' in moderator.get(edit_url).content.decode()

    response = editor.post(edit_url, form(item, name="Harbour keepers, renamed"))
    assert response.status_code == 302
    # Asking to publish anyway changes nothing the public sees.
    editor.post(edit_url, {**form(item, name="Harbour keepers, renamed"), "action-publish": "1"})
    public = page_of(model, item.slug).content.decode()
    assert "Harbour keepers" in public and "renamed" not in public
    item.refresh_from_db()
    assert item.name == "Harbour keepers" and item.has_unpublished_changes
    assert "Harbour keepers, renamed" in editor.get(edit_url).content.decode()  # the draft

    response = moderator.post(
        edit_url, {**form(item, name="Harbour keepers, renamed"), "action-publish": "1"}
    )
    assert response.status_code == 302
    assert "Harbour keepers, renamed" in page_of(model, item.slug).content.decode()

    # The history lists each step, and any two versions can be compared.
    history = moderator.get(f"{ADMIN[model]}/history/{item.pk}/").content.decode()
    assert "Published" in history and "Edited" in history
    revisions = Revision.objects.for_instance(item).order_by("created_at", "pk")
    first, last = revisions.first(), revisions.last()
    compare = moderator.get(
        f"{ADMIN[model]}/history/{item.pk}/revisions/compare/{first.pk}...{last.pk}/"
    )
    assert compare.status_code == 200
    text = compare.content.decode()
    assert "Harbour keepers" in text and "renamed" in text


def test_a_new_theme_saved_as_a_draft_stays_out_of_sight(django_user_model):
    editor = staff(django_user_model, "writer", *may_edit(Theme))
    response = editor.post(
        f"{ADMIN[Theme]}/add/?locale=en",
        {"name": "Quiet harbours", "slug": "quiet-harbours", "description": "Not yet."},
    )
    assert response.status_code == 302
    theme = Theme.objects.get(slug="quiet-harbours")
    assert not theme.live and theme.latest_revision is not None
    assert page_of(Theme, "quiet-harbours").status_code == 404
    assert "Quiet harbours" not in Client().get(f"{PUBLIC[Theme]}/").content.decode()
    # Renaming it before anyone could visit it leaves no redirect behind.
    editor.post(f"{ADMIN[Theme]}/edit/{theme.pk}/", form(theme, slug="calm-harbours"))
    assert Theme.objects.get(pk=theme.pk).slug == "calm-harbours"
    assert not Redirect.objects.filter(old_path__contains="quiet-harbours").exists()


def test_a_slug_changed_in_a_draft_moves_the_address_only_on_publication(django_user_model):
    theme = new_item(Theme, name="Tide tables", slug="tide-tables")
    editor = staff(django_user_model, "slugger", *may_edit(Theme))
    moderator = staff(django_user_model, "approver", *may_publish(Theme))
    edit_url = f"{ADMIN[Theme]}/edit/{theme.pk}/"

    editor.post(edit_url, form(theme, slug="tide-charts"))
    assert page_of(Theme, "tide-tables").status_code == 200
    assert page_of(Theme, "tide-charts").status_code == 404
    assert not Redirect.objects.filter(old_path__contains="tide-tables").exists()

    moderator.post(edit_url, {**form(theme, slug="tide-charts"), "action-publish": "1"})
    assert page_of(Theme, "tide-charts").status_code == 200
    old = Client().get(f"{PUBLIC[Theme]}/tide-tables/")
    assert old.status_code == 301 and old["Location"].endswith("/en/themes/tide-charts/")


def test_a_workflow_on_themes_reviews_the_change_before_it_goes_live(django_user_model):
    reviewers = Group.objects.create(name="Theme reviewers")
    reviewers.permissions.set(
        Permission.objects.filter(codename__in=["access_admin", *may_publish(Theme)])
    )
    task = GroupApprovalTask.objects.create(name="Review the theme")
    task.groups.set([reviewers])
    workflow = Workflow.objects.create(name="Review themes")
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    WorkflowContentType.objects.update_or_create(  # in place of the site's own review
        content_type_id=Theme.get_content_type().pk, defaults={"workflow": workflow}
    )

    theme = new_item(Theme, name="Open doors")
    editor = staff(django_user_model, "submitter", *may_edit(Theme))
    reviewer_user = django_user_model.objects.create_user("reviewer", "r@example.org", "pw")
    reviewer_user.groups.add(reviewers)
    reviewer = Client()
    reviewer.force_login(reviewer_user)
    edit_url = f"{ADMIN[Theme]}/edit/{theme.pk}/"

    assert 'name="action-submit"' in editor.get(edit_url).content.decode()
    editor.post(edit_url, {**form(theme, name="Open doors, reviewed"), "action-submit": "1"})
    theme.refresh_from_db()
    state = theme.current_workflow_state
    assert state is not None and state.status == "in_progress"
    assert "reviewed" not in page_of(Theme, theme.slug).content.decode()

    task_state = state.current_task_state
    response = reviewer.post(
        f"{ADMIN[Theme]}/workflow/action/{theme.pk}/approve/{task_state.pk}/", {"comment": ""}
    )
    assert response.status_code in (200, 302)
    theme.refresh_from_db()
    assert theme.current_workflow_state is None
    assert "Open doors, reviewed" in page_of(Theme, theme.slug).content.decode()


@pytest.mark.parametrize("model", [Theme, Contributor])
def test_the_locale_filter_lists_one_language_and_answers(model, admin_client_logged_in):
    names = {
        code: set(model.objects.filter(locale__language_code=code).values_list("pk", flat=True))
        for code in ("en", "es")
    }
    for code in ("en", "es"):
        response = admin_client_logged_in.get(f"{ADMIN[model]}/?locale={code}")
        assert response.status_code == 200
        html = response.content.decode()
        listed = {pk for pk in names["en"] | names["es"] if f"/edit/{pk}/" in html}
        assert listed == names[code]
    # The filter's choices are the language codes that Wagtail's language switch uses.
    html = admin_client_logged_in.get(f"{ADMIN[model]}/").content.decode()
    assert 'name="locale" value="en"' in html and 'name="locale" value="es"' in html


def test_translating_a_theme_uses_its_published_version_and_publishing_needs_permission(
    django_user_model, spanish_tree, django_capture_on_commit_callbacks
):
    theme = new_item(Theme, name="Night markets", slug="night-markets", description="Live text.")
    theme.name, theme.description = "Night markets draft", "Draft text."
    theme.save_revision()  # a newer draft the Spanish version must not take
    es = spanish_tree.locale

    source, _ = TranslationSource.get_or_create_from_instance(Theme.objects.get(pk=theme.pk))
    job = Translation.objects.create(source=source, target_locale=es)
    po = job.export_po()
    assert {entry.msgid for entry in po} == {"Night markets", "night-markets", "Live text."}
    spanish = {"Night markets": "Mercados nocturnos", "night-markets": "mercados-nocturnos"}
    for entry in po:
        entry.msgstr = spanish.get(entry.msgid, "Texto publicado.")
    job.import_po(po)

    # Someone who may translate but not publish cannot publish the Spanish version.
    translator = staff(django_user_model, "translator", *may_edit(Theme))
    with django_capture_on_commit_callbacks(execute=True):
        job.save_target(publish=False)  # the translation exists as a draft
    spanish_theme = theme.get_translation(es)
    assert not spanish_theme.live
    assert Client().get(f"{SPANISH_PUBLIC[Theme]}/mercados-nocturnos/").status_code == 404
    edit_url = f"{ADMIN[Theme]}/edit/{spanish_theme.pk}/"
    assert translator.get(edit_url).status_code == 200  # wagtail-localize's editor
    with django_capture_on_commit_callbacks(execute=True):
        refused = translator.post(edit_url, {"action": "publish"})
    assert refused.status_code == 403 or refused["Location"] == "/admin/"  # "permission denied"
    assert not Theme.objects.get(pk=spanish_theme.pk).live
    assert Client().get(f"{SPANISH_PUBLIC[Theme]}/mercados-nocturnos/").status_code == 404

    moderator = staff(django_user_model, "publisher", *may_publish(Theme))
    with django_capture_on_commit_callbacks(execute=True):
        assert moderator.post(edit_url, {"action": "publish"}).status_code == 302
    spanish_theme.refresh_from_db()
    assert spanish_theme.live and spanish_theme.live_revision_id == spanish_theme.latest_revision_id
    html = Client().get(f"{SPANISH_PUBLIC[Theme]}/mercados-nocturnos/").content.decode()
    assert "Mercados nocturnos" in html and "Texto publicado." in html
    assert "Night markets draft" not in html and "Draft text." not in html


def test_demo_themes_and_contributors_are_published_in_both_languages():
    for model in (Theme, Contributor):
        for code in ("en", "es"):
            items = model.objects.filter(locale__language_code=code)
            assert items.exists()
            for item in items:
                assert item.live and not item.has_unpublished_changes, item
                assert item.live_revision_id and item.live_revision_id == item.latest_revision_id


def test_the_migration_publishes_existing_items_once():
    """Themes and contributors made before drafts existed stay public, with a first revision."""
    migrations = [
        ("principles.migrations.0003_publish_existing_themes", Theme),
        ("site_core.migrations.0005_publish_existing_contributors", Contributor),
    ]
    for module, model in migrations:
        publish_existing = importlib.import_module(module).publish_existing
        factory = factories.ThemeFactory if model is Theme else factories.ContributorFactory
        item = factory()  # as a row made before: no revision
        assert item.latest_revision is None
        publish_existing(apps, None)
        item.refresh_from_db()
        assert item.live and item.live_revision_id == item.latest_revision_id is not None
        assert item.live_revision.as_object().name == item.name
        logs = ModelLogEntry.objects.filter(object_id=str(item.pk), action="wagtail.publish")
        assert logs.filter(content_type__model=model._meta.model_name).count() == 1
        publish_existing(apps, None)  # again: nothing more
        assert Revision.objects.for_instance(item).count() == 1
