"""Contact form fields become translatable, and translations' submissions join the main page's.

Existing fields get their page's language, and a field shares its translation
key with the field of the same name on the page's other language versions, so
wagtail-localize pairs them. Submissions stored on a translation move to the
page in the site's main language, marked with the language they were sent in;
going back moves them home again. Both steps only touch rows not done yet.
"""

import uuid

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models
from django.utils.text import capfirst
from django.utils.translation import get_language_info

LANGUAGE_KEY = "form_language"  # as site_core.models.contact.LANGUAGE_KEY


def fill_locale_and_translation_key(apps, schema_editor):
    ContactFormField = apps.get_model("site_core", "ContactFormField")
    keys = {}  # (page translation key, clean name) -> field translation key
    fields = ContactFormField.objects.filter(translation_key__isnull=True).select_related("page")
    for field in fields:
        pair = (field.page.translation_key, field.clean_name)
        keys.setdefault(pair, uuid.uuid4())
        field.locale_id = field.page.locale_id
        field.translation_key = keys[pair]
        field.save(update_fields=["locale", "translation_key"])


def main_locale(apps):
    Locale = apps.get_model("wagtailcore", "Locale")
    return Locale.objects.filter(language_code=settings.LANGUAGE_CODE).first()


def move_submissions_to_main_page(apps, schema_editor):
    ContactPage = apps.get_model("site_core", "ContactPage")
    FormSubmission = apps.get_model("wagtailforms", "FormSubmission")
    main = main_locale(apps)
    if main is None:
        return
    for page in ContactPage.objects.exclude(locale=main).select_related("locale"):
        target = ContactPage.objects.filter(
            locale=main, translation_key=page.translation_key
        ).first()
        if target is None:
            continue
        language = capfirst(get_language_info(page.locale.language_code)["name_local"])
        for submission in FormSubmission.objects.filter(page_id=page.pk):
            submission.form_data = {**submission.form_data, LANGUAGE_KEY: language}
            submission.page_id = target.pk
            submission.save(update_fields=["form_data", "page"])


def move_submissions_back(apps, schema_editor):
    ContactPage = apps.get_model("site_core", "ContactPage")
    FormSubmission = apps.get_model("wagtailforms", "FormSubmission")
    main = main_locale(apps)
    if main is None:
        return
    for page in ContactPage.objects.exclude(locale=main).select_related("locale"):
        target = ContactPage.objects.filter(
            locale=main, translation_key=page.translation_key
        ).first()
        if target is None:
            continue
        language = capfirst(get_language_info(page.locale.language_code)["name_local"])
        for submission in FormSubmission.objects.filter(page_id=target.pk):
            if submission.form_data.get(LANGUAGE_KEY) == language:
                submission.page_id = page.pk
                submission.save(update_fields=["page"])


class Migration(migrations.Migration):
    dependencies = [
        ("site_core", "0003_page_terms"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailforms", "0005_alter_formsubmission_form_data"),
    ]

    operations = [
        migrations.AddField(
            model_name="contactformfield",
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
        migrations.AddField(
            model_name="contactformfield",
            name="translation_key",
            field=models.UUIDField(editable=False, null=True),
        ),
        migrations.RunPython(fill_locale_and_translation_key, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="contactformfield",
            name="locale",
            field=models.ForeignKey(
                editable=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="wagtailcore.locale",
                verbose_name="locale",
            ),
        ),
        migrations.AlterField(
            model_name="contactformfield",
            name="translation_key",
            field=models.UUIDField(default=uuid.uuid4, editable=False),
        ),
        migrations.AlterUniqueTogether(
            name="contactformfield",
            unique_together={("translation_key", "locale")},
        ),
        migrations.RunPython(move_submissions_to_main_page, move_submissions_back),
    ]
