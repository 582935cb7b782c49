"""The wording history of a principle: what visitors read, publication by publication.

A publication counts when it changed what visitors read (title, statement or
body); publishing again to fix a theme or a credit leaves the wording as it was.
Each counted publication is kept as a ``PrincipleWording`` row when it happens
(``record_wording``), so a page's history, its "last revised" date and the same
date for every principle of a download each cost one query.

"Last revised" means one thing everywhere (page, citation, downloads, API): the
date of the last publication that changed the wording. An untranslated copy
(an alias) shows its source's words, so it shows its source's history; a
translation's history starts at its own first publication.
"""

import hashlib
import json

from django.db import models
from django.db.models import Func
from django.db.models.functions import Coalesce
from django.utils import timezone


class PrincipleWording(models.Model):
    """What a principle said from one publication until the next that changed it."""

    page = models.ForeignKey(
        "principles.PrinciplePage", on_delete=models.CASCADE, related_name="wordings"
    )
    published_at = models.DateTimeField()
    title = models.CharField(max_length=255)
    statement = models.TextField()
    fingerprint = models.CharField(max_length=64)  # of title, statement and body

    class Meta:
        ordering = ["published_at", "pk"]
        indexes = [models.Index(fields=["page", "published_at"])]

    def __str__(self):
        return f"{self.title} ({self.published_at:%Y-%m-%d})"


def fingerprint(page):
    """A digest of what visitors read: equal digests mean an unchanged wording.

    Block ids are left out: the editor may renumber blocks without changing a word.
    """
    wording = [page.title, page.statement, _without_ids(list(page.body.raw_data))]
    return hashlib.sha256(json.dumps(wording, sort_keys=True).encode()).hexdigest()


def _without_ids(value):
    if isinstance(value, dict):
        return {key: _without_ids(item) for key, item in value.items() if key != "id"}
    if isinstance(value, list):
        return [_without_ids(item) for item in value]
    return value


def record_wording(sender, instance, **kwargs):
    """``page_published`` handler: keep the wording when this publication changed it.

    Two queries per publication of a principle: the last wording, and a new row
    when the wording changed. Untranslated copies keep no history of their own.
    """
    page = instance
    if page.alias_of_id:
        return
    digest = fingerprint(page)
    last = page.wordings.order_by("-published_at", "-pk").values_list("fingerprint", flat=True)
    if last.first() == digest:
        return
    PrincipleWording.objects.create(
        page=page,
        published_at=page.last_published_at or timezone.now(),
        title=page.title,
        statement=page.statement,
        fingerprint=digest,
    )


def wording_history(page):
    """Every published wording of ``page``, oldest first (one query)."""
    return list(PrincipleWording.objects.filter(page_id=page.alias_of_id or page.pk))


class _WordingTime(Func):
    """The first (``MIN``) or last (``MAX``) publication time of a principle's wordings.

    ``(SELECT MIN(published_at) FROM wordings WHERE page_id = <the page's source or itself>)``:
    the same value as a ``Subquery`` ordered and cut to one row, but a ``Subquery`` costs
    several times more to build and compile than the query costs to run, and every
    principle page is served with two of them.
    """

    arity = 1
    output_field = models.DateTimeField()

    def as_sql(self, compiler, connection, **extra_context):
        meta, quote = PrincipleWording._meta, connection.ops.quote_name
        table = quote(meta.db_table)
        time = f"{table}.{quote(meta.get_field('published_at').column)}"
        page = f"{table}.{quote(meta.get_field('page').column)}"
        # Only the model's own table and column names go in: nothing from a request.
        template = f"(SELECT %(function)s({time}) FROM {table} WHERE {page} = %(expressions)s)"  # noqa: S608
        return super().as_sql(compiler, connection, template=template, **extra_context)


def _wording_time(function):
    source = Coalesce("alias_of_id", "pk", output_field=models.IntegerField())
    return _WordingTime(source, function=function)


def with_wording_dates(principles):
    """Annotate ``first_published_wording`` and ``last_revised`` (datetimes), in the same query."""
    return principles.annotate(
        first_published_wording=Coalesce(_wording_time("MIN"), "first_published_at"),
        last_revised=Coalesce(_wording_time("MAX"), "last_published_at"),
    )
