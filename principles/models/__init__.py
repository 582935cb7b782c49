"""Principles and the themes that group them."""

from .principles import (
    PrincipleContributor,
    PrincipleIndexPage,
    PrinciplePage,
    PrincipleRelatedReflection,
)
from .themes import Theme, ThemeIndexPage

__all__ = [
    "PrincipleContributor",
    "PrincipleIndexPage",
    "PrinciplePage",
    "PrincipleRelatedReflection",
    "Theme",
    "ThemeIndexPage",
]
