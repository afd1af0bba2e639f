from django.apps import AppConfig


class PreviewsConfig(AppConfig):
    name = "newsroom.previews"
    label = "previews"
