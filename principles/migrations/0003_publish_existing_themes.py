"""Themes already on the site stay public: each becomes live, with a first revision.

Before drafts existed every theme was public, so each is marked live and given a
first revision, published now, with a "Published" entry in its history: staff
can then compare later drafts with it. Idempotent: a theme that already has a
revision is left alone. Reversing leaves the revisions as history (removing the
publishing fields, the step before, removes the state itself).
"""

from django.db import migrations
from django.utils import timezone
from modelcluster.models import get_serializable_data_for_fields


def publish_existing(apps, schema_editor):
    Theme = apps.get_model("principles", "Theme")
    ContentType = apps.get_model("contenttypes", "ContentType")
    Revision = apps.get_model("wagtailcore", "Revision")
    ModelLogEntry = apps.get_model("wagtailcore", "ModelLogEntry")
    content_type, _ = ContentType.objects.get_or_create(app_label="principles", model="theme")
    now = timezone.now()
    for item in Theme.objects.filter(latest_revision__isnull=True):
        item.live, item.has_unpublished_changes, item.expired = True, False, False
        item.first_published_at = item.first_published_at or now
        item.last_published_at = now
        revision = Revision.objects.create(
            content_type=content_type,
            base_content_type=content_type,
            object_id=str(item.pk),
            created_at=now,
            object_str=item.name,
            content=get_serializable_data_for_fields(item),
        )
        item.latest_revision = item.live_revision = revision
        item.save(
            update_fields=[
                "live",
                "has_unpublished_changes",
                "expired",
                "first_published_at",
                "last_published_at",
                "latest_revision",
                "live_revision",
            ]
        )
        ModelLogEntry.objects.create(
            content_type=content_type,
            label=item.name[:255],
            action="wagtail.publish",
            timestamp=now,
            object_id=str(item.pk),
            revision=revision,
            content_changed=True,
        )


class Migration(migrations.Migration):
    dependencies = [
        ("principles", "0002_snippet_drafts"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(publish_existing, migrations.RunPython.noop)]
