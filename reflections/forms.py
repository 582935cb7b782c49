"""The admin form of a reflection page."""

from site_core.forms import LocaleScopedPageForm


class ReflectionPageForm(LocaleScopedPageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "principles" in self.fields:
            # Principles are ticked by number, the way staff know them ("4. Cycles").
            self.fields["principles"].queryset = self.fields["principles"].queryset.order_by(
                "number"
            )
            self.fields["principles"].label_from_instance = str
