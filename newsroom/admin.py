"""Admin pieces shared by the editorial apps."""

from django.contrib import admin

PUBLISHING_FIELDS = ("status", "publish_at")


class PublishableAdmin(admin.ModelAdmin):
    """Stamps who created and changed an item; only those who may publish set its status.

    The status fields are read-only, so ignored on POST, for anyone without the model's
    ``publish_*`` permission: a reporter's forged form cannot publish.
    """

    def can_publish(self, request):
        opts = self.model._meta
        return request.user.has_perm(f"{opts.app_label}.publish_{opts.model_name}")

    def get_readonly_fields(self, request, obj=None):
        fields = super().get_readonly_fields(request, obj)
        if self.can_publish(request):
            return fields
        return (*fields, *PUBLISHING_FIELDS)

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        obj.updated_by = request.user
        super().save_model(request, obj, form, change)
