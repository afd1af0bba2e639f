from django import forms
from django.utils.html import format_html
from django.utils.translation import gettext

from .models import Translation
from .registry import original_values


def translation_form(original):
    """A form for a translation of ``original``: one input per translated field, each labelled
    with the field's name and showing the English text it translates."""
    text_fields = {}
    for name, text in original_values(original).items():
        model_field = original._meta.get_field(name)
        widget = (
            forms.Textarea(attrs={"rows": 4})
            if model_field.get_internal_type() == "TextField"
            else forms.TextInput(attrs={"size": 80})
        )
        text_fields[name] = forms.CharField(
            label=model_field.verbose_name.capitalize(),
            required=False,
            widget=widget,
            # The admin shows help text as HTML: the original's text goes in escaped.
            help_text=format_html("{} {}", gettext("English:"), text or gettext("(empty)")),
        )
    return type(
        "TranslationForm", (TranslationTextForm,), {**text_fields, "text_names": tuple(text_fields)}
    )


class TranslationTextForm(forms.ModelForm):
    """Reads and writes the translated texts kept in ``Translation.fields``."""

    text_names = ()  # the original's translated fields, one input each

    class Meta:
        model = Translation
        fields = ["content_type", "object_id", "language", "ready"]
        widgets = {"content_type": forms.HiddenInput, "object_id": forms.HiddenInput}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        instance = self.instance
        for name in self.text_names:
            self.initial.setdefault(name, instance.fields.get(name, ""))
        # An outdated translation is ready again only when the translator says so.
        if instance.pk is not None:
            self.initial["ready"] = instance.ready and not instance.outdated

    def save(self, commit=True):
        self.instance.fields = {
            name: text for name in self.text_names if (text := self.cleaned_data[name].strip())
        }
        return super().save(commit)
