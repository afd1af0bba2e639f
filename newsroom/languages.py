"""The story's languages: written in English, translated into Ukrainian and Russian.

The interface follows Django's active language (settings.LANGUAGES); content is stored in
English and carries translations keyed by the short codes below.
"""

import contextlib

from django.utils import translation

ORIGINAL = "en"
TRANSLATED = ("uk", "ru")
CONTENT_LANGUAGES = (ORIGINAL, *TRANSLATED)


def content_language(language=None):
    """The content language for an interface language: "en-gb" reads "en", "uk" reads "uk"."""
    code = (language or translation.get_language() or ORIGINAL).split("-")[0].lower()
    return code if code in TRANSLATED else ORIGINAL


def speaking(language):
    """The interface in the content ``language`` for the ``with`` block; English leaves the
    active language alone (the address's, for the API and the exports: English)."""
    return contextlib.nullcontext() if language == ORIGINAL else translation.override(language)


def made_in(language, pieces):
    """Each of ``pieces`` (an iterator a streamed answer sends) made with the interface in the
    content ``language``: a stream's pieces are made after its view has returned, outside any
    ``speaking()`` block the view held."""
    pieces, end = iter(pieces), object()
    while True:
        with speaking(language):
            piece = next(pieces, end)
        if piece is end:
            return
        yield piece
