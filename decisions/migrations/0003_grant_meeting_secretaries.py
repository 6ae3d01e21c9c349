"""Give the meeting secretaries what they need to publish agendas, minutes and decisions."""

from django.db import migrations

GROUP = "Meeting secretaries"
MODELS = (
    "membership",
    "appealinstructiontemplate",
    "meeting",
    "agendaitem",
    "attachment",
    "vote",
    "disqualification",
    "officeholderdecision",
    "personaldatapassage",
)
ACTIONS = ("add", "change", "delete", "view")


def grant(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    app_config = apps.get_app_config("decisions")
    app_config.models_module = True
    create_permissions(app_config, verbosity=0, using=schema_editor.connection.alias, apps=apps)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _created = Group.objects.get_or_create(name=GROUP)
    codenames = [f"{action}_{model}" for model in MODELS for action in ACTIONS] + ["view_body"]
    group.permissions.add(
        *Permission.objects.filter(content_type__app_label="decisions", codename__in=codenames)
    )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    group = Group.objects.filter(name=GROUP).first()
    if group is not None:
        group.permissions.remove(*group.permissions.filter(content_type__app_label="decisions"))


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_add_staff_groups"),
        ("decisions", "0002_add_meetings_items_and_officeholder_decisions"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
