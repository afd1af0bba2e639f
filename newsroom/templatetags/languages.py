"""The page's language for ``<html lang>``, and the page in every language (the switcher and
the ``hreflang`` links in base.html)."""

from django import template
from django.utils import translation

from newsroom import locale_urls

register = template.Library()


@register.simple_tag
def language_tag():
    """The active language in BCP 47: "en-GB", "uk" or "ru"."""
    return locale_urls.language_tag()


@register.simple_tag(takes_context=True)
def page_languages(context):
    """``locale_urls.page_languages`` for the request being answered; none without one."""
    request = context.get("request")
    return locale_urls.page_languages(request) if request is not None else []


# Open Graph writes a locale as language_TERRITORY; a bare language gets the usual territory.
OPEN_GRAPH_LOCALES = {"uk": "uk_UA", "ru": "ru_RU"}


@register.simple_tag
def open_graph_locale():
    """The active language as ``og:locale`` wants it: "en_GB", "uk_UA" or "ru_RU"."""
    locale = translation.to_locale(translation.get_language())
    return OPEN_GRAPH_LOCALES.get(locale, locale)
