"""A permission that Wagtail has no model for: changing content in the source language."""

from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale


class SourceLanguage(Locale):
    """Wagtail's languages, seen as the home of one permission: ``change_source_language``.

    Wagtail gives pages their permissions per part of the tree, so the Spanish pages
    can be opened to translators alone; snippets (themes, contributors) have one set
    of permissions for every language. This permission says who may change a
    snippet in the source language (English): editors, moderators and administrators
    hold it, translators do not. ``site_core.staff.roles`` enforces it in the admin.

    A proxy: no table of its own, and nothing reads languages through it.
    """

    class Meta:
        proxy = True
        default_permissions = ()
        # Stored in the database as written, like Django's own "Can add …" names.
        permissions = [("change_source_language", "Can change content in the source language")]
        verbose_name = _("content in the source language")
        verbose_name_plural = _("content in the source language")
