"""Desk page titles written whole, one sentence per model.

Django's admin titles put the model's name into one sentence for every model ("Add %s"), in
the nominative. Ukrainian and Russian need other cases there: "Додати подію", "Выберите статью
для изменения". An admin with this mixin names its titles whole in ``titles`` (any of "add",
"change", "view", "select" and "select_view"), each a message translators can write in the case
it needs; a title it does not name stays Django's.
"""

from django.contrib.admin.options import IS_POPUP_VAR


class WholeTitles:
    titles = {}

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if add:
            kind = "add"
        elif self.has_change_permission(request, obj):
            kind = "change"
        else:
            kind = "view"
        if kind in self.titles:
            context["title"] = self.titles[kind]
        return super().render_change_form(request, context, add, change, form_url, obj)

    def changelist_view(self, request, extra_context=None):
        kind = "select" if self.has_change_permission(request) else "select_view"
        if kind in self.titles and IS_POPUP_VAR not in request.GET:
            extra_context = {"title": self.titles[kind], **(extra_context or {})}
        return super().changelist_view(request, extra_context)
