"""Translation that holds together: what staff do in the admin, and what readers then see."""

import re

import pytest
from django.contrib.auth.models import Group, Permission
from django.core import mail
from django.test import Client
from wagtail.models import GroupPagePermission, Page, Workflow, WorkflowState
from wagtail_localize.models import Translation, TranslationSource

from principles.models import PrincipleContributor, PrinciplePage
from reflections.models import PrincipleRelatedReflection
from site_core.blocks import stream_data
from site_core.models import Contributor
from tests import factories

pytestmark = pytest.mark.django_db


def publish(page):
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def translate(page, locale, strings, commit, publish=True):
    """Translate ``page`` through wagtail-localize's own records, as staff do in its editor.

    ``strings`` maps English source strings to Spanish; others keep their English text.
    """
    source, _ = TranslationSource.get_or_create_from_instance(page)
    job, _ = Translation.objects.get_or_create(source=source, target_locale=locale)
    po = job.export_po()
    for entry in po:
        entry.msgstr = strings.get(entry.msgid, entry.msgid)
    job.import_po(po)
    with commit(execute=True):  # wagtail-localize saves the page on commit
        job.save_target(publish=publish)
    return job, page.get_translation(locale)


@pytest.fixture
def principle(tree):
    return publish(
        factories.PrinciplePageFactory(
            parent=tree.principles,
            title="Listen first",
            statement="We listen before we act.",
            body=stream_data(("paragraph", "<p>Listening is care.</p>")),
        )
    )


# The key and the number ------------------------------------------------------------------


def test_no_translation_can_change_the_key_or_the_number(principle):
    source, _ = TranslationSource.get_or_create_from_instance(principle)
    overridable = set(source.overridablesegment_set.values_list("context__path", flat=True))
    strings = set(source.stringsegment_set.values_list("context__path", flat=True))
    assert not {"key", "number"} & (overridable | strings)
    assert "title" in strings  # the source was extracted: the check above means something


# Deleting and unpublishing ------------------------------------------------------------------


def test_deleting_an_english_principle_deletes_its_spanish_versions(
    admin_client_logged_in, principle, spanish_tree, django_capture_on_commit_callbacks
):
    _job, spanish = translate(
        principle, spanish_tree.locale, {"Listen first": "Escuchar primero"},
        django_capture_on_commit_callbacks,
    )  # fmt: skip
    url = f"/admin/pages/{principle.pk}/delete/"
    html = admin_client_logged_in.get(url).content.decode()
    assert re.search(r"also delete\s+1 translation", html)  # the screen says so
    admin_client_logged_in.post(url, {"confirm_site_name": ""})
    assert not Page.objects.filter(pk__in=[principle.pk, spanish.pk]).exists()
    assert admin_client_logged_in.get(f"/es/p/{principle.key}/").status_code == 404


def test_deleting_an_english_draft_leaves_no_spanish_draft_behind(
    admin_client_logged_in, tree, spanish_tree
):
    draft = factories.PrinciplePageFactory(parent=tree.principles, title="Rest", live=False)
    draft.copy_for_translation(spanish_tree.locale, alias=True)
    admin_client_logged_in.post(f"/admin/pages/{draft.pk}/delete/")
    assert not Page.objects.filter(slug="rest").exists()
    again = publish(factories.PrinciplePageFactory(parent=tree.principles, title="Rest"))
    copy = again.get_translation_or_none(spanish_tree.locale) or again.copy_for_translation(
        spanish_tree.locale, alias=True
    )
    assert copy.slug == "rest"  # not "rest-1": nothing was left holding the address


def test_deleting_a_spanish_translation_leaves_the_english_page(
    admin_client_logged_in, principle, spanish_tree, django_capture_on_commit_callbacks
):
    _job, spanish = translate(
        principle, spanish_tree.locale, {}, django_capture_on_commit_callbacks
    )
    admin_client_logged_in.post(f"/admin/pages/{spanish.pk}/delete/")
    assert not Page.objects.filter(pk=spanish.pk).exists()
    assert PrinciplePage.objects.get(pk=principle.pk).live


def test_unpublishing_an_english_principle_unpublishes_its_translation(
    admin_client_logged_in, principle, spanish_tree, django_capture_on_commit_callbacks
):
    _job, spanish = translate(
        principle, spanish_tree.locale, {}, django_capture_on_commit_callbacks
    )
    url = f"/admin/pages/{principle.pk}/unpublish/"
    html = admin_client_logged_in.get(url).content.decode()
    assert "also unpublish one translation" in html
    admin_client_logged_in.post(url)
    assert not Page.objects.get(pk=spanish.pk).live
    assert not Page.objects.get(pk=principle.pk).live


# What a translation shows --------------------------------------------------------------------


def test_credit_notes_are_translated_with_the_page(
    client, principle, spanish_tree, django_capture_on_commit_callbacks
):
    person = Contributor.objects.get(slug="kate", locale__language_code="en")
    PrincipleContributor.objects.create(page=principle, contributor=person, note="first draft")
    publish(principle)
    _job, spanish = translate(
        principle, spanish_tree.locale,
        {"first draft": "primer borrador", "Listen first": "Escuchar primero"},
        django_capture_on_commit_callbacks,
    )  # fmt: skip
    html = client.get(spanish.url).content.decode()
    assert "primer borrador" in html and "first draft" not in html
    assert "first draft" in client.get(principle.url).content.decode()


def test_a_curated_reflection_is_shown_in_spanish_on_the_spanish_page(
    client, tree, spanish_tree, principle, django_capture_on_commit_callbacks
):
    reflection = publish(
        factories.ReflectionPageFactory(parent=tree.reflections, title="Slow care")
    )
    _job, spanish_reflection = translate(
        reflection, spanish_tree.locale, {"Slow care": "Cuidado sin prisa"},
        django_capture_on_commit_callbacks,
    )  # fmt: skip
    PrincipleRelatedReflection.objects.create(page=principle, reflection=reflection)
    publish(principle)
    _job, spanish = translate(
        principle, spanish_tree.locale, {}, django_capture_on_commit_callbacks
    )
    html = client.get(spanish.url).content.decode()
    assert f'href="{spanish_reflection.url}"' in html and "Cuidado sin prisa" in html
    assert reflection.url not in html


def test_spanish_history_starts_at_its_first_spanish_publication(
    client, principle, spanish_tree, django_capture_on_commit_callbacks
):
    alias = principle.get_translation_or_none(
        spanish_tree.locale
    ) or principle.copy_for_translation(spanish_tree.locale, alias=True)
    principle.statement = "We listen, then we act together."
    publish(principle)  # the English wording changes while Spanish is still a copy
    assert "We listen before we act." in client.get(alias.url + "history/").content.decode()
    _job, spanish = translate(
        principle, spanish_tree.locale,
        {"We listen, then we act together.": "Escuchamos y luego actuamos juntas."},
        django_capture_on_commit_callbacks,
    )  # fmt: skip
    html = client.get(spanish.url + "history/").content.decode()
    assert len(re.findall(r'<li class="history__item">', html)) == 1
    assert "Escuchamos y luego actuamos juntas." in html
    assert "We listen" not in html


# Finishing a translation without publishing ------------------------------------------------------


@pytest.fixture
def translator(client, django_user_model, spanish_tree):
    """Someone who may edit Spanish pages and submit translations, but not publish."""
    group = Group.objects.create(name="Spanish writers")
    group.permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="submit_translation"),
    )
    GroupPagePermission.objects.create(
        group=group,
        page=spanish_tree.home,
        permission=Permission.objects.get(codename="change_page"),
    )
    user = django_user_model.objects.create_user("ines", "ines@example.org", "pw")
    user.groups.add(group)
    client.force_login(user)
    return client


def test_a_translator_submits_a_translation_for_review_and_a_moderator_publishes_it(
    translator, django_user_model, principle, spanish_tree, django_capture_on_commit_callbacks
):
    job, spanish = translate(
        principle, spanish_tree.locale, {"Listen first": "Escuchar primero"},
        django_capture_on_commit_callbacks, publish=False,
    )  # fmt: skip
    html = translator.get(f"/admin/pages/{spanish.pk}/edit/").content.decode()
    assert "Submit for review" in html
    assert "admin-translation-review.css" in html  # wagtail-localize's publish-only footer goes
    assert Workflow.objects.filter(active=True).exists()
    mail.outbox.clear()
    response = translator.post(f"/admin/translations/{job.pk}/submit-for-review/", follow=True)
    assert "for review" in response.content.decode()
    state = WorkflowState.objects.get(object_id=str(spanish.pk), status="in_progress")
    assert not Page.objects.get(pk=spanish.pk).live  # nothing published yet
    # A moderator approves, through the admin's workflow action: the page goes live.
    moderator = Client()
    moderator.force_login(django_user_model.objects.create_superuser("mod", "m@example.org", "pw"))
    task_state = state.current_task_state
    moderator.post(
        f"/admin/pages/workflow/action/{spanish.pk}/approve/{task_state.pk}/", {"comment": ""}
    )
    assert Page.objects.get(pk=spanish.pk).live
    assert "Escuchar primero" in Client().get(spanish.url).content.decode()


def test_publishers_keep_wagtail_localizes_own_editor(
    admin_client_logged_in, principle, spanish_tree, django_capture_on_commit_callbacks
):
    _job, spanish = translate(
        principle, spanish_tree.locale, {}, django_capture_on_commit_callbacks
    )
    html = admin_client_logged_in.get(f"/admin/pages/{spanish.pk}/edit/").content.decode()
    assert "js-translation-editor" in html and "admin-translation-review.css" not in html


def test_nobody_without_edit_rights_can_submit(client, django_user_model, principle, spanish_tree,
                                               django_capture_on_commit_callbacks):  # fmt: skip
    job, _spanish = translate(
        principle, spanish_tree.locale, {}, django_capture_on_commit_callbacks
    )
    user = django_user_model.objects.create_user("nobody", "n@example.org", "pw")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    response = client.post(f"/admin/translations/{job.pk}/submit-for-review/")
    assert response.status_code in (302, 403)
    assert not WorkflowState.objects.filter(status="in_progress").exists()


def test_a_copied_principle_gets_a_key_of_its_own(principle, spanish_tree):
    copy = principle.copy(update_attrs={"slug": "listen-first-again", "title": "Listen again"})
    assert copy.key and copy.key != principle.key
    alias = principle.get_translation_or_none(
        spanish_tree.locale
    ) or principle.copy_for_translation(spanish_tree.locale, alias=True)
    assert alias.key == principle.key  # the Spanish version keeps the principle's key
