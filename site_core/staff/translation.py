"""Translations that hold together, and translators who can finish their work.

- **Cascades.** Deleting, moving or unpublishing an English page acts on its Spanish
  versions too, and Wagtail's confirmation screens say so ("It will also delete 1
  translation"). Wagtail asks the ``construct_translated_pages_to_cascade_actions``
  hook which pages those are; wagtail-localize does not answer it, so a deleted
  principle used to leave its Spanish page live. Only a source-language page
  cascades: deleting a Spanish translation leaves the English page alone.
- **Review.** wagtail-localize's translation editor can only publish. For someone who
  may edit a translation but not publish it (editors, translators), its buttons are
  replaced by one that saves the translation as a draft and submits it to the page's
  review workflow, as the page editor's "Submit for review" does; a moderator then
  approves and publishes it. Turning the page back into a copy of the English page, or
  stopping the synchronised translation, stay with people who may publish: both change
  the live Spanish page at once.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail import hooks
from wagtail.models import Locale, Page
from wagtail_localize.models import Translation


@hooks.register("construct_translated_pages_to_cascade_actions")
def cascade_to_translations(pages, action):
    """The other language versions an action on a source-language page must act on too."""
    default = Locale.get_default()
    cascade = {}
    for page in pages:
        if page.locale_id != default.pk:
            continue
        others = Page.objects.translation_of(page, inclusive=False)
        if action == "unpublish":
            others = others.live()
        cascade[page] = others
    return cascade


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
    translation.save_target(user=request.user, publish=False)
    page.refresh_from_db()
    workflow.start(page, request.user)
    messages.success(
        request,
        _("Submitted '%(title)s' for review. A moderator will check and publish it.")
        % {"title": page.get_admin_display_title()},
    )
    return redirect(edit_url)


@hooks.register("register_admin_urls")
def translation_review_urls():
    return [
        path(
            "translations/<int:translation_id>/submit-for-review/",
            submit_translation_for_review,
            name="submit_translation_for_review",
        )
    ]
