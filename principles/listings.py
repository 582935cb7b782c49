"""What principles contribute to pages of models below them (see site_core.listings)."""

from site_core.i18n import with_source_language
from site_core.listings import register

from .models import PrinciplePage


@register("site_core.Contributor", "principles")
def credited_principles(contributor, locale):
    return (
        with_source_language(PrinciplePage.objects.live())
        .public()
        .filter(
            locale=locale,
            contributor_credits__contributor__translation_key=contributor.translation_key,
        )
        .distinct()
        .order_by("number")
    )
