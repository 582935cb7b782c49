"""Admin forms shared by page types."""

from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.models import TranslatableMixin


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
