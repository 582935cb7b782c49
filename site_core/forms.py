"""Admin forms shared by page types, and how the admin edits slugs and plain text."""

from django import forms
from django.conf import settings
from django.db import models
from django.utils.text import slugify
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.forms.models import register_form_field_override
from wagtail.admin.widgets import AdminAutoHeightTextInput, SlugInput
from wagtail.models import TranslatableMixin

from site_core.models.mixins import slug_from


class TypedSlugInput(SlugInput):
    """Wagtail's slug box, minus its clean-up when the box loses focus.

    That clean-up drops every letter outside a-z ("café ñ" → ``caf-``) before the
    editor saves. Here what staff type stays as typed until they save; the form
    field then transliterates it and the editor is told the slug it was saved as
    (``site_core.staff.editing``). Making a slug from the title, as you type it,
    still transliterates (Wagtail's ``urlify``).
    """

    def __init__(self, attrs=None, **kwargs):
        attrs = {
            "data-action": "w-sync:check->w-slug#compare w-sync:apply->w-slug#urlify:prevent",
            **(attrs or {}),
        }
        super().__init__(attrs, **kwargs)


class TransliteratedSlugField(forms.SlugField):
    """A slug typed as words is made into one ("Listen first café" → ``listen-first-cafe``).

    Refusing it would make staff guess which characters a web address accepts.
    """

    def to_python(self, value):
        value = super().to_python(value)
        if not value:
            return value
        if getattr(settings, "WAGTAIL_ALLOW_UNICODE_SLUGS", True):
            return slugify(value, allow_unicode=True)
        return slug_from(value)


class PlainTextField(forms.CharField):
    """Multi-line plain text, with each line break counted as one character.

    Browsers send a line break as two characters (CR LF); the editor's length
    counter, like the person typing, counts one. Storing one character per line
    break keeps the limit the counter shows the same as the limit the form enforces.
    """

    def to_python(self, value):
        value = super().to_python(value)
        return value.replace("\r\n", "\n") if isinstance(value, str) else value


# Every admin form (pages, snippets, settings) gets these. Registered at import, which
# the page models' forms trigger, so before any admin form class is built.
register_form_field_override(
    models.SlugField, override={"widget": TypedSlugInput, "form_class": TransliteratedSlugField}
)
register_form_field_override(
    models.TextField,
    override={"widget": AdminAutoHeightTextInput, "form_class": PlainTextField},
    exact_class=True,  # as Wagtail's own: not RichTextField
)


def scope_choices_to_locale(form, locale_id):
    """Limit every choice of a translatable model on ``form`` to one locale.

    Wagtail lists every language's copy of a snippet or page in a choice list;
    an editor working on an English page must only be offered English themes,
    contributors and principles.
    """
    for field in form.fields.values():
        queryset = getattr(field, "queryset", None)
        if queryset is not None and issubclass(queryset.model, TranslatableMixin):
            field.queryset = queryset.filter(locale_id=locale_id)


class LocaleScopedPageForm(WagtailAdminPageForm):
    """Page form whose choices, including those in inline panels, match the page's locale."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        locale_id = self.instance.locale_id
        if not locale_id:
            return
        scope_choices_to_locale(self, locale_id)
        for formset in self.formsets.values():
            # Child forms, including the blank one an "Add" button copies, are built from
            # formset.form; give this formset a class that scopes every form it builds.
            formset.form = _scoped_form_class(formset.form, locale_id)
            for child_form in formset.__dict__.get("forms", []):
                scope_choices_to_locale(child_form, locale_id)


def _scoped_form_class(form_class, locale_id):
    class ScopedForm(form_class):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            scope_choices_to_locale(self, locale_id)

    ScopedForm.__name__ = form_class.__name__
    return ScopedForm
