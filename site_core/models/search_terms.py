"""Words that appear in published pages, for "did you mean" suggestions."""

from django.db import models


class SearchTerm(models.Model):
    """One word of one language, as written in published content (lowercase).

    Filled when pages are published (see site_core.search.vocabulary); words are
    never personal data: they come from the library's own pages, not from queries.
    """

    language = models.CharField(max_length=8)
    term = models.CharField(max_length=60)
    frequency = models.PositiveIntegerField(default=1)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["language", "term"], name="unique_term_per_language")
        ]

    def __str__(self):
        return f"{self.term} ({self.language})"
