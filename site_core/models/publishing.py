"""Drafts, history, review and publishing for the snippets that feed public pages."""

from django.db import models
from wagtail.models import DraftStateMixin, LockableMixin, RevisionMixin, WorkflowMixin


class PublishedSnippetMixin(
    WorkflowMixin, DraftStateMixin, LockableMixin, RevisionMixin, models.Model
):
    """A snippet that staff change as drafts and that goes live only when published.

    Wagtail's own mixins, as for pages: an editor's change is saved as a revision
    and the public keeps seeing the published version until someone allowed to
    publish publishes it (or approves it, when a workflow is assigned to the
    model); the history lists every revision and compares any two. The database
    row holds the published version (before the first publication, the draft,
    then hidden because it is not live): ``site_core.visibility`` is the rule.
    """

    # A translation starts a history of its own: wagtail-localize copies the
    # source item, and these would otherwise point at the source's revisions,
    # claim its publication dates or carry its lock.
    default_exclude_fields_in_copy = [
        "latest_revision",
        "live_revision",
        "has_unpublished_changes",
        "first_published_at",
        "last_published_at",
        "locked",
        "locked_at",
        "locked_by",
    ]

    class Meta:
        abstract = True
