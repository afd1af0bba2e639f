from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class NewsroomConfig(AppConfig):
    """The project itself: the editorial roles and the demo-data command, which span every app."""

    name = "newsroom"
    verbose_name = _("Newsroom")

    def ready(self):
        # Connects the signals that tell the public caches about changes, in every process
        # (web workers, shells, management commands), not only those that load the URLs.
        from newsroom import caching  # noqa: F401


class DeskAdminConfig(admin_apps.AdminConfig):
    """Django's admin, with the desk's front page (named in INSTALLED_APPS)."""

    default = False
    default_site = "newsroom.desk.DeskAdminSite"
