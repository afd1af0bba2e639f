"""Translators: they read the originals and write their translations, and nothing else. They
neither publish nor change an original (docs/design.md, "Roles")."""

from importlib import import_module

from django.db import migrations

create_all_permissions = import_module("newsroom.migrations.0001_roles").create_all_permissions

ROLE = "translator"
GRANTS = {
    "timeline": {
        "event": ("view",),
        "eventcorrection": ("view",),
        "storyline": ("view",),
        "place": ("view",),
    },
    "sources": {"source": ("view",), "party": ("view",)},
    "articles": {"article": ("view",), "articlecorrection": ("view",)},
    "translations": {"translation": ("add", "change", "view")},
}


def create_role(apps, schema_editor):
    create_all_permissions(apps)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=ROLE)
    group.permissions.set(
        Permission.objects.get(content_type__app_label=app_label, codename=f"{action}_{model}")
        for app_label, models in GRANTS.items()
        for model, actions in models.items()
        for action in actions
    )


def remove_role(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=ROLE).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("newsroom", "0003_reporters_add_sources_places"),
        ("translations", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_role, remove_role)]
