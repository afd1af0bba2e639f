"""The project's addresses with an admin site whose article and event admins keep revisions.

Only for tests/revisions/conftest.py, until newsroom.admin.PublishableAdmin has the mixin.
"""

from django.contrib import admin
from django.urls import path

from newsroom.admin import PublishableAdmin
from newsroom.revisions.admin import RevisionAdminMixin
from newsroom.urls import urlpatterns as project_urlpatterns

site = admin.AdminSite(name="admin")
for model, model_admin in admin.site._registry.items():
    admin_class = type(model_admin)
    if issubclass(admin_class, PublishableAdmin):
        admin_class = type(admin_class.__name__, (RevisionAdminMixin, admin_class), {})
    site.register(model, admin_class)

urlpatterns = [path("admin/", site.urls), *project_urlpatterns]
