from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from .registry import translated_fields


class Language(models.TextChoices):
    UKRAINIAN = "uk", "Українська"
    RUSSIAN = "ru", "Русский"


class TranslationQuerySet(models.QuerySet):
    def shown(self):
        """Translations readers may see: marked ready, and made from the original as it is."""
        return self.filter(ready=True, outdated=False)


class Translation(models.Model):
    """One item's translated fields in one language.

    ``made_from`` keeps the original's text of those fields as it was when the translation was
    last marked ready: the version it was made from. A later change of the original marks the
    translation outdated, and the desk shows the translator the difference.
    """

    content_type = models.ForeignKey(
        ContentType, on_delete=models.CASCADE, verbose_name=_("kind of item")
    )
    object_id = models.PositiveBigIntegerField(_("item"))
    original = GenericForeignKey("content_type", "object_id")
    language = models.CharField(_("language"), max_length=2, choices=Language)
    fields = models.JSONField(_("translated text"), default=dict, blank=True)
    made_from = models.JSONField(
        _("original it was made from"), default=dict, blank=True, editable=False
    )
    ready = models.BooleanField(
        _("ready"),
        default=False,
        help_text=_("Readers see the translation once it is ready and its original is public."),
    )
    outdated = models.BooleanField(
        _("outdated"),
        default=False,
        editable=False,
        help_text=_("The original changed since the translation was marked ready."),
    )
    updated_at = models.DateTimeField(_("last change"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("changed by"),
    )

    objects = TranslationQuerySet.as_manager()

    class Meta:
        ordering = ["content_type", "object_id", "language"]
        verbose_name = _("translation")
        verbose_name_plural = _("translations")
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "language"],
                name="translations_one_per_language",
                violation_error_message=_("This item already has a translation in that language."),
            ),
        ]
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self):
        return f"{self.original} ({self.get_language_display()})"

    @property
    def field_names(self):
        return translated_fields(self.content_type.model_class())
