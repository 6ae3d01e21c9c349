"""Create the "Finance staff" group: the only staff (besides superusers) who import the finance
system's exports and keep and publish budgets, interim reports and financial statements.

They also upload and choose the reports' PDF documents, in a "Finances" collection of their own
(the editors' permissions on the root collection cover it too). The group name is a stable
identifier (accounts.groups.FINANCE_STAFF); the UI shows a translated label.
"""

from django.db import migrations

GROUP = "Finance staff"
COLLECTION = "Finances"
PERMISSIONS = {
    "fiscalyear": ("add", "change", "view"),
    "node": ("add", "change", "delete", "view"),
    "financeimport": ("add", "view"),
    "report": ("add", "change", "delete", "view"),
    "amendment": ("add", "change", "delete", "view"),
    "target": ("add", "change", "delete", "view"),
    "targetstatus": ("add", "change", "delete", "view"),
    "forecast": ("add", "change", "delete", "view"),
}
DOCUMENT_PERMISSIONS = ("add_document", "change_document", "choose_document")
# treebeard's materialised path: four base-36 digits per level.
ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
STEP = 4


def _step(number: int) -> str:
    digits = ""
    while number:
        number, rest = divmod(number, len(ALPHABET))
        digits = ALPHABET[rest] + digits
    return digits.rjust(STEP, "0")


def _collection(apps):
    """The "Finances" collection under the root (created here if missing)."""
    Collection = apps.get_model("wagtailcore", "Collection")
    root = Collection.objects.filter(depth=1).order_by("path").first()
    if root is None:
        return None
    children = Collection.objects.filter(depth=2, path__startswith=root.path)
    existing = children.filter(name=COLLECTION).first()
    if existing is not None:
        return existing
    last = children.order_by("-path").first()
    number = int(last.path[-STEP:], len(ALPHABET)) + 1 if last else 1
    collection = Collection.objects.create(
        name=COLLECTION, path=root.path + _step(number), depth=2, numchild=0
    )
    Collection.objects.filter(pk=root.pk).update(numchild=children.count())
    return collection


def grant(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    for label in ("finance", "wagtailadmin", "wagtaildocs"):
        app_config = apps.get_app_config(label)
        app_config.models_module = True
        create_permissions(app_config, verbosity=0, using=schema_editor.connection.alias, apps=apps)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    group, _created = Group.objects.get_or_create(name=GROUP)
    codenames = [f"{action}_{model}" for model, actions in PERMISSIONS.items() for action in actions]
    group.permissions.add(
        *Permission.objects.filter(content_type__app_label="finance", codename__in=codenames),
        *Permission.objects.filter(
            content_type__app_label="wagtailadmin", codename="access_admin"
        ),
    )
    collection = _collection(apps)
    if collection is not None:
        for permission in Permission.objects.filter(
            content_type__app_label="wagtaildocs", codename__in=DOCUMENT_PERMISSIONS
        ):
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=collection, permission=permission
            )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Group.objects.filter(name=GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_add_staff_groups"),
        ("finance", "0001_add_finance"),
        ("wagtaildocs", "0014_alter_document_file_size"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
