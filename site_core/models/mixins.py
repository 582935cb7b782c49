"""Mixins that keep the snippet and page classes short."""

from django.core.exceptions import ValidationError
from django.db import models
from django.dispatch import Signal
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.redirects.models import Redirect
from wagtail.coreutils import string_to_ascii
from wagtail.models import DraftStateMixin

from site_core import memo
from site_core.visibility import is_visible, visible

# Sent after a slugged snippet is saved with a new slug: ``sender`` is its model,
# ``instance`` the item and ``old_slug`` the slug its public URL used to have.
# The pages that serve snippets publicly listen, to leave a redirect behind.
slug_changed = Signal()


def slug_from(text):
    """``text`` as a web address part: plain letters, digits and hyphens.

    Letters are transliterated rather than dropped ("listen first café ñ" →
    ``listen-first-cafe-n``, "Straße" → ``strasse``), as the admin's own script does
    when it makes a slug from a title; Django's ``slugify`` alone would drop what
    it cannot decompose.
    """
    return slugify(string_to_ascii(text or ""))


class SluggedSnippetMixin(models.Model):
    """A translatable snippet with a slug that is unique within its locale.

    Staff may leave the slug blank: it is made from the name, with a number
    added when another item in the same language already has it. A slug typed
    with accents or spaces is transliterated by the admin form (``slug_from``).
    """

    slug_source_field = "name"

    slug = models.SlugField(
        max_length=80,
        blank=True,
        help_text=_(
            "The last part of this item's web address, e.g. 'mutual-aid'. Leave blank to make "
            "it from the name. Changing it later changes the address, so avoid that once "
            "people link to it."
        ),
    )

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self._fill_slug()
        update_fields = kwargs.get("update_fields")
        # Saving a draft revision writes a few bookkeeping fields only: the slug the
        # public sees changes when the row's slug does, on publication.
        writes_slug = update_fields is None or "slug" in update_fields
        old_slug = self._public_slug() if writes_slug else None
        super().save(*args, **kwargs)
        if old_slug and old_slug != self.slug:
            slug_changed.send(sender=type(self), instance=self, old_slug=old_slug)

    def _public_slug(self):
        """The slug of the item's public address before this save; None when it has none.

        An item with drafts that is not live has no public address, so changing its
        slug leaves no redirect from an address nobody could visit.
        """
        if not self.pk:
            return None
        stored = type(self).objects.filter(pk=self.pk)
        if isinstance(self, DraftStateMixin):
            stored = stored.filter(live=True)
        return stored.values_list("slug", flat=True).first()

    def _fill_slug(self):
        if self.slug:
            return
        base = slug_from(getattr(self, self.slug_source_field))[:70] or "item"
        siblings = type(self).objects.filter(locale_id=self.locale_id).exclude(pk=self.pk)
        candidate, n = base, 2
        while siblings.filter(slug=candidate).exists():
            candidate, n = f"{base}-{n}", n + 1
        self.slug = candidate

    def clean(self):
        super().clean()
        if self.slug and self.locale_id:
            taken = type(self).objects.filter(locale_id=self.locale_id, slug=self.slug)
            if taken.exclude(pk=self.pk).exists():
                # The form has no locale field, so Django's own constraint check skips this.
                raise ValidationError(
                    {"slug": _("Another item in this language already uses this slug.")}
                )
        self._fill_slug()


class SnippetIndexPageMixin:
    """For a RoutablePage that lists one snippet model and serves each item at ``<slug>/``.

    ``snippet_model`` names the model it serves. The page is the one home of its
    items' public URLs: ``url_of(item)``.
    """

    snippet_model = None

    @classmethod
    def for_locale(cls, locale_id):
        """The live index page of a locale (kept in the memo: every publish or move renews it)."""
        # At most one index page per locale (max_count_per_parent = 1 under each home).
        return memo.remember(
            ("index-page", cls.__name__, locale_id),
            lambda: visible(cls.objects.filter(locale_id=locale_id)).order_by("path").first(),
        )

    @classmethod
    def url_of(cls, item, request=None, full=False):
        """The public URL of ``item``, or None.

        None when the public may not see the item, or its language has no live index page.
        """
        if not is_visible(item):
            return None
        index = cls.for_locale(item.locale_id)
        if index is None:
            return None
        base = index.get_full_url(request) if full else index.get_url(request)
        if base is None:
            return None
        return base + index.reverse_subpage("detail", kwargs={"slug": item.slug})

    @classmethod
    def redirect_old_slug(cls, item, old_slug):
        """Keep an item's old public URL working after its slug changed.

        The redirect points at the index page and the new route, so it follows the
        index page if that is renamed or moved too; redirects made by earlier renames
        are pointed at the new slug so none of them ends at a dead route.
        """
        index = cls.for_locale(item.locale_id)
        if index is None:
            return
        old_route = index.reverse_subpage("detail", kwargs={"slug": old_slug})
        new_route = index.reverse_subpage("detail", kwargs={"slug": item.slug})
        Redirect.objects.filter(
            redirect_page=index, redirect_page_route_path=f"/{old_route}"
        ).update(redirect_page_route_path=f"/{new_route}")
        site_id, _root_url, index_path = index.get_url_parts()
        Redirect.objects.update_or_create(
            old_path=Redirect.normalise_path(index_path + old_route),
            site_id=site_id,
            defaults={
                "redirect_page": index,
                "redirect_page_route_path": f"/{new_route}",
                "is_permanent": True,
            },
        )
