"""Which models carry translations, and which of their fields are translated.

Keyed by model label; the order of the fields is the order the desk shows them in.
"""

from django.apps import apps

TRANSLATED_FIELDS = {
    "timeline.storyline": ("title", "summary"),
    "timeline.place": ("name", "region", "country"),
    "sources.party": ("name",),
    "sources.source": ("name", "short_name", "country", "description"),
    "timeline.event": ("title", "summary", "body", "verification_note", "image_alt"),
    "timeline.eventcorrection": ("note",),
    "articles.article": ("headline", "standfirst", "body", "lead_image_caption", "lead_image_alt"),
    "articles.articlecorrection": ("note",),
}


def translated_fields(model):
    """The translated fields of a model (or instance), or () if it carries no translations."""
    return TRANSLATED_FIELDS.get(model._meta.label_lower, ())


def registered_models():
    return [apps.get_model(label) for label in TRANSLATED_FIELDS]


def original_values(instance):
    """{field: text} of an original's translated fields, as stored in ``made_from``."""
    return {name: getattr(instance, name) for name in translated_fields(instance)}
