"""Who may do what in the admin: four roles, each a Wagtail group.

| group          | may                                                         | may not                         |
| -------------- | ----------------------------------------------------------- | ------------------------------- |
| Editors        | create and edit every page, themes and contributors, images | publish, delete published pages |
|                | and documents; translate; submit for review                 | or any theme or contributor     |
| Moderators     | all editors do, and review, approve, publish, unpublish and | users, settings, redirects,     |
|                | delete; publish and delete themes and contributors          | forms, workflows                |
| Translators    | translate into every language but English: the pages of     | change anything in English      |
|                | those trees, the translations of themes and contributors;   | publish                         |
|                | submit translations for review                              |                                 |
| Administrators | everything: users, groups, settings, redirects, contact     |                                 |
|                | messages (forms), search promotions, workflows, sites       |                                 |

``ROLES`` below says the same in permissions. The data migration
``site_core/migrations/0008_staff_roles`` calls ``apply_roles``, which makes each group
hold exactly what its role lists (Wagtail's own "Editors" and "Moderators" groups are
adjusted, not duplicated). To change a role, change ``ROLES`` and add a data migration
that calls ``apply_roles`` again.

Two rules need more than a permission table, and are kept by the hooks below:

- Wagtail grants page permissions per part of the tree. Translators hold theirs on the
  home page of every language but the source one; a language added later gets its
  home page from wagtail-localize's synchronised tree, and ``open_translation_tree``
  (connected in ``site_core.apps``) grants them there as it is created.
- Snippet permissions hold for every language. ``site_core.change_source_language``
  says who may change a theme or contributor in English; the ``before_*_snippet``
  hooks refuse everyone else with a message saying what they can do instead.

Review before publishing: one Wagtail workflow, ``REVIEW_WORKFLOW``, with one group
approval task for the Moderators, assigned to the root of the page tree by
``site_core/migrations/0009_review_workflow``. At the root it covers every page of every
language: principles, reflections and their translations (a language added later is
covered from its first page), and the other pages too, which editors could otherwise
not get published at all, since they cannot publish.

Contact messages (form submissions) are read by holders of
``wagtailforms.view_formsubmission`` only, although Wagtail shows them to anyone who
may edit the contact page.
"""

from dataclasses import dataclass

from django.apps import apps as django_apps
from django.conf import settings
from django.contrib.auth.models import Permission
from django.db.models import Q
from django.shortcuts import redirect
from django.utils.translation import get_language_info
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.admin import messages
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale, Page, TranslatableMixin

SOURCE_LANGUAGE = "site_core.change_source_language"
READ_CONTACT_MESSAGES = "wagtailforms.view_formsubmission"

REVIEW_WORKFLOW = "Review before publishing"
REVIEW_TASK = "Moderators review"

ALL_PAGES = "all pages"  # page permissions on the root of the tree
TRANSLATION_TREES = "translation trees"  # on the home page of every language but the source


@dataclass(frozen=True)
class Role:
    group: str
    permissions: tuple  # "app_label.codename"
    page_permissions: tuple = ()  # Wagtail's page actions: add, change, publish, …
    on_pages: str = ALL_PAGES
    collection_permissions: tuple = ()  # "app_label.codename", on the root collection


def _model_permissions(app_label, model, actions):
    return tuple(f"{app_label}.{action}_{model}" for action in actions)


SNIPPETS = (("principles", "theme"), ("site_core", "contributor"))
MEDIA = (("wagtailimages", "image"), ("wagtaildocs", "document"))


def _snippets(*actions):
    return tuple(
        name for app, model in SNIPPETS for name in _model_permissions(app, model, actions)
    )


def _media(*actions):
    return tuple(name for app, model in MEDIA for name in _model_permissions(app, model, actions))


EDITORS = Role(
    group="Editors",
    permissions=(
        "wagtailadmin.access_admin",
        "wagtail_localize.submit_translation",
        SOURCE_LANGUAGE,
        *_snippets("add", "change"),
    ),
    page_permissions=("add", "change"),  # without "publish", Wagtail keeps live pages
    collection_permissions=_media("add", "change", "choose"),
)
MODERATORS = Role(
    group="Moderators",
    permissions=(*EDITORS.permissions, *_snippets("delete", "publish")),
    page_permissions=("add", "change", "publish", "lock", "unlock"),
    collection_permissions=(*EDITORS.collection_permissions, *_media("delete")),
)
TRANSLATORS = Role(
    group="Translators",
    permissions=(
        "wagtailadmin.access_admin",
        "wagtail_localize.submit_translation",
        *_snippets("change"),  # but not in English: see refuse_source_language_*
    ),
    page_permissions=("add", "change"),
    on_pages=TRANSLATION_TREES,
    collection_permissions=_media("choose"),
)
ADMINISTRATORS = Role(
    group="Administrators",
    permissions=(
        *MODERATORS.permissions,
        *_model_permissions("auth", "user", ("add", "change", "delete", "view")),
        *_model_permissions("auth", "group", ("add", "change", "delete", "view")),
        "site_core.change_sitesettings",
        *_model_permissions("wagtailredirects", "redirect", ("add", "change", "delete")),
        READ_CONTACT_MESSAGES,
        "wagtailforms.delete_formsubmission",
        *_model_permissions(
            "wagtailsearchpromotions", "searchpromotion", ("add", "change", "delete")
        ),
        *_model_permissions("wagtailcore", "workflow", ("add", "change", "delete")),
        *_model_permissions("wagtailcore", "task", ("add", "change", "delete")),
        *_model_permissions("wagtailcore", "site", ("add", "change", "delete")),
        *_model_permissions("wagtailcore", "locale", ("add", "change", "delete")),
    ),
    page_permissions=("add", "bulk_delete", "change", "lock", "publish", "unlock"),
    collection_permissions=(
        *MODERATORS.collection_permissions,
        *_model_permissions("wagtailcore", "collection", ("add", "change", "delete")),
    ),
)
ROLES = (EDITORS, MODERATORS, TRANSLATORS, ADMINISTRATORS)


# Making the groups ------------------------------------------------------------------
# Every function takes an app registry: the migration's historical one, or Django's.


def apply_roles(apps, roles=ROLES):
    """Make each role's group hold exactly the permissions its role lists."""
    for role in roles:
        group, _created = apps.get_model("auth", "Group").objects.get_or_create(name=role.group)
        group.permissions.set(_permissions(apps, role.permissions))
        _set_page_permissions(apps, group, role)
        _set_collection_permissions(apps, group, role)


def _permissions(apps, names):
    Permission = apps.get_model("auth", "Permission")
    wanted = {tuple(name.split(".")) for name in names}
    if not wanted:
        return []  # an empty Q() would match every permission
    query = Q()
    for app_label, codename in wanted:
        query |= Q(content_type__app_label=app_label, codename=codename)
    found = list(Permission.objects.filter(query).select_related("content_type"))
    missing = wanted - {(p.content_type.app_label, p.codename) for p in found}
    if missing:
        raise LookupError(f"No such permissions: {sorted(missing)}")
    return found


def _pages_of(apps, role):
    Page = apps.get_model("wagtailcore", "Page")
    if role.on_pages == ALL_PAGES:
        return list(Page.objects.filter(depth=1))
    return list(Page.objects.filter(depth=2).exclude(locale=_source_locale(apps)))


def _source_locale(apps):
    code = get_supported_content_language_variant(settings.LANGUAGE_CODE)
    return apps.get_model("wagtailcore", "Locale").objects.get(language_code=code)


def _page_permissions(apps, role):
    return _permissions(apps, [f"wagtailcore.{action}_page" for action in role.page_permissions])


def _set_page_permissions(apps, group, role):
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    wanted = {
        (page.pk, permission.pk)
        for page in _pages_of(apps, role)
        for permission in _page_permissions(apps, role)
    }
    have = set()
    for grant in GroupPagePermission.objects.filter(group=group):
        if (grant.page_id, grant.permission_id) in wanted:
            have.add((grant.page_id, grant.permission_id))
        else:
            grant.delete()
    GroupPagePermission.objects.bulk_create(
        GroupPagePermission(group=group, page_id=page, permission_id=permission)
        for page, permission in sorted(wanted - have)
    )


def _set_collection_permissions(apps, group, role):
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    root = apps.get_model("wagtailcore", "Collection").objects.get(depth=1)
    wanted = {p.pk for p in _permissions(apps, role.collection_permissions)}
    GroupCollectionPermission.objects.filter(group=group).exclude(
        collection=root, permission__in=wanted
    ).delete()
    have = set(
        GroupCollectionPermission.objects.filter(group=group).values_list(
            "permission_id", flat=True
        )
    )
    GroupCollectionPermission.objects.bulk_create(
        GroupCollectionPermission(group=group, collection=root, permission_id=permission)
        for permission in sorted(wanted - have)
    )


def open_translation_tree(sender, instance, created, raw=False, **kwargs):
    """``post_save``: a new home page in another language opens to the translators' roles.

    wagtail-localize makes a language's home page (first as an untranslated copy)
    when the language is added, after the migrations have run.
    """
    if raw or not created or not isinstance(instance, Page) or instance.depth != 2:
        return
    if instance.locale_id == Locale.get_default().pk:
        return
    GroupPagePermission = django_apps.get_model("wagtailcore", "GroupPagePermission")
    Group = django_apps.get_model("auth", "Group")
    for role in ROLES:
        group = Group.objects.filter(name=role.group).first()
        if role.on_pages != TRANSLATION_TREES or group is None:
            continue
        for permission in _page_permissions(django_apps, role):
            GroupPagePermission.objects.get_or_create(
                group=group, page=instance, permission=permission
            )


# What the admin enforces beyond Wagtail's own checks ---------------------------------


@hooks.register("register_permissions")
def permissions_in_the_group_editor():
    """Let administrators give these two in Settings > Groups, like any other."""
    return Permission.objects.filter(
        Q(content_type__app_label="site_core", codename="change_source_language")
        | Q(content_type__app_label="wagtailforms", codename="view_formsubmission")
    )


@hooks.register("filter_form_submissions_for_user")
def contact_messages_for_their_readers(user, form_pages):
    """Visitors write in confidence: editing the contact page is not reading its mail."""
    return form_pages if user.has_perm(READ_CONTACT_MESSAGES) else form_pages.none()


def _in_source_language(locale_id):
    return locale_id == Locale.get_default().pk


def _source_language_name():
    return get_language_info(Locale.get_default().language_code)["name_translated"]


def _refuse(request, message):
    # As Wagtail's own "permission denied": back to the dashboard, with the reason.
    messages.error(request, message)
    return redirect("wagtailadmin_home")


def _may_change_source_language(request):
    return request.user.has_perm(SOURCE_LANGUAGE)


@hooks.register("before_create_snippet", order=-10)
def refuse_source_language_create(request, model):
    if not issubclass(model, TranslatableMixin) or _may_change_source_language(request):
        return None
    code = request.GET.get("locale") or Locale.get_default().language_code
    if code != Locale.get_default().language_code:
        return None
    return _refuse(
        request,
        _(
            "Sorry, you can't add a new %(model)s in %(language)s. You can translate the ones there are."
        )
        % {"model": model._meta.verbose_name, "language": _source_language_name()},
    )


# Before wagtail-localize's own hook, which opens the translation editor.
@hooks.register("before_edit_snippet", order=-10)
def refuse_source_language_edit(request, instance):
    if not isinstance(instance, TranslatableMixin) or _may_change_source_language(request):
        return None
    if not _in_source_language(instance.locale_id):
        return None
    return _refuse(
        request,
        _(
            "Sorry, you can't change “%(object)s” in %(language)s. You can translate it: "
            "open its version in your language from the list."
        )
        % {"object": instance, "language": _source_language_name()},
    )


@hooks.register("before_delete_snippet", order=-10)
def refuse_source_language_delete(request, instances):
    if _may_change_source_language(request):
        return None
    for instance in instances:
        if isinstance(instance, TranslatableMixin) and _in_source_language(instance.locale_id):
            return _refuse(
                request,
                _("Sorry, you can't delete “%(object)s” in %(language)s.")
                % {"object": instance, "language": _source_language_name()},
            )
    return None
