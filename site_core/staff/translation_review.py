"""Translations go through the same review as any page.

wagtail-localize's translation editor can only publish. Two things are added here:

- **Submit for review.** For someone who may edit a translation but not publish it
  (editors, translators), the editor's buttons give way to one that saves the
  translation as a draft and submits it to the page's review workflow, as the page
  editor's "Submit for review" does. Turning the page back into a copy of the English
  page, or stopping the synchronised translation, stay with people who may publish:
  both change the live Spanish page at once.
- **Approve or request changes.** A moderator who opens a translation waiting for
  their review gets the review's own actions in the translation editor, in place of
  its "Publish" button, which would publish past the review and cancel it without a
  word to the translator.

A draft must stay a draft. wagtail-localize saves a translation by writing it into the
page itself and then taking a revision, so "saving a draft" of a Spanish page that is
already live (every page starts as a live copy of the English one) publishes the
unreviewed text and its new address at once (wagtail-localize issue #655).
``save_translation_draft`` writes the translation into a new revision only; the live
page changes when a moderator approves it.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail import hooks
from wagtail.coreutils import find_available_slug
from wagtail.models import Page
from wagtail_localize.fields import copy_synchronised_fields
from wagtail_localize.models import Translation
from wagtail_localize.segments.ingest import ingest_segments


@transaction.atomic
def save_translation_draft(translation, user):
    """Save ``translation`` as a new revision of its page, leaving the live page as it is.

    Returns the page. Raises ``ValidationError`` when the translated page would not be
    valid (a statement translated past its length limit, say).
    """
    page = translation.get_target_instance()
    if page is None:
        # Never made yet: wagtail-localize creates it, as a page nobody can see.
        translation.save_target(user=user, publish=False)
        return translation.get_target_instance()
    source = translation.source
    original = source.as_instance()
    if page.alias_of_id:
        # Still a live copy of the English page: it becomes a page of its own, as
        # wagtail-localize does it, still showing the English text until approved.
        page.alias_of_id = None
        page.save(update_fields=["alias_of_id"], clean=False)
        page.save_revision(user=user, changed=False, clean=False)
    draft = page.get_latest_revision_as_object()
    copy_synchronised_fields(original, draft)
    segments = source._get_segments_for_translation(translation.target_locale, fallback=True)
    ingest_segments(original, draft, source.locale, translation.target_locale, segments)
    draft.slug = find_available_slug(page.get_parent(), slugify(draft.slug), ignore_page_id=page.pk)
    # A revision: the page's own row keeps its live content, title and address.
    draft.save_revision(user=user)
    source.sync_view_restrictions(original, page)
    page.refresh_from_db()
    return page


def review_waiting_for(user, page):
    """The review task of ``page`` that ``user`` may act on now, or None."""
    state = page.current_workflow_state
    task_state = state.current_task_state if state else None
    if task_state is None:
        return None
    actions = {name for name, _label, _data in task_state.task.specific.get_actions(page, user)}
    return task_state if {"approve", "reject"} <= actions else None


def _say_what_is_invalid(request, error):
    problems = "; ".join(
        f"{field}: {' '.join(messages_)}" for field, messages_ in error.message_dict.items()
    ) if hasattr(error, "error_dict") else " ".join(error.messages)  # fmt: skip
    messages.error(
        request,
        _("The translation could not be saved: %(problems)s. Correct it and try again.")
        % {"problems": problems},
    )


@require_POST
def submit_translation_for_review(request, translation_id):
    """Save the translation as a draft of the Spanish page and start its review."""
    translation = get_object_or_404(Translation, pk=translation_id, enabled=True)
    page = translation.get_target_instance()
    if not isinstance(page, Page) or not page.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    edit_url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    workflow = page.get_workflow()
    if workflow is None:
        messages.error(request, _("This page has no review workflow: ask a moderator to publish."))
        return redirect(edit_url)
    if page.workflow_in_progress:
        messages.warning(request, _("This translation is already waiting for review."))
        return redirect(edit_url)
    try:
        page = save_translation_draft(translation, request.user)
    except ValidationError as error:
        _say_what_is_invalid(request, error)
        return redirect(edit_url)
    workflow.start(page, request.user)
    messages.success(
        request,
        _("Submitted '%(title)s' for review. A moderator will check and publish it.")
        % {"title": page.get_admin_display_title()},
    )
    return redirect(edit_url)


@require_POST
def review_translation(request, translation_id, action):
    """A moderator approves and publishes a translation, or requests changes to it.

    Approval saves the translation as it stands first: Wagtail publishes the latest
    revision, and the moderator may have corrected a segment while reading.
    """
    if action not in ("approve", "reject"):
        raise Http404
    translation = get_object_or_404(Translation, pk=translation_id, enabled=True)
    page = translation.get_target_instance()
    task_state = review_waiting_for(request.user, page) if isinstance(page, Page) else None
    if task_state is None:
        raise PermissionDenied
    edit_url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    # (A NUL byte cannot be stored in PostgreSQL text; nobody types one on purpose.)
    comment = request.POST.get("comment", "").replace("\x00", "").strip()
    title = page.get_admin_display_title()
    task = task_state.task.specific
    if action == "reject":
        if not comment:
            messages.error(request, _("Say what to change: the translator gets your comment."))
            return redirect(edit_url)
        task.on_action(task_state, request.user, "reject", comment=comment)
        messages.success(
            request,
            _("Changes requested to '%(title)s'. The translator is emailed your comment.")
            % {"title": title},
        )
        return redirect(edit_url)
    try:
        page = save_translation_draft(translation, request.user)
    except ValidationError as error:
        _say_what_is_invalid(request, error)
        return redirect(edit_url)
    task.on_action(task_state, request.user, "approve", comment=comment)
    messages.success(
        request,
        _("'%(title)s' is approved and published.") % {"title": page.get_admin_display_title()},
    )
    return redirect(edit_url)


@hooks.register("register_admin_urls")
def translation_review_urls():
    return [
        path(
            "translations/<int:translation_id>/submit-for-review/",
            submit_translation_for_review,
            name="submit_translation_for_review",
        ),
        path(
            "translations/<int:translation_id>/review/<str:action>/",
            review_translation,
            name="review_translation",
        ),
    ]
