"""Create the "Digital development" staff group: the only staff who assess and publish rounds.

They keep the catalogue (sectors, phases, services), fill in and publish the yearly rounds and
import other municipalities' exports. The group name is a stable identifier
(accounts.groups.DIGITAL_DEVELOPMENT); the UI shows a translated label.
"""

from django.db import migrations

GROUP = "Digital development"
PERMISSIONS = {
    "sector": ("add", "change", "delete", "view"),
    "processphase": ("add", "change", "delete", "view"),
    "service": ("add", "change", "delete", "view"),
    "round": ("add", "change", "delete", "view"),
    "assessment": ("add", "change", "view"),
    "phaselevel": ("add", "change", "view"),
    "correction": ("view",),
    "importedround": ("add", "delete", "view"),
}


def grant(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    for label in ("maturity", "wagtailadmin"):
        app_config = apps.get_app_config(label)
        app_config.models_module = True
        create_permissions(app_config, verbosity=0, using=schema_editor.connection.alias, apps=apps)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _created = Group.objects.get_or_create(name=GROUP)
    codenames = [f"{action}_{model}" for model, actions in PERMISSIONS.items() for action in actions]
    group.permissions.add(
        *Permission.objects.filter(content_type__app_label="maturity", codename__in=codenames),
        *Permission.objects.filter(
            content_type__app_label="wagtailadmin", codename="access_admin"
        ),
    )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Group.objects.filter(name=GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_add_staff_groups"),
        ("maturity", "0002_load_starting_catalogue"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
