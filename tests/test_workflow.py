"""Review before publishing: an editor submits, a moderator approves or asks for changes.

Everything goes through the admin's own views as members of the groups the
migrations made; the emails are the ones Wagtail sends (locmem backend in tests).
"""

import importlib

import pytest
from django.apps import apps
from django.conf import settings
from django.core import mail
from wagtail.models import Page, Workflow
from wagtail_localize.synctree import create_aliases_for_new_page

from principles.models import PrinciplePage
from reflections.models import ReflectionPage
from site_core.staff.roles import REVIEW_TASK, REVIEW_WORKFLOW
from tests import factories
from tests.staff import logged_in, member_of, principle_form

pytestmark = pytest.mark.django_db

SUBMIT_BUTTON = f"Submit to {REVIEW_WORKFLOW}"


@pytest.fixture
def editor():
    return member_of("Editors")


@pytest.fixture
def moderator():
    return member_of("Moderators")


def submit_new_principle(client, editor, tree, slug):
    client = logged_in(client, editor)
    url = f"/admin/pages/add/principles/principlepage/{tree.principles.pk}/"
    assert SUBMIT_BUTTON in client.get(url).content.decode()
    response = client.post(url, principle_form(810 + len(slug), slug, **{"action-submit": "1"}))
    assert response.status_code == 302
    return PrinciplePage.objects.child_of(tree.principles).get(slug=slug)


def act(client, moderator, page, action, comment=""):
    """What the moderator's "Approve" or "Request changes" button posts."""
    task_state = page.current_workflow_task_state
    url = f"/admin/pages/workflow/action/{page.pk}/{action}/{task_state.pk}/"
    return logged_in(client, moderator).post(url, {"comment": comment})


def emails_to(user):
    return [message for message in mail.outbox if user.email in message.to]


def test_the_review_workflow_covers_principles_and_reflections_in_both_languages(
    tree, spanish_tree
):
    for index in (
        tree.principles,
        tree.reflections,
        spanish_tree.principles,
        spanish_tree.reflections,
    ):
        workflow = index.get_workflow()
        assert workflow.name == REVIEW_WORKFLOW
        tasks = [task.specific for task in workflow.tasks]
        assert [task.name for task in tasks] == [REVIEW_TASK]
        assert [group.name for group in tasks[0].groups.all()] == ["Moderators"]
    spanish = factories.ReflectionPageFactory(parent=spanish_tree.reflections)
    assert spanish.get_workflow().name == REVIEW_WORKFLOW


def test_an_editor_submits_and_the_moderators_are_emailed(client, tree, editor, moderator):
    page = submit_new_principle(client, editor, tree, "submitted-for-review")
    assert page.workflow_in_progress and not page.live
    [message] = emails_to(moderator)
    assert "A principle of our own" in message.subject
    assert "submitted for approval" in message.subject
    assert f"/admin/pages/{page.pk}/edit/" in message.body
    assert not emails_to(editor)  # nobody is told of their own submission


def test_a_moderator_approves_and_the_page_goes_live(client, tree, editor, moderator):
    page = submit_new_principle(client, editor, tree, "approved-principle")
    mail.outbox.clear()
    response = act(client, moderator, page, "approve")
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.live and not page.workflow_in_progress
    assert client.get(page.url).status_code == 200
    [message] = emails_to(editor)
    assert "has been approved" in message.subject


def test_a_moderator_requests_changes_and_the_editor_is_told_why(client, tree, editor, moderator):
    page = submit_new_principle(client, editor, tree, "needs-changes")
    mail.outbox.clear()
    response = act(client, moderator, page, "reject", comment="Please shorten the statement.")
    assert response.status_code == 302
    page.refresh_from_db()
    assert not page.live and not page.workflow_in_progress
    [message] = emails_to(editor)
    assert "has been rejected" in message.subject
    assert "Please shorten the statement." in message.body
    assert f"/admin/pages/{page.pk}/edit/" in message.body


def test_editors_cannot_approve(client, tree, editor):
    page = submit_new_principle(client, editor, tree, "self-approved")
    act(client, editor, page, "approve")
    page.refresh_from_db()
    assert not page.live and page.workflow_in_progress


def test_a_spanish_translation_goes_through_the_same_review(client, tree, spanish_tree, moderator):
    english = factories.PrinciplePageFactory(parent=tree.principles)
    create_aliases_for_new_page(english)
    spanish = english.get_translation(spanish_tree.locale).specific
    spanish.alias_of = None  # translated by hand: no longer an untranslated copy
    spanish.title = "Un principio nuestro"
    spanish.save()
    translator = member_of("Translators")
    client = logged_in(client, translator)
    edit_url = f"/admin/pages/{spanish.pk}/edit/"
    assert SUBMIT_BUTTON in client.get(edit_url).content.decode()
    form = principle_form(
        spanish.number, spanish.slug, title=spanish.title, **{"action-submit": "1"}
    )
    assert client.post(edit_url, form).status_code == 302
    spanish.refresh_from_db()
    assert spanish.workflow_in_progress
    [message] = emails_to(moderator)
    assert "Un principio nuestro" in message.subject


def test_reviewers_leave_comments_on_the_page(client, tree, moderator):
    assert settings.WAGTAILADMIN_COMMENTS_ENABLED
    page = factories.PrinciplePageFactory(parent=tree.principles)
    client = logged_in(client, moderator)
    form = principle_form(page.number, page.slug, title=page.title)
    form.update(
        {
            "comments-TOTAL_FORMS": "1",
            "comments-INITIAL_FORMS": "0",
            "comments-MIN_NUM_FORMS": "0",
            "comments-MAX_NUM_FORMS": "",
            "comments-0-contentpath": "statement",
            "comments-0-text": "Could this be one shorter sentence?",
            "comments-0-position": "",
            "comments-0-resolved": "",
            "comments-0-id": "",
            "comments-0-DELETE": "",
            "comments-0-replies-TOTAL_FORMS": "0",
            "comments-0-replies-INITIAL_FORMS": "0",
            "comments-0-replies-MIN_NUM_FORMS": "0",
            "comments-0-replies-MAX_NUM_FORMS": "0",
        }
    )
    assert client.post(f"/admin/pages/{page.pk}/edit/", form).status_code == 302
    assert page.wagtail_admin_comments.get().text == "Could this be one shorter sentence?"


def test_workflow_migration_is_idempotent_and_reversible():
    migration = importlib.import_module("site_core.migrations.0009_review_workflow")

    def root_workflow():
        return Page.get_first_root_node().get_workflow()

    def state():
        workflow = root_workflow()
        task = workflow.tasks.get().specific
        return workflow.pk, workflow.name, task.pk, task.name, list(task.groups.all())

    made = state()
    migration.set_up_review(apps, None)
    assert state() == made

    migration.restore_wagtail_names(apps, None)
    assert root_workflow().name == "Moderators approval"
    assert not Workflow.objects.filter(name=REVIEW_WORKFLOW).exists()

    migration.set_up_review(apps, None)
    assert state() == made  # the same workflow again: pages in review keep their place


def test_reflections_are_reviewed_too(client, tree, editor, moderator):
    client = logged_in(client, editor)
    reflection = factories.ReflectionPageFactory(parent=tree.reflections, live=False, owner=editor)
    reflection.save_revision(user=editor)
    response = client.get(f"/admin/pages/{reflection.pk}/edit/")
    assert SUBMIT_BUTTON in response.content.decode()
    assert ReflectionPage.objects.get(pk=reflection.pk).get_workflow().name == REVIEW_WORKFLOW


def test_themes_and_contributors_go_through_the_same_review():
    from wagtail.models import get_default_page_content_type  # noqa: F401  (Wagtail loaded)

    from principles.models import Theme
    from site_core.models import Contributor
    from site_core.staff.roles import REVIEW_WORKFLOW

    for model in (Theme, Contributor):
        workflow = model.objects.first().get_workflow()
        assert workflow is not None and workflow.name == REVIEW_WORKFLOW, model
