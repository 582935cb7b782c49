"""The table of the 'throttles' cache (django's database cache).

Login lockouts (django-axes), page-password and contact-form limits count here,
so every gunicorn worker, and every server on the same database, sees the same
counts. Entries are hashed and expire with their lockout.
"""

from django.core.management import call_command
from django.db import migrations

TABLE = "site_core_throttle_cache"


def create_table(apps, schema_editor):
    call_command("createcachetable", TABLE, database=schema_editor.connection.alias, verbosity=0)


def drop_table(apps, schema_editor):
    schema_editor.execute(f"DROP TABLE IF EXISTS {schema_editor.quote_name(TABLE)}")


class Migration(migrations.Migration):
    dependencies = [("site_core", "0011_name_the_sites")]

    operations = [migrations.RunPython(create_table, drop_table)]
