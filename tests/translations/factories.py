from newsroom.translations.models import Translation
from newsroom.translations.services import mark_ready


def translate(original, language="uk", *, ready=True, **fields):
    """A translation of ``original``; marked ready (made from the original as it stands) unless
    told otherwise."""
    translation = Translation.objects.create(original=original, language=language, fields=fields)
    if ready:
        mark_ready(translation=translation)
    return translation
