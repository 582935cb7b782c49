"""Mixins that keep the snippet and page classes short."""

from django.core.exceptions import ValidationError
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import models
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.redirects.models import Redirect


class SluggedSnippetMixin(models.Model):
    """A translatable snippet with a slug that is unique within its locale.

    Staff may leave the slug blank: it is made from the name, with a number
    added when another item in the same language already has it.
    """

    slug_source_field = "name"
    index_page_model = None  # the RoutablePage that serves this snippet publicly

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
        old_slug = (
            type(self).objects.filter(pk=self.pk).values_list("slug", flat=True).first()
            if self.pk
            else None
        )
        super().save(*args, **kwargs)
        if old_slug and old_slug != self.slug:
            self._redirect_old_slug(old_slug)

    def _redirect_old_slug(self, old_slug):
        """Keep the old public URL working after a slug change (Wagtail only does pages).

        The redirect points at the index page and the new route, so it follows the
        index page if that is renamed or moved too; redirects made by earlier renames
        are pointed at the new slug so none of them ends at a dead route.
        """
        index = self.index_page_model.for_locale(self.locale_id)
        if index is None:
            return
        old_route = index.reverse_subpage("detail", kwargs={"slug": old_slug})
        new_route = index.reverse_subpage("detail", kwargs={"slug": self.slug})
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

    def _fill_slug(self):
        if self.slug:
            return
        base = slugify(getattr(self, self.slug_source_field))[:70] or "item"
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

    def get_url(self, request=None):
        """The public page of this item, or None when its index page is not published."""
        index = self.index_page_model.for_locale(self.locale_id, request)
        if index is None:
            return None
        return index.get_url(request) + index.reverse_subpage("detail", kwargs={"slug": self.slug})

    @property
    def url(self):
        return self.get_url()


class SnippetIndexPageMixin:
    """For a RoutablePage that lists one snippet model and serves each at ``<slug>/``."""

    @classmethod
    def for_locale(cls, locale_id, request=None):
        """The live index page of a locale, looked up once per request."""
        cache = None
        if request is not None:
            cache = request.__dict__.setdefault("_index_pages", {})
            if (cls, locale_id) in cache:
                return cache[(cls, locale_id)]
        # At most one index page per locale (max_count_per_parent = 1 under each home).
        page = cls.objects.live().filter(locale_id=locale_id).order_by("path").first()
        if cache is not None:
            cache[(cls, locale_id)] = page
        return page


def paginate(request, items, per_page):
    """A page of ``items``; a bad or out-of-range ``?page=`` gives the nearest page."""
    paginator = Paginator(items, per_page)
    raw = request.GET.get("page", "1")
    try:
        return paginator.page(raw)
    except PageNotAnInteger:
        return paginator.page(1)
    except EmptyPage:
        return paginator.page(paginator.num_pages if int(raw) > 1 else 1)
