"""Give the staff groups their permissions on the cases app.

- Case handlers work on cases (view, change: the staff screens show only their own units' cases,
  cases.policies.cases_of_handler) and maintain their units' case types with phases (view, add,
  change); they see the units.
- Integration admins create and revoke the back-office systems' tokens (integration clients) and
  see the units those belong to.

Units themselves (and who handles them) are maintained by administrators. Nobody deletes a case
or a case type from the admin: the history of a case is never lost.

The reverse removes exactly these permissions from the two groups.
"""

from django.db import migrations

GRANTS = {
    "Case handlers": (
        ("case", ("view_case", "change_case")),
        ("casetype", ("view_casetype", "add_casetype", "change_casetype")),
        ("unit", ("view_unit",)),
    ),
    "Integration admins": (
        (
            "integrationclient",
            ("view_integrationclient", "add_integrationclient", "change_integrationclient"),
        ),
        ("unit", ("view_unit",)),
    ),
}


def _permissions(apps, using, model, codenames):
    """The permissions, created now: Django only creates them after all migrations have run."""
    from django.contrib.auth.management import create_permissions

    app_config = apps.get_app_config("cases")
    app_config.models_module = True
    create_permissions(app_config, verbosity=0, using=using, apps=apps)
    app_config.models_module = None
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _created = ContentType.objects.get_or_create(app_label="cases", model=model)
    return Permission.objects.filter(content_type=content_type, codename__in=codenames)


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for name, grants in GRANTS.items():
        group, _created = Group.objects.get_or_create(name=name)
        for model, codenames in grants:
            group.permissions.add(
                *_permissions(apps, schema_editor.connection.alias, model, codenames)
            )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, grants in GRANTS.items():
        group = Group.objects.filter(name=name).first()
        if group is None:
            continue
        for model, codenames in grants:
            group.permissions.remove(
                *Permission.objects.filter(
                    content_type__app_label="cases",
                    content_type__model=model,
                    codename__in=codenames,
                )
            )


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0001_add_cases"),
        ("accounts", "0002_add_staff_groups"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(grant, revoke),
    ]
