"""The "Review before publishing" workflow: Moderators approve, on every page.

Hand-written. Wagtail's migrations made a "Moderators approval" workflow on the
root of the tree; it becomes "Review before publishing" (its task "Moderators
review", for the Moderators group), so pages already in review keep their place.
Where no such workflow exists, one is made. Assigned at the root, it covers
principles and reflections in every language, their translations included, and a
language added later. See ``site_core/staff/roles.py``.

Idempotent; reversing it gives the workflow and its task Wagtail's names back.
"""

from django.db import migrations

from site_core.staff.roles import REVIEW_TASK, REVIEW_WORKFLOW

WAGTAIL_DEFAULT = "Moderators approval"  # the name Wagtail's migration 0048 gives both


def _review_workflow(apps, name, fallback):
    Workflow = apps.get_model("wagtailcore", "Workflow")
    workflow = (
        Workflow.objects.filter(name=name).first() or Workflow.objects.filter(name=fallback).first()
    )
    return workflow or Workflow.objects.create(name=name, active=True)


def _approval_task(apps, workflow, name):
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    task_ids = WorkflowTask.objects.filter(workflow=workflow).values("task_id")
    task = GroupApprovalTask.objects.filter(pk__in=task_ids).order_by("pk").first()
    if task is None:
        content_type = apps.get_model("contenttypes", "ContentType").objects.get_or_create(
            app_label="wagtailcore", model="groupapprovaltask"
        )[0]
        task = GroupApprovalTask.objects.create(name=name, active=True, content_type=content_type)
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    return task


def set_up_review(apps, schema_editor):
    workflow = _review_workflow(apps, REVIEW_WORKFLOW, WAGTAIL_DEFAULT)
    workflow.name, workflow.active = REVIEW_WORKFLOW, True
    workflow.save()
    task = _approval_task(apps, workflow, REVIEW_TASK)
    task.name, task.active = REVIEW_TASK, True
    task.save()
    task.groups.set([apps.get_model("auth", "Group").objects.get(name="Moderators")])
    root = apps.get_model("wagtailcore", "Page").objects.get(depth=1)
    apps.get_model("wagtailcore", "WorkflowPage").objects.update_or_create(
        page=root, defaults={"workflow": workflow}
    )


def restore_wagtail_names(apps, schema_editor):
    workflows = apps.get_model("wagtailcore", "Workflow").objects.filter(name=REVIEW_WORKFLOW)
    for workflow in workflows:
        workflow.name = WAGTAIL_DEFAULT
        workflow.save()
        task = _approval_task(apps, workflow, WAGTAIL_DEFAULT)
        task.name = WAGTAIL_DEFAULT
        task.save()


class Migration(migrations.Migration):
    dependencies = [
        ("site_core", "0008_staff_roles"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(set_up_review, restore_wagtail_names)]
