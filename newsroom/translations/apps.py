from django.apps import AppConfig


class TranslationsConfig(AppConfig):
    name = "newsroom.translations"
    label = "translations"
    verbose_name = "Translations"

    def ready(self):
        from . import signals

        signals.connect()
