"""A GIN index on the combined title and body vectors of Wagtail's search index.

Wagtail's PostgreSQL backend matches ``title || body`` against the query; only
an index on that exact expression lets PostgreSQL avoid reading every entry.
"""

from django.db import migrations


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "CREATE INDEX IF NOT EXISTS site_core_search_title_body_gin "
            "ON wagtailsearch_indexentry USING gin ((title || body))"
        )


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS site_core_search_title_body_gin")


class Migration(migrations.Migration):
    dependencies = [
        ("site_core", "0003_search_terms"),
        ("wagtailsearch", "0010_add_text_fields"),
    ]
    operations = [migrations.RunPython(forwards, backwards)]
