"""Credits become translatable, so their notes are offered for translation.

Existing credits get the locale of their page and a translation key of their own,
shared with the same credit on the page's other language versions (matched by
position), as wagtail-localize expects of translated child objects.
"""

import uuid

import django.db.models.deletion
from django.db import migrations, models


def fill(apps, schema_editor):
    PrincipleContributor = apps.get_model("principles", "PrincipleContributor")
    keys = {}  # (page translation key, position) -> credit translation key
    credits = PrincipleContributor.objects.select_related("page").order_by("page_id", "sort_order", "pk")
    positions = {}
    for credit in credits:
        position = positions.get(credit.page_id, 0)
        positions[credit.page_id] = position + 1
        shared = (credit.page.translation_key, position)
        credit.translation_key = keys.setdefault(shared, uuid.uuid4())
        credit.locale_id = credit.page.locale_id
        credit.save(update_fields=["translation_key", "locale"])


class Migration(migrations.Migration):
    dependencies = [
        ("principles", "0003_publish_existing_themes"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.AddField(
            model_name="principlecontributor",
            name="translation_key",
            field=models.UUIDField(editable=False, null=True),
        ),
        migrations.AddField(
            model_name="principlecontributor",
            name="locale",
            field=models.ForeignKey(
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="wagtailcore.locale",
                verbose_name="locale",
            ),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="principlecontributor",
            name="translation_key",
            field=models.UUIDField(default=uuid.uuid4, editable=False),
        ),
        migrations.AlterField(
            model_name="principlecontributor",
            name="locale",
            field=models.ForeignKey(
                editable=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="wagtailcore.locale",
                verbose_name="locale",
            ),
        ),
        migrations.AlterUniqueTogether(
            name="principlecontributor",
            unique_together={("translation_key", "locale")},
        ),
    ]
