"""site_core models: the pages and snippets every app builds on."""

from .contact import ContactFormField, ContactPage, ContactSubmission
from .contributors import Contributor
from .pages import StandardPage
from .search_terms import PageTerms, SearchTerm
from .site_settings import SiteSettings
from .staff import SourceLanguage

__all__ = [
    "ContactFormField",
    "ContactPage",
    "ContactSubmission",
    "Contributor",
    "PageTerms",
    "SearchTerm",
    "SiteSettings",
    "SourceLanguage",
    "StandardPage",
]
