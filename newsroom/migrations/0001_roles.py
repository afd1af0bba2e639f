"""The editorial roles (docs/design.md, "Roles") as groups with model permissions.

The role table lives here rather than in code the app imports, so this migration keeps meaning
what it meant when it ran. Later changes to a role are new migrations.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

ALL = ("add", "change", "delete", "view")

ROLES = {
    # Drafts articles and events and attaches sources; never publishes.
    "reporter": {
        "timeline": {"event": ("add", "change", "view"), "storyline": ("view",), "place": ("view",)},
        "sources": {"source": ("view",), "party": ("view",), "citation": ALL},
        "articles": {"article": ("add", "change", "view"), "articleevent": ALL},
    },
    # Everything a reporter does, plus publishing and the reference data.
    "editor": {
        "timeline": {
            "event": (*ALL, "publish"),
            "storyline": ALL,
            "place": ALL,
        },
        "sources": {"source": ALL, "party": ALL, "citation": ALL},
        "articles": {"article": (*ALL, "publish"), "articleevent": ALL},
        "moderation": {"submission": ("view",)},
    },
    # Works the queue of reader submissions; reads the timeline to find what they concern.
    "moderator": {
        "timeline": {"event": ("view",), "storyline": ("view",), "place": ("view",)},
        "sources": {"source": ("view",), "party": ("view",), "citation": ("view",)},
        "moderation": {"submission": ("change", "view")},
    },
}


def create_all_permissions(apps):
    # Permissions are normally made after all migrations have run; the groups need them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None


def create_roles(apps, schema_editor):
    create_all_permissions(apps)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for role, grants in ROLES.items():
        group, _ = Group.objects.get_or_create(name=role)
        codenames = [
            (app_label, f"{action}_{model}")
            for app_label, models in grants.items()
            for model, actions in models.items()
            for action in actions
        ]
        permissions = [
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
            for app_label, codename in codenames
        ]
        group.permissions.set(permissions)


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=ROLES).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("timeline", "0001_initial"),
        ("sources", "0001_initial"),
        ("articles", "0001_initial"),
        ("moderation", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
