from django.apps import AppConfig


class TimelineConfig(AppConfig):
    name = "timeline"
    verbose_name = "Timeline"

    def ready(self):
        from . import facets  # noqa: F401 (connects the signals that keep facets true)
