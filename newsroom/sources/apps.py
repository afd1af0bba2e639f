from django.apps import AppConfig


class SourcesConfig(AppConfig):
    name = "newsroom.sources"
    label = "sources"
    verbose_name = "Sources"
