"""Sites without a name get the library's.

The admin dashboard is headed by the site's name; without one, Wagtail shows the host
name ("localhost", or the server's address) to staff who work in one language's tree.
"""

from django.conf import settings
from django.db import migrations


def name_the_sites(apps, schema_editor):
    Site = apps.get_model("wagtailcore", "Site")
    Site.objects.filter(site_name="").update(site_name=settings.WAGTAIL_SITE_NAME)


class Migration(migrations.Migration):
    dependencies = [
        ("site_core", "0010_review_snippets"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(name_the_sites, migrations.RunPython.noop)]
