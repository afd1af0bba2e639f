"""Derived data only: a saved original marks its translations outdated
(services.mark_outdated), and a deleted one takes its translations with it."""

from django.contrib.contenttypes.models import ContentType
from django.db.models.signals import post_delete, post_save

from .models import Translation
from .registry import registered_models, translated_fields
from .services import mark_outdated


def original_saved(sender, instance, created, raw=False, update_fields=None, **kwargs):
    # A new original has no translations yet; a fixture load is no editorial change; a save of
    # named fields none of which is translated (a status, a publish time) changes no text.
    if created or raw:
        return
    if update_fields is not None and not set(update_fields) & set(translated_fields(sender)):
        return
    mark_outdated([instance])


def original_deleted(sender, instance, **kwargs):
    # A translation has no meaning without its original (a generic key does not cascade).
    Translation.objects.filter(
        content_type=ContentType.objects.get_for_model(sender), object_id=instance.pk
    ).delete()


def connect():
    for model in registered_models():
        post_save.connect(original_saved, sender=model, dispatch_uid=f"translations-{model}")
        post_delete.connect(
            original_deleted, sender=model, dispatch_uid=f"translations-delete-{model}"
        )
