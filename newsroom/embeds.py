"""Pages a partner can put in their own page: the embeds, their code, and the oEmbed endpoint.

An embed is a small page of its own (``templates/embed/base.html``) that any site may frame;
every other page keeps refusing to be framed. It is a public page like the others, wrapped in
``public_page`` where ``urls.py`` routes it, so it is stored and revalidated like them.
``embeddable`` is what lets it be framed and keeps every cookie off it; its stylesheet is
inline, allowed by its hash, so nothing holds back its first paint.

A page that has an embed says so with ``offer()`` beside its route; its "Embed" button
(``templates/includes/embed_button.html``) and its oEmbed discovery link then come from
``embed_code()``, and ``/oembed?url=<its address>`` answers for it. The embed carries the
page's filters, never its page number or anything a partner added.
"""

import base64
import functools
import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.http import Http404, QueryDict
from django.urls import Resolver404, resolve, reverse
from django.utils import translation
from django.utils.html import format_html
from django.utils.http import split_header_value, urlencode
from django.utils.safestring import mark_safe
from django.utils.translation import gettext
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.csp import csp_override

from newsroom.api.http import bad_query, error_response, json_response, problem
from newsroom.locale_urls import language_of_address
from newsroom.structured_data import SITE_NAME

STYLESHEET = "css/embed.css"
# What an embed may inline after it, each allowed by its own hash: the map's drawing.
ADDED_STYLESHEETS = ("css/map.css",)
# The size an embed is offered at, unless a partner's oEmbed request asks for less.
WIDTH, HEIGHT = 640, 600
MAX_PIXELS = 100_000  # the largest maxwidth or maxheight taken; no screen is near it
# How long an oEmbed consumer may keep an answer (seconds): it changes only with a page's title.
OEMBED_CACHE_AGE = 3600


@functools.cache
def stylesheet(name=STYLESHEET):
    """One of the embeds' stylesheets, whole, as written into an embed's <style>."""
    if name not in (STYLESHEET, *ADDED_STYLESHEETS):
        raise ValueError(f"{name} is not an embed's stylesheet: no policy allows it inline.")
    with open(finders.find(name), encoding="utf-8") as file:
        return file.read()


def style_element(name=STYLESHEET):
    return mark_safe(f"<style>{stylesheet(name)}</style>")  # our own file, never readers' text


def frameable_policy():
    """The site's content policy, but framable by any site and with the inline stylesheets."""
    styles = []
    for name in (STYLESHEET, *ADDED_STYLESHEETS):
        digest = hashlib.sha256(stylesheet(name).encode()).digest()
        styles.append(f"'sha256-{base64.b64encode(digest).decode()}'")
    return {**settings.SECURE_CSP, "frame-ancestors": ["*"], "style-src": ["'self'", *styles]}


def embeddable(view):
    """Let any site frame the view's answers (no X-Frame-Options, frame-ancestors *, no opener
    policy), and keep them free of cookies (``EmbedsSetNoCookieMiddleware``).

    Wrap it inside ``public_page``, so that a stored copy keeps these headers."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        response.is_embed = True
        # The opener policy acts on a top-level page alone, and an embed lives in a frame with
        # nothing an opener could reach (no session, no form, no cookie). Opened on its own,
        # "same-origin" would have the browser start a new process for it before it paints
        # (about 45 ms more to the first paint in Chromium here).
        response.headers["Cross-Origin-Opener-Policy"] = "unsafe-none"
        return response

    return xframe_options_exempt(csp_override(frameable_policy())(wrapped))


class EmbedsSetNoCookieMiddleware:
    """Drop any cookie from an embed's answer, whatever the middleware below it added.

    An embed never uses the session, CSRF or messages, but their middleware still answers a
    reader's stale cookie by deleting it, or a malformed CSRF cookie with a new one (and a
    ``Vary: Cookie``). An embed sits in other sites' pages: it sets nothing and varies by no
    cookie, so it stays storable for every reader. Listed just below ``StoredPageMiddleware``,
    which then stores the answer as it leaves here.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if getattr(response, "is_embed", False):
            response.cookies.clear()
            vary = list(split_header_value(response.get("Vary", "")))
            kept = [name for name in vary if name.lower() != "cookie"]
            if kept != vary:
                response.headers["Vary"] = ", ".join(kept)
                if not kept:
                    del response.headers["Vary"]
        return response


class BadAddress(Exception):
    """A page address whose query the page cannot answer; each argument is one problem."""


@dataclass(frozen=True)
class Embeddable:
    page: str  # the route name of the page readers share
    embed: str  # the route name of its embed
    carries: tuple  # the query parameters the embed takes from the page (its filters)
    # (request, the page's query) -> the title of what the embed shows; raises BadAddress.
    describe: Callable


_offered = {}


def offer(page, *, embed, carries, describe):
    """Declare that the page routed as ``page`` has an embed, routed as ``embed``."""
    _offered[page] = Embeddable(page, embed, tuple(carries), describe)


def carried(embeddable, query):
    """The part of a page's query that its embed takes: its filters given a value, in order."""
    kept = [(name, value) for name in embeddable.carries for value in query.getlist(name) if value]
    return urlencode(kept)


def _address(request, name, query):
    path = reverse(name)
    return request.build_absolute_uri(f"{path}?{query}" if query else path)


@dataclass(frozen=True)
class EmbedCode:
    title: str
    url: str  # the embed, absolute
    oembed_url: str = ""  # oEmbed's answer for the page, absolute: its discovery link
    width: int = WIDTH
    height: int = HEIGHT

    @property
    def iframe(self):
        return format_html(
            '<iframe src="{}" title="{}" width="{}" height="{}" loading="lazy" '
            'style="border: 0; max-width: 100%"></iframe>',
            self.url,
            gettext("%(title)s, from %(site)s") % {"title": self.title, "site": SITE_NAME},
            self.width,
            self.height,
        )


def embed_code(request, title):
    """The embed of the page being answered, with the filters in its query."""
    embeddable = _offered[request.resolver_match.view_name]
    query = carried(embeddable, request.GET)
    page = _address(request, embeddable.page, query)
    oembed_query = urlencode({"url": page, "format": "json"})
    return EmbedCode(
        title=title,
        url=_address(request, embeddable.embed, query),
        oembed_url=request.build_absolute_uri(f"{reverse('oembed')}?{oembed_query}"),
    )


def pixels(value):
    """A size a consumer asks for, as a number of pixels; None when it is not one we take."""
    if value.isascii() and value.isdigit() and len(value) <= len(str(MAX_PIXELS)):
        number = int(value)
        return number if 0 < number <= MAX_PIXELS else None
    return None


def oembed(request):
    """oEmbed 1.0 (https://oembed.com): the embed of a page of this site, from its address.

    A page with no embed, or on another site, is a 404; a wrong value, a 400 saying which.
    """
    format_ = request.GET.get("format", "json")
    if format_ == "xml":
        return error_response(501, "Only JSON is offered.")  # as oEmbed asks
    problems = [] if format_ == "json" else [problem("format", format_, "Give json.")]
    size = {}
    for name, default in (("maxwidth", WIDTH), ("maxheight", HEIGHT)):
        value = request.GET.get(name)
        if value is None:
            size[name] = default
        elif pixels(value):
            size[name] = min(default, pixels(value))
        else:
            message = f"Give a whole number of pixels from 1 to {MAX_PIXELS}."
            problems.append(problem(name, value, message))
    url = request.GET.get("url", "")
    try:
        parts = urlsplit(url)
    except ValueError:
        parts = None
    if parts is None or parts.scheme not in ("http", "https") or not parts.netloc:
        problems.append(problem("url", url, "Give the full address of a page of this site."))
    if problems:
        raise bad_query(*problems)
    if parts.netloc.lower() != request.get_host().lower():
        raise Http404("That address is on another site.")
    path = unquote(parts.path)
    # The page's own language, which its address says: the embed is offered in it.
    with translation.override(language_of_address(path)):
        try:
            embeddable = _offered.get(resolve(path).view_name)
        except Resolver404:
            embeddable = None
        if embeddable is None:
            raise Http404("That page has no embed.")
        query = QueryDict(parts.query)
        try:
            title = embeddable.describe(request, query)
        except BadAddress as refused:
            raise bad_query(*(problem("url", url, text) for text in refused.args)) from None
        code = EmbedCode(
            title=title,
            url=_address(request, embeddable.embed, carried(embeddable, query)),
            width=size["maxwidth"],
            height=size["maxheight"],
        )
    return json_response(
        {
            "version": "1.0",
            "type": "rich",
            "title": title,
            "provider_name": SITE_NAME,
            "provider_url": request.build_absolute_uri(reverse("home")),
            "cache_age": OEMBED_CACHE_AGE,
            "html": code.iframe,
            "width": code.width,
            "height": code.height,
        }
    )
