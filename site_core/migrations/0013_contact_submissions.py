"""Contact messages get a model of their own, which records whether each was mailed.

Messages already stored as Wagtail's FormSubmission on contact pages move into it,
keeping their time, and count as mailed: they were sent when they arrived (the old
form mailed before answering). Going back moves them home again.
"""

import django.core.serializers.json
import django.db.models.deletion
from django.db import migrations, models


def move_to_contact_submissions(apps, schema_editor):
    ContactPage = apps.get_model("site_core", "ContactPage")
    ContactSubmission = apps.get_model("site_core", "ContactSubmission")
    FormSubmission = apps.get_model("wagtailforms", "FormSubmission")
    old = FormSubmission.objects.filter(page_id__in=ContactPage.objects.values("pk"))
    for submission in old.order_by("submit_time", "pk"):
        moved = ContactSubmission.objects.create(
            page_id=submission.page_id,
            form_data=submission.form_data,
            mailed_at=submission.submit_time,
            mail_attempts=1,
        )
        # submit_time is set on create (auto_now_add): put the original time back.
        ContactSubmission.objects.filter(pk=moved.pk).update(submit_time=submission.submit_time)
        submission.delete()


def move_back_to_form_submissions(apps, schema_editor):
    ContactSubmission = apps.get_model("site_core", "ContactSubmission")
    FormSubmission = apps.get_model("wagtailforms", "FormSubmission")
    for submission in ContactSubmission.objects.order_by("submit_time", "pk"):
        moved = FormSubmission.objects.create(
            page_id=submission.page_id, form_data=submission.form_data
        )
        FormSubmission.objects.filter(pk=moved.pk).update(submit_time=submission.submit_time)
    ContactSubmission.objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("site_core", "0012_throttle_cache"),
        ("wagtailforms", "0005_alter_formsubmission_form_data"),
    ]

    operations = [
        migrations.CreateModel(
            name="ContactSubmission",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "form_data",
                    models.JSONField(encoder=django.core.serializers.json.DjangoJSONEncoder),
                ),
                (
                    "submit_time",
                    models.DateTimeField(auto_now_add=True, verbose_name="submit time"),
                ),
                (
                    "nonce",
                    models.CharField(
                        blank=True, editable=False, max_length=64, null=True, unique=True
                    ),
                ),
                ("mailed_at", models.DateTimeField(blank=True, null=True)),
                ("mail_attempts", models.PositiveIntegerField(default=0)),
                ("mail_error", models.TextField(blank=True)),
                (
                    "page",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="contact_submissions",
                        to="site_core.contactpage",
                    ),
                ),
            ],
            options={
                "verbose_name": "contact message",
                "verbose_name_plural": "contact messages",
                "abstract": False,
            },
        ),
        migrations.RunPython(move_to_contact_submissions, move_back_to_form_submissions),
    ]
