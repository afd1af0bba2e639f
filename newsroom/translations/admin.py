"""The translators' desk: the list of translations, and a form beside the English original
that shows what changed in it since the translation was made."""

from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import BadRequest, PermissionDenied
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.http import urlencode
from django.utils.safestring import mark_safe
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from newsroom.languages import TRANSLATED
from newsroom.publishing import PUBLICATION

from .desk import MissingTranslationFilter, PublishedOriginalFilter
from .forms import translation_form
from .models import Language, Translation
from .registry import translated_fields
from .services import changes_since_made, mark_ready


@admin.register(Translation)
class TranslationAdmin(admin.ModelAdmin):
    list_display = ["original_name", "kind", "language", "ready", "outdated", "updated_at"]
    list_filter = ["language", "ready", "outdated", "content_type", PublishedOriginalFilter]
    list_select_related = ["content_type"]
    readonly_fields = ["original_link", "changes_in_original"]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("original")

    def get_form(self, request, obj=None, **kwargs):
        original = obj.original if obj else self.original_to_add(request)
        kwargs["form"] = translation_form(original)
        return super().get_form(request, obj, **kwargs)

    def get_fieldsets(self, request, obj=None):
        original = obj.original if obj else self.original_to_add(request)
        texts = list(translated_fields(original))
        about = ["original_link", "language"] if obj else ["content_type", "object_id", "language"]
        if obj and obj.outdated:
            about.append("changes_in_original")
        return [(None, {"fields": about}), (_("Translation"), {"fields": [*texts, "ready"]})]

    def get_readonly_fields(self, request, obj=None):
        # The item and language are chosen by the link that opened the form, once.
        return [*self.readonly_fields, "language"] if obj else []

    def original_to_add(self, request):
        """The original a new translation is for, named by the add form's address or POST."""
        data = request.POST if request.method == "POST" else request.GET
        try:
            content_type = ContentType.objects.get_for_id(int(data.get("content_type", "")))
            model = content_type.model_class()
            if not translated_fields(model):
                raise ValueError
            return get_object_or_404(model, pk=int(data.get("object_id", "")))
        except (ValueError, ContentType.DoesNotExist):
            raise BadRequest(gettext("Open a new translation from its original’s page.")) from None

    def save_model(self, request, obj, form, change):
        obj.updated_by = request.user
        if form.cleaned_data.get("ready"):
            mark_ready(translation=obj, user=request.user)
        else:
            obj.ready = False
            obj.save()

    def get_urls(self):
        translate = self.admin_site.admin_view(self.translate_view)
        return [
            path(
                "translate/<int:content_type>/<int:object_id>/<str:language>/",
                translate,
                name="translations_translation_translate",
            ),
            *super().get_urls(),
        ]

    def translate_view(self, request, content_type, object_id, language):
        """Where "Translate into ..." leads: the translation's form, or a new one."""
        if language not in TRANSLATED:
            raise BadRequest(gettext("No such language."))
        found = Translation.objects.filter(
            content_type_id=content_type, object_id=object_id, language=language
        ).first()
        if found is not None:
            return HttpResponseRedirect(
                reverse("admin:translations_translation_change", args=[found.pk])
            )
        if not self.has_add_permission(request):
            raise PermissionDenied
        query = urlencode(
            {"content_type": content_type, "object_id": object_id, "language": language}
        )
        return HttpResponseRedirect(f"{reverse('admin:translations_translation_add')}?{query}")

    @admin.display(description=_("original"))
    def original_name(self, translation):
        return str(translation.original)

    @admin.display(description=_("kind"))
    def kind(self, translation):
        return translation.content_type.name

    @admin.display(description=_("original"))
    def original_link(self, translation):
        original = translation.original
        opts = original._meta
        url = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[original.pk])
        return format_html('<a href="{}">{}</a> ({})', url, original, opts.verbose_name)

    @admin.display(description=_("what changed in the original since it was translated"))
    def changes_in_original(self, translation):
        changes = changes_since_made(translation)
        if not changes:
            return gettext("Nothing.")
        model = translation.content_type.model_class()
        # Each diff is escaped piece by piece by html_diff(); only its <del> and <ins> are markup.
        return format_html(
            '<dl class="translation-diff">{}</dl>',
            format_html_join(
                "",
                "<dt>{}</dt><dd>{}</dd>",
                (
                    (model._meta.get_field(name).verbose_name.capitalize(), mark_safe(diff))
                    for name, diff in changes
                ),
            ),
        )


class TranslationLinksMixin:
    """Links "Translate into Українська / Русский" on an original's change form."""

    def get_readonly_fields(self, request, obj=None):
        return (*super().get_readonly_fields(request, obj), "translations")

    def get_list_filter(self, request):
        filters = list(super().get_list_filter(request))
        # What waits for translation is counted of what readers see on its own page.
        if hasattr(self.model.objects, "published"):
            filters.append(MissingTranslationFilter)
        return filters

    def get_fieldsets(self, request, obj=None):
        """The links in a fieldset of their own, before the publication's if there is one."""
        fieldsets = [
            (name, {**options, "fields": [f for f in options["fields"] if f != "translations"]})
            for name, options in super().get_fieldsets(request, obj)
        ]
        if obj is not None and obj.pk is not None:
            names = [str(name) for name, _options in fieldsets]
            publication = str(PUBLICATION)
            at = names.index(publication) if publication in names else len(fieldsets)
            fieldsets.insert(at, (_("Translations"), {"fields": ["translations"]}))
        return fieldsets

    @admin.display(description=_("translations"))
    def translations(self, original):
        if original is None or original.pk is None:
            return "—"
        content_type = ContentType.objects.get_for_model(original)
        states = {
            t.language: t
            for t in Translation.objects.filter(content_type=content_type, object_id=original.pk)
        }
        links = []
        for language in Language:
            url = reverse(
                "admin:translations_translation_translate",
                args=[content_type.pk, original.pk, language.value],
            )
            found = states.get(language.value)
            links.append((url, language.value, language.label, translation_state(found)))
        return format_html_join(
            " · ",
            '<a href="{}">{} <span lang="{}">{}</span></a> ({})',
            (
                (url, gettext("Translate into"), code, label, state)
                for url, code, label, state in links
            ),
        )


def translation_state(translation):
    """A translation's state in the desk's words, "not started" when there is none."""
    if translation is None:
        return gettext("not started")
    if translation.outdated:
        return gettext("outdated")
    return gettext("ready") if translation.ready else gettext("not ready")
