"""Translations that hold together, and translators who can finish their work.

- **Cascades.** Deleting, moving or unpublishing an English page acts on its Spanish
  versions too, and Wagtail's confirmation screens say so ("It will also delete 1
  translation"). Wagtail asks the ``construct_translated_pages_to_cascade_actions``
  hook which pages those are; wagtail-localize does not answer it, so a deleted
  principle used to leave its Spanish page live. Only a source-language page
  cascades: deleting a Spanish translation leaves the English page alone.
- **Updates.** wagtail-localize's "Update existing translations" screen offers to
  "Publish immediately" to anyone who may translate. It is offered, and honoured,
  only to people who may publish every translation it would publish. For everyone
  else the update only brings the new English text into the translation editor, and
  the translation then goes through review.

The review of translations (submitting one, approving it) is in ``translation_review``.
"""

from django import forms
from django.urls import path
from wagtail import hooks
from wagtail.models import Locale, Page
from wagtail_localize.views.update_translations import UpdateTranslationsView


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


def may_publish(user, instance):
    """Whether ``user`` may publish ``instance`` (a page, or a snippet with drafts)."""
    if isinstance(instance, Page):
        return instance.permissions_for_user(user).can_publish()
    if hasattr(instance, "live"):
        return user.has_perm(f"{instance._meta.app_label}.publish_{instance._meta.model_name}")
    return True  # a snippet without drafts is public as soon as it is saved


class UpdateTranslationsWithoutBypass(UpdateTranslationsView):
    """wagtail-localize's update screen, whose "Publish immediately" respects publishing rights."""

    def may_publish_every_translation(self):
        targets = (
            translation.get_target_instance()
            for translation in self.object.translations.filter(enabled=True)
        )
        return all(may_publish(self.request.user, target) for target in targets if target)

    def get_form(self):
        form = super().get_form()
        if not self.may_publish_every_translation():
            # Disabled: whatever is posted, the form says False (drafts, then review).
            form.fields["publish_translations"] = forms.BooleanField(
                required=False, disabled=True, widget=forms.HiddenInput
            )
        return form


@hooks.register("register_admin_urls", order=-1)  # before wagtail-localize's own address
def translation_update_url():
    return [
        path(
            "localize/update/<int:translation_source_id>/",
            UpdateTranslationsWithoutBypass.as_view(),
            name="update_translations_reviewed",
        )
    ]
