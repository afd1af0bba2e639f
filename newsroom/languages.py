"""The story's languages: written in English, translated into Ukrainian and Russian.

The interface follows Django's active language (settings.LANGUAGES); content is stored in
English and carries translations keyed by the short codes below.
"""

from django.utils import translation

ORIGINAL = "en"
TRANSLATED = ("uk", "ru")
CONTENT_LANGUAGES = (ORIGINAL, *TRANSLATED)


def content_language(language=None):
    """The content language for an interface language: "en-gb" reads "en", "uk" reads "uk"."""
    code = (language or translation.get_language() or ORIGINAL).split("-")[0].lower()
    return code if code in TRANSLATED else ORIGINAL
