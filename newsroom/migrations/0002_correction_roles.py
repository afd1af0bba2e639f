"""Corrections: editors write them; reporters and moderators read them.

Reporters and editors may also look up colleagues, to pick an article's bylines.
"""

from importlib import import_module

from django.db import migrations

create_all_permissions = import_module("newsroom.migrations.0001_roles").create_all_permissions

GRANTS = {
    "reporter": ("view",),
    "editor": ("add", "change", "delete", "view"),
    "moderator": ("view",),
}
MODELS = [("timeline", "eventcorrection"), ("articles", "articlecorrection")]
LOOK_UP_COLLEAGUES = ["reporter", "editor"]


def grant(apps, schema_editor):
    create_all_permissions(apps)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for role, actions in GRANTS.items():
        group = Group.objects.get(name=role)
        group.permissions.add(
            *(
                Permission.objects.get(
                    content_type__app_label=app_label, codename=f"{action}_{model}"
                )
                for app_label, model in MODELS
                for action in actions
            )
        )
    view_user = Permission.objects.get(content_type__app_label="auth", codename="view_user")
    for group in Group.objects.filter(name__in=LOOK_UP_COLLEAGUES):
        group.permissions.add(view_user)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    view_user = Permission.objects.get(content_type__app_label="auth", codename="view_user")
    for group in Group.objects.filter(name__in=LOOK_UP_COLLEAGUES):
        group.permissions.remove(view_user)
    Permission.objects.filter(
        content_type__model__in=[model for _, model in MODELS]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("newsroom", "0001_roles"),
        ("timeline", "0002_versions_corrections"),
        ("articles", "0002_versions_corrections"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
