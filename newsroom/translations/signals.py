"""Derived data only: a saved original marks its translations outdated (services.mark_outdated)."""

from django.db.models.signals import post_save

from .registry import registered_models
from .services import mark_outdated


def original_saved(sender, instance, created, raw=False, **kwargs):
    # A new original has no translations yet; a fixture load is no editorial change.
    if not created and not raw:
        mark_outdated([instance])


def connect():
    for model in registered_models():
        post_save.connect(original_saved, sender=model, dispatch_uid=f"translations-{model}")
