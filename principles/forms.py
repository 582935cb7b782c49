"""The admin form of a principle page."""

from django.utils.translation import gettext_lazy as _

from site_core.forms import LocaleScopedPageForm

from .keys import validate_key


class PrinciplePageForm(LocaleScopedPageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "key" in self.fields:
            key = self.fields["key"]
            if self.instance.first_published_at:
                # Published: partners' links depend on it. A disabled field ignores posts.
                key.disabled = True
                key.help_text = _(
                    "Fixed since this principle was first published; links such as "
                    "/p/%(key)s/ depend on it."
                ) % {"key": self.instance.key}
            else:
                key.validators.append(validate_key)

    def clean(self):
        cleaned = super().clean()
        number = cleaned.get("number")
        parent = self.parent_page
        if number is not None and parent is not None:
            taken = (
                type(self.instance)
                .objects.child_of(parent)
                .filter(number=number)
                .exclude(pk=self.instance.pk)
            )
            if taken.exists():
                self.add_error(
                    "number",
                    _(
                        "Principle %(number)s already exists here: '%(title)s'. Choose another number."
                    )
                    % {"number": number, "title": taken.first().title},
                )
        return cleaned
