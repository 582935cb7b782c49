"""Words of the pages visible to the public, for "did you mean" suggestions."""

from django.db import models


class SearchTerm(models.Model):
    """One word of one language and how many visible pages use it (lowercase).

    Kept by ``site_core.search.vocabulary`` from ``PageTerms``: a word leaves when
    no visible page uses it any more. Words are never personal data: they come
    from the library's own pages, not from what visitors type.
    """

    language = models.CharField(max_length=8)
    term = models.CharField(max_length=60)
    frequency = models.PositiveIntegerField(default=1)  # visible pages using it

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["language", "term"], name="unique_term_per_language")
        ]

    def __str__(self):
        return f"{self.term} ({self.language})"


class PageTerms(models.Model):
    """The words one page adds to the vocabulary now (none while it is not visible).

    Remembering them is what lets a page take its words back when it is
    unpublished, restricted, moved under a restricted page or deleted. ``page_id``
    is a plain number, not a foreign key, so the row outlives the page's deletion
    long enough to withdraw its words.
    """

    page_id = models.BigIntegerField(unique=True)
    language = models.CharField(max_length=8)
    terms = models.TextField(blank=True)  # space-separated, sorted

    def __str__(self):
        return f"page {self.page_id} ({self.language})"
