"""Create the staff groups and give them their CMS permissions.

The English group names are stable identifiers used in code ("Case handlers", "Meeting
secretaries", "Editors", "Integration admins"); the UI shows translated labels (accounts.groups).

- Editors edit pages (add, change, publish, lock, unlock on the root page), images and documents
  (in the root collection, so in every collection) and submit translations. Wagtail's own first
  migration already creates an "Editors" group; it is reused, not duplicated. Permissions on
  snippets come with the apps that define them: accounts.services.editors_grant_snippet_permissions
  runs after every migrate.
- Case handlers, meeting secretaries and integration admins get only access to the admin for
  now: their domain permissions (cases, meetings, API clients) arrive with the cases, decisions
  and integration apps, in those apps' migrations.

The reverse removes the three groups created here and the page permissions that Wagtail's
defaults do not give "Editors"; the "Editors" group itself belongs to Wagtail's initial data.
"""

from django.db import migrations

ADMIN_ACCESS = ("wagtailadmin", "admin", "access_admin")
PAGE_PERMISSIONS = ("add_page", "change_page", "publish_page", "lock_page", "unlock_page")
COLLECTION_PERMISSIONS = {
    ("wagtailimages", "image"): ("add_image", "change_image", "choose_image", "delete_image"),
    ("wagtaildocs", "document"): (
        "add_document",
        "change_document",
        "choose_document",
        "delete_document",
    ),
}
EDITORS = "Editors"
OTHER_GROUPS = ("Case handlers", "Meeting secretaries", "Integration admins")


def _ensure_permissions(apps, using):
    """Create model permissions now: Django only creates them after all migrations have run."""
    from django.contrib.auth.management import create_permissions

    for label in ("wagtailcore", "wagtailadmin", "wagtailimages", "wagtaildocs"):
        app_config = apps.get_app_config(label)
        app_config.models_module = True
        create_permissions(app_config, verbosity=0, using=using, apps=apps)
        app_config.models_module = None


def _permission(apps, app_label, model, codename):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _created = ContentType.objects.get_or_create(app_label=app_label, model=model)
    return Permission.objects.get(content_type=content_type, codename=codename)


def create_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    Permission = apps.get_model("auth", "Permission")

    _ensure_permissions(apps, schema_editor.connection.alias)
    access_admin = _permission(apps, *ADMIN_ACCESS)

    for name in OTHER_GROUPS:
        group, _created = Group.objects.get_or_create(name=name)
        group.permissions.add(access_admin)

    editors, _created = Group.objects.get_or_create(name=EDITORS)
    editors.permissions.add(access_admin)
    submit_translation = Permission.objects.filter(
        content_type__app_label="wagtail_localize", codename="submit_translation"
    ).first()
    if submit_translation:
        editors.permissions.add(submit_translation)

    root_page = Page.objects.filter(depth=1).first()
    if root_page is not None:
        for codename in PAGE_PERMISSIONS:
            GroupPagePermission.objects.get_or_create(
                group=editors,
                page=root_page,
                permission=_permission(apps, "wagtailcore", "page", codename),
            )

    root_collection = Collection.objects.filter(depth=1).first()
    if root_collection is not None:
        for (app_label, model), codenames in COLLECTION_PERMISSIONS.items():
            for codename in codenames:
                GroupCollectionPermission.objects.get_or_create(
                    group=editors,
                    collection=root_collection,
                    permission=_permission(apps, app_label, model, codename),
                )


def remove_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")

    Group.objects.filter(name__in=OTHER_GROUPS).delete()
    # Wagtail's own initial data gives Editors admin access, add and change on the root page and
    # the image and document permissions: only what this migration added beyond that goes.
    GroupPagePermission.objects.filter(
        group__name=EDITORS,
        page__depth=1,
        permission__codename__in=("publish_page", "lock_page", "unlock_page"),
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtail_localize", "0016_rename_page_revision_translationlog_revision"),
    ]

    operations = [
        migrations.RunPython(create_groups, remove_groups),
    ]
