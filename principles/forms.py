"""The admin form of a principle page, and how it shows the permanent key."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel

from site_core.forms import LocaleScopedPageForm


class KeyPanel(FieldPanel):
    """The permanent key, shown but never a box to type in.

    The key is made when the principle is first saved (``PrinciplePage.save``) and
    never changes, so staff only need to see it, with words that say which of the
    three moments they are at: not made yet, made, fixed by publication.
    """

    def __init__(self, field_name="key", **kwargs):
        kwargs["read_only"] = True
        super().__init__(field_name, **kwargs)

    def format_value_for_display(self, value):
        return value or _("Made when you first save")

    class BoundPanel(FieldPanel.BoundPanel):
        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            page = self.instance
            if page is None:
                return
            if page.first_published_at:
                self.help_text = _(
                    "Fixed since this principle was first published; links such as "
                    "/p/%(key)s/ depend on it."
                ) % {"key": page.key}
            elif page.key:
                self.help_text = _(
                    "Made automatically. Its permanent link will be /p/%(key)s/, and it "
                    "never changes."
                ) % {"key": page.key}
            else:
                self.help_text = _(
                    "A short code for this principle's permanent link is made when you "
                    "first save. It never changes."
                )


class PrinciplePageForm(LocaleScopedPageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "number" in self.fields:
            # The number box's arrows start at 1, as the numbering does.
            self.fields["number"].widget.attrs["min"] = "1"

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
