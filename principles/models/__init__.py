"""Principles, their wording history and the themes that group them."""

from .credits import PrincipleContributor
from .history import PrincipleWording
from .principles import PrincipleCard, PrincipleIndexPage, PrinciplePage
from .themes import Theme, themes_by_page

__all__ = [
    "PrincipleCard",
    "PrincipleContributor",
    "PrincipleIndexPage",
    "PrinciplePage",
    "PrincipleWording",
    "Theme",
    "themes_by_page",
]
