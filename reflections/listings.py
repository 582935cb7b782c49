"""What reflections contribute to pages of models below them (see site_core.listings)."""

from django.db.models import Count, F, Q

from site_core.listings import register

from .models import ReflectionPage, ReflectionResponse


@register("principles.PrinciplePage", "reflections")
def reflections_for_principle(principle, locale):
    """Staff's curated picks first, in their order, then reflections naming it: each once."""
    curated_ids = list(principle.related_reflections.values_list("reflection_id", flat=True))
    reflections = list(
        ReflectionPage.list_queryset()
        .filter(
            Q(pk__in=curated_ids)
            | Q(locale=locale, principles__translation_key=principle.translation_key)
        )
        .distinct()
    )
    rank = {pk: position for position, pk in enumerate(curated_ids)}
    return sorted(reflections, key=lambda page: rank.get(page.pk, len(rank)))


@register("principles.Theme", "reflections")
def reflections_for_theme(theme, locale):
    # A semi-join (pk__in) rather than a join: no duplicate rows, so no DISTINCT.
    tagged = ReflectionPage.themes.through.objects.filter(
        theme__translation_key=theme.translation_key
    )
    return ReflectionPage.list_queryset().filter(
        locale=locale, pk__in=tagged.values("reflectionpage_id")
    )


@register("site_core.Contributor", "reflections")
def reflections_by_contributor(contributor, locale):
    return (
        ReflectionPage.list_queryset()
        .filter(
            locale=locale,
            contributor_credits__contributor__translation_key=contributor.translation_key,
        )
        .distinct()
    )


@register("site_core.Contributor", "responses")
def responses_by_contributor(contributor, locale):
    return (
        ReflectionResponse.objects.filter(
            contributor__translation_key=contributor.translation_key,
            reflection__locale=locale,
            reflection__live=True,
        )
        .select_related("reflection")
        .annotate(alias_language=F("reflection__alias_of__locale__language_code"))
        .order_by("-reflection__date", "sort_order")
    )


@register("principles.ThemeIndexPage", "reflection_counts")
def reflection_counts_by_theme(index, locale):
    """Live reflections per theme translation key, in one query."""
    rows = (
        ReflectionPage.objects.live()
        .public()
        .filter(locale=locale)
        .order_by()
        .values("themes__translation_key")
        .annotate(n=Count("id", distinct=True))
    )
    return {row["themes__translation_key"]: row["n"] for row in rows}


@register("site_core.HomePage", "latest_reflections")
def latest_reflections(home, locale):
    return ReflectionPage.list_queryset().filter(locale=locale)[:3]
