"""Marking an original shown in place of its translation, for readers and screen readers."""

from django import template
from django.utils.html import format_html

from newsroom.languages import ORIGINAL

register = template.Library()

# The BCP 47 tag of the language originals are written in.
ORIGINAL_TAG = "en"


@register.filter
def original_lang(item):
    """` lang="en"` on an element showing an item's English original on a page in another
    language (see translations.overlay), so a screen reader reads it in an English voice."""
    if getattr(item, "shown_language", None) == ORIGINAL:
        return format_html(' lang="{}"', ORIGINAL_TAG)
    return ""
