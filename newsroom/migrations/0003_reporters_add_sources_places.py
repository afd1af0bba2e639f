"""Reporters add sources and places, so that citing a new outlet or naming a new town does not
wait for an editor. Changing or deleting an existing one stays with editors: every event that
cites it would read differently.
"""

from importlib import import_module

from django.db import migrations

create_all_permissions = import_module("newsroom.migrations.0001_roles").create_all_permissions

GRANTS = [("sources", "add_source"), ("timeline", "add_place")]


def permissions(apps):
    Permission = apps.get_model("auth", "Permission")
    return [
        Permission.objects.get(content_type__app_label=app_label, codename=codename)
        for app_label, codename in GRANTS
    ]


def grant(apps, schema_editor):
    create_all_permissions(apps)
    apps.get_model("auth", "Group").objects.get(name="reporter").permissions.add(
        *permissions(apps)
    )


def revoke(apps, schema_editor):
    for group in apps.get_model("auth", "Group").objects.filter(name="reporter"):
        group.permissions.remove(*permissions(apps))


class Migration(migrations.Migration):
    dependencies = [("newsroom", "0002_correction_roles")]

    operations = [migrations.RunPython(grant, revoke)]
