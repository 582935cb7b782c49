"""Reflections, and the pages that gather from principles and reflections alike."""

from .directories import ContributorIndexPage, ThemeIndexPage, public_url
from .home import HomePage, HomePageFeaturedPrinciple
from .reflections import (
    PrincipleRelatedReflection,
    ReflectionContributor,
    ReflectionIndexPage,
    ReflectionPage,
    ReflectionResponse,
)

__all__ = [
    "ContributorIndexPage",
    "HomePage",
    "HomePageFeaturedPrinciple",
    "PrincipleRelatedReflection",
    "ReflectionContributor",
    "ReflectionIndexPage",
    "ReflectionPage",
    "ReflectionResponse",
    "ThemeIndexPage",
    "public_url",
]
