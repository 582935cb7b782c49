"""Credits: the people who shaped a principle, in the order to credit them."""

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.models import Orderable, TranslatableMixin
from wagtail_localize.fields import SynchronizedField

from .principles import PrinciplePage


class PrincipleContributor(TranslatableMixin, Orderable):
    """A credit: a contributor who shaped a principle.

    Translatable, so that wagtail-localize offers the credit's note ("first draft")
    for translation with the page; the person stays the same in every language (the
    page shows their version in the reader's language, see ``PrinciplePage.credits``).
    """

    page = ParentalKey(PrinciplePage, on_delete=models.CASCADE, related_name="contributor_credits")
    contributor = models.ForeignKey(
        "site_core.Contributor",
        on_delete=models.CASCADE,
        related_name="principle_credits",
        help_text=_("Choose the person to credit."),
    )
    note = models.CharField(
        max_length=120,
        blank=True,
        help_text=_("Optional, e.g. 'first draft' or 'review'."),
    )

    panels = [FieldPanel("contributor", widget=forms.Select), FieldPanel("note")]
    api_fields = [APIField("contributor"), APIField("note")]
    override_translatable_fields = [SynchronizedField("contributor")]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("credited contributor")
