from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class NewsroomConfig(AppConfig):
    """The project itself: the editorial roles and the demo-data command, which span every app."""

    name = "newsroom"
    verbose_name = "Newsroom"


class DeskAdminConfig(admin_apps.AdminConfig):
    """Django's admin, with the desk's front page (named in INSTALLED_APPS)."""

    default = False
    default_site = "newsroom.desk.DeskAdminSite"
