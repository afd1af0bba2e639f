from django.apps import AppConfig


class NewsroomConfig(AppConfig):
    """The project itself: the editorial roles and the demo-data command, which span every app."""

    name = "newsroom"
    verbose_name = "Newsroom"
