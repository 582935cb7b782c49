"""The four staff roles as groups: Editors, Moderators, Translators, Administrators.

Hand-written. What each role holds is described in ``site_core/staff/roles.py``
(``ROLES``); this migration makes the groups match it. Wagtail's own migrations
made "Editors" and "Moderators": they are adjusted, not duplicated.

Idempotent: running it again leaves the groups as they are. Reversing it gives
"Editors" and "Moderators" back what Wagtail gave them and removes the two groups
it made.
"""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.db import migrations

from site_core.staff.roles import ALL_PAGES, Role, apply_roles


def create_every_permission(apps, using):
    """Django creates permissions after all migrations (post_migrate); the groups need them now."""
    for app_config in global_apps.get_app_configs():
        create_permissions(app_config, verbosity=0, using=using, apps=apps)


def create_snippet_publish_permissions(apps):
    """Wagtail creates "publish" permissions for snippets with drafts; make them now.

    Themes and contributors gain drafts on another branch of this project: made here
    with the name and codename Wagtail uses, the groups hold them whichever lands first.
    """
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    for app_label, model in (("principles", "theme"), ("site_core", "contributor")):
        content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
        Permission.objects.get_or_create(
            content_type=content_type,
            codename=f"publish_{model}",
            defaults={"name": f"Can publish {model}"},
        )


def make_roles(apps, schema_editor):
    create_every_permission(apps, schema_editor.connection.alias)
    create_snippet_publish_permissions(apps)
    apply_roles(apps)


# What Wagtail's migrations gave its two groups, for the way back.
_WAGTAIL_MEDIA = tuple(
    f"{app}.{action}_{model}"
    for app, model in (("wagtailimages", "image"), ("wagtaildocs", "document"))
    for action in ("add", "change", "choose")
)
WAGTAIL_EDITORS = Role(
    group="Editors",
    permissions=(
        "wagtailadmin.access_admin",
        "wagtail_localize.submit_translation",
        *_WAGTAIL_MEDIA,
        "wagtailimages.delete_image",
        "wagtaildocs.delete_document",
    ),
    page_permissions=("add", "change"),
    on_pages=ALL_PAGES,
    collection_permissions=_WAGTAIL_MEDIA,
)
WAGTAIL_MODERATORS = Role(
    group="Moderators",
    permissions=WAGTAIL_EDITORS.permissions,
    page_permissions=("add", "change", "lock", "publish", "unlock"),
    on_pages=ALL_PAGES,
    collection_permissions=_WAGTAIL_MEDIA,
)


def restore_wagtail_groups(apps, schema_editor):
    apply_roles(apps, roles=(WAGTAIL_EDITORS, WAGTAIL_MODERATORS))
    apps.get_model("auth", "Group").objects.filter(
        name__in=["Translators", "Administrators"]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("site_core", "0007_source_language_permission"),
        ("principles", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailforms", "0005_alter_formsubmission_form_data"),
        ("wagtailredirects", "0008_add_verbose_name_plural"),
        ("wagtailsearchpromotions", "0008_query_verbose_name"),
        ("wagtail_localize", "0016_rename_page_revision_translationlog_revision"),
    ]

    operations = [migrations.RunPython(make_roles, restore_wagtail_groups)]
