"""Which language a request is answered in, and where the same page is in the other languages.

Readers' pages are routed through ``i18n_patterns`` (``newsroom/urls.py``): English at the
addresses they always had, Ukrainian under ``/uk/``, Russian under ``/ru/``. There the address
alone decides the language, never the browser or a cookie, so one address always holds one page
and the stored-page cache and any shared cache can keep it whoever asked first.

The desk (``/admin/`` and staff previews under ``/preview/``) has no prefix and follows the staff
member's own language: Django's language cookie, else the browser's Accept-Language. Everything
else (the API and its exports, oEmbed, robots.txt, the sitemaps) is English.
"""

from dataclasses import dataclass

from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.urls import reverse
from django.utils import translation
from django.utils.cache import patch_vary_headers

from newsroom.languages import content_language

# Where newsroom/urls.py mounts the desk and the staff previews.
DESK_ADDRESSES = ("/admin/", "/preview/")


def prefixed_languages():
    """The languages whose pages live under a prefix: all but the default, English."""
    return [code for code, _ in settings.LANGUAGES if code != settings.LANGUAGE_CODE]


def language_of_address(path):
    """The language of a reader's (or any public) address: its prefix's, else English."""
    first = path.lstrip("/").split("/", 1)[0]
    return first if first in prefixed_languages() else settings.LANGUAGE_CODE


def is_desk_address(path):
    return path.startswith(DESK_ADDRESSES)


def language_tag(code=None):
    """A language code as BCP 47 writes it, for ``lang`` and ``inLanguage``: "en-gb" is "en-GB".

    The active language when no code is given.
    """
    return translation.to_locale(code or translation.get_language()).replace("_", "-")


class AddressLocaleMiddleware(LocaleMiddleware):
    """Django's LocaleMiddleware, choosing the language by the rules above.

    Django's own, with ``prefix_default_language=False``, already takes an unprefixed address
    as English; it would also take the desk as English, and it marks every unprefixed answer
    ``Vary: Accept-Language``. A reader's page does not vary by that header (its address says
    its language), and the mark would make a shared cache keep a copy per browser language of
    the same English page, so only the desk's answers, which do follow it, say so.

    It comes first in MIDDLEWARE, before ``StoredPageMiddleware``, so that the stored-page cache
    looks the page up (``resolve()`` under ``i18n_patterns`` reads the active language) and
    keys it in the language it is answered in.
    """

    def process_request(self, request):
        if is_desk_address(request.path_info):
            language = translation.get_language_from_request(request)
        else:
            language = language_of_address(request.path_info)
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()

    def process_response(self, request, response):
        # Not Django's: its redirect to a prefixed address is for prefix_default_language=True.
        if is_desk_address(request.path_info):
            patch_vary_headers(response, ("Accept-Language", "Cookie"))
        response.headers.setdefault("Content-Language", translation.get_language())
        # The next request on this thread (or a test's code after its request) starts afresh.
        translation.deactivate()
        return response


def address_prefixes():
    """[(hreflang, prefix)] of every language: what goes before an English reader's address to
    make the same page's address in that language ("" for English, "/uk" for Ukrainian)."""
    prefixes = []
    for code, _ in settings.LANGUAGES:
        with translation.override(code):
            prefixes.append((content_language(code), reverse("home").removesuffix("/")))
    return prefixes


@dataclass(frozen=True)
class PageLanguage:
    code: str  # as in settings.LANGUAGES
    name: str  # in its own language
    tag: str  # BCP 47, for lang=
    hreflang: str  # "en", "uk" or "ru"
    path: str  # the page in this language, with the query it was asked with
    url: str  # the same, absolute
    is_current: bool
    is_default: bool  # English, for hreflang="x-default"


def page_languages(request):
    """This page in each language, or nothing for a page that is not a reader's page.

    From the route the request matched, reversed in each language with the same arguments,
    so it reads nothing from the database. The query kept is the one the view reads (a cached
    page's ``request.GET`` holds only that, see ``newsroom.caching``), filters included.
    """
    match = request.resolver_match
    if match is None or not match.url_name:
        return []
    query = request.GET.urlencode()
    current = translation.get_language()
    paths = {}
    for code, _ in settings.LANGUAGES:
        with translation.override(code):
            path = reverse(match.view_name, args=match.args, kwargs=match.kwargs)
        paths[code] = f"{path}?{query}" if query else path
    if len(set(paths.values())) < len(paths):
        return []  # the same address in every language: the desk, a preview, the API
    return [
        PageLanguage(
            code=code,
            name=name,
            tag=language_tag(code),
            hreflang=content_language(code),
            path=paths[code],
            url=request.build_absolute_uri(paths[code]),
            is_current=code == current,
            is_default=code == settings.LANGUAGE_CODE,
        )
        for code, name in settings.LANGUAGES
    ]
