from django.apps import AppConfig


class RevisionsConfig(AppConfig):
    name = "newsroom.revisions"
    label = "revisions"
