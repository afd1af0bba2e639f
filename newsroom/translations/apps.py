from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TranslationsConfig(AppConfig):
    name = "newsroom.translations"
    label = "translations"
    verbose_name = _("Translations")

    def ready(self):
        from . import signals

        signals.connect()
