"""Themes and contributors go through "Review before publishing" too.

Hand-written. With drafts (``PublishedSnippetMixin``), an editor's change to a theme
or a contributor waits for a moderator, as a page's does: the same workflow is
assigned to both snippet models. Idempotent; reversing it unassigns them.
"""

from django.db import migrations

from site_core.staff.roles import REVIEW_WORKFLOW

SNIPPETS = [("principles", "theme"), ("site_core", "contributor")]


def assign(apps, schema_editor):
    workflow = apps.get_model("wagtailcore", "Workflow").objects.get(name=REVIEW_WORKFLOW)
    ContentType = apps.get_model("contenttypes", "ContentType")
    WorkflowContentType = apps.get_model("wagtailcore", "WorkflowContentType")
    for app_label, model in SNIPPETS:
        content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
        WorkflowContentType.objects.update_or_create(
            content_type=content_type, defaults={"workflow": workflow}
        )


def unassign(apps, schema_editor):
    WorkflowContentType = apps.get_model("wagtailcore", "WorkflowContentType")
    WorkflowContentType.objects.filter(
        content_type__app_label__in=[app for app, _model in SNIPPETS],
        content_type__model__in=[model for _app, model in SNIPPETS],
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("site_core", "0009_review_workflow"),
        ("principles", "0005_principle_number_from_one_key_help"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(assign, unassign)]
