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
from tests.staff import denied, logged_in, member_of

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


# A draft stays a draft; the moderator reviews in the translation editor ----------------


def translated_in_the_editor(page, locale, strings):
    """The Spanish copy of a live ``page`` (live, as the synchronised tree makes it), and
    a translation whose segments staff typed in wagtail-localize's editor, not yet saved
    to the page."""
    page.copy_for_translation(locale, alias=True)
    source, _ = TranslationSource.get_or_create_from_instance(page)
    job, _ = Translation.objects.get_or_create(source=source, target_locale=locale)
    po = job.export_po()
    for entry in po:
        entry.msgstr = strings.get(entry.msgid, "")
    job.import_po(po)
    return job


@pytest.fixture
def submitted(client, principle, spanish_tree, django_capture_on_commit_callbacks):
    """A translation of the live principle, submitted for review by a translator."""
    job = translated_in_the_editor(
        principle,
        spanish_tree.locale,
        {"Listen first": "Escuchar primero", "listen-first": "escuchar-primero"},
    )
    translator = member_of("Translators", "teresa")
    logged_in(client, translator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/admin/translations/{job.pk}/submit-for-review/", follow=True)
    assert "for review" in response.content.decode()
    return job


def test_a_submitted_translation_of_a_live_page_changes_nothing_public(submitted):
    spanish = submitted.get_target_instance()
    assert spanish.live and spanish.has_unpublished_changes
    visitor = Client()
    old = visitor.get("/es/principios/listen-first/")
    assert old.status_code == 200 and "Escuchar primero" not in old.content.decode()
    assert visitor.get("/es/principios/escuchar-primero/").status_code == 404
    assert spanish.get_latest_revision_as_object().title == "Escuchar primero"  # the draft


def test_the_moderator_approves_in_the_translation_editor_with_their_corrections(
    client, submitted, django_capture_on_commit_callbacks
):
    moderator = logged_in(client, member_of("Moderators", "moses"))
    spanish = submitted.get_target_instance()
    html = moderator.get(f"/admin/pages/{spanish.pk}/edit/").content.decode()
    assert "Approve and publish" in html and "Request changes" in html
    assert "teresa submitted this translation for your review" in html
    # Reading it, the moderator corrects the title in the editor, then approves.
    po = submitted.export_po()
    for entry in po:
        if entry.msgid == "Listen first":
            entry.msgstr = "Escuchar antes"
    submitted.import_po(po)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = moderator.post(
            f"/admin/translations/{submitted.pk}/review/approve/", {"comment": ""}, follow=True
        )
    assert "is approved and published" in response.content.decode()
    visitor = Client()
    page = visitor.get("/es/principios/escuchar-primero/")
    assert page.status_code == 200 and "Escuchar antes" in page.content.decode()
    # The old Spanish address leads to the new one.
    assert visitor.get("/es/principios/listen-first/").status_code == 301
    assert any("teresa@example.org" in message.to for message in mail.outbox)


def test_changes_are_requested_with_a_comment_that_reaches_the_translator(
    client, submitted, django_capture_on_commit_callbacks
):
    moderator = logged_in(client, member_of("Moderators", "moses"))
    review = f"/admin/translations/{submitted.pk}/review/reject/"
    response = moderator.post(review, {"comment": "  "}, follow=True)
    assert "Say what to change" in response.content.decode()
    assert WorkflowState.objects.get(object_id=str(submitted.get_target_instance().pk)).status == (
        "in_progress"
    )
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        moderator.post(review, {"comment": "“Escuchar” needs an accent?\x00"})
    state = WorkflowState.objects.get(object_id=str(submitted.get_target_instance().pk))
    assert state.status == "needs_changes"
    to_translator = [message for message in mail.outbox if "teresa@example.org" in message.to]
    assert to_translator and "needs an accent?" in to_translator[0].body


def test_only_the_reviewer_acts_and_only_approve_or_reject(client, submitted):
    review = f"/admin/translations/{submitted.pk}/review/"
    for group in ("Translators", "Editors"):
        logged_in(client, member_of(group))
        assert denied(client.post(review + "approve/"))
    logged_in(client, member_of("Moderators"))
    assert client.post(review + "publish/").status_code == 404
    assert client.get(review + "approve/").status_code == 405
    assert Page.objects.get(pk=submitted.get_target_instance().pk).has_unpublished_changes


def test_a_translation_too_long_to_save_is_refused_with_a_message(client, principle, spanish_tree):
    job = translated_in_the_editor(
        principle, spanish_tree.locale, {"We listen before we act.": "Escuchamos. " * 40}
    )
    logged_in(client, member_of("Translators"))
    response = client.post(f"/admin/translations/{job.pk}/submit-for-review/", follow=True)
    assert response.status_code == 200
    text = response.content.decode()
    assert "could not be saved" in text and "statement" in text.lower()
    assert not WorkflowState.objects.filter(status="in_progress").exists()


def test_editors_and_translators_cannot_publish_through_an_update(
    client, principle, spanish_tree, django_capture_on_commit_callbacks
):
    job = translated_in_the_editor(principle, spanish_tree.locale, {"Listen first": "Escuchar"})
    with django_capture_on_commit_callbacks(execute=True):
        job.save_target(publish=True)  # a published Spanish version
    principle.title = "Listen first, always"
    publish(principle)
    update = f"/admin/localize/update/{job.source.pk}/"
    for group in ("Editors", "Translators"):
        logged_in(client, member_of(group))
        assert "Publish immediately" not in client.get(update).content.decode()
        with django_capture_on_commit_callbacks(execute=True):
            client.post(update, {"publish_translations": "on"})
        spanish = Page.objects.get(pk=job.get_target_instance().pk).specific
        assert not spanish.has_unpublished_changes and spanish.title == "Escuchar"
    logged_in(client, member_of("Moderators"))
    assert "Publish immediately" in client.get(update).content.decode()
