"""How every API response is made: JSON, open to any origin, read-only, paged, validated.

``read_only(public_page(view))`` is the stack each route gets in ``urls.py``: ``public_page``
gives the ETag, the 304 and the stored copy; ``read_only`` around it answers preflights and other
methods, turns a matching ``If-Modified-Since`` into a 304 (also for a stored copy) and opens
every answer, 304s and errors included, to reading from any origin.
"""

import functools
import json

from django.core.paginator import EmptyPage, Paginator
from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpResponse
from django.utils.cache import get_conditional_response
from django.utils.http import http_date, parse_http_date_safe, urlencode
from django.views.decorators.csrf import csrf_exempt

from newsroom.languages import ORIGINAL, speaking
from newsroom.translations.overlay import LANGUAGE_PARAMETER, asked_language, localize

CONTENT_TYPE = "application/json; charset=utf-8"
READ_METHODS = "GET, HEAD, OPTIONS"
PAGE_SIZE = 50
# A page is one response: past this it costs the server more than it saves the client.
MAX_PAGE_SIZE = 100
# Browsers may keep a preflight answer this long (seconds) before asking again.
PREFLIGHT_MAX_AGE = 86400


class ApiError(Exception):
    """A request the API refuses; each problem is a dict naming a parameter, its value, why."""

    def __init__(self, status, detail, problems=()):
        super().__init__(detail)
        self.status = status
        self.detail = detail
        self.problems = list(problems)


def problem(parameter, value, message):
    return {"parameter": parameter, "value": value, "message": message}


def bad_query(*problems):
    return ApiError(400, "The query string has values this API cannot answer.", problems)


def json_response(data, *, status=200, last_modified=None):
    content = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False)
    response = HttpResponse(content, status=status, content_type=CONTENT_TYPE)
    if last_modified is not None:
        response["Last-Modified"] = http_date(last_modified.timestamp())
    return response


def error_response(status, detail, problems=()):
    return json_response(
        {"status": status, "detail": detail, "problems": list(problems)}, status=status
    )


def json_view(view):
    """The inner view: an ApiError or a 404 becomes a JSON answer saying what was wrong.

    Errors are not stored by ``public_page`` (only 200s are), so they cost their queries again.
    """

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except ApiError as error:
            return error_response(error.status, error.detail, error.problems)
        except Http404 as missing:
            return error_response(404, str(missing) or "There is nothing published here.")

    return wrapped


def read_only(view):
    """The outer wrapper: methods, CORS and If-Modified-Since for a ``public_page`` view."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        if request.method == "OPTIONS":
            response = HttpResponse(status=204)
            response["Access-Control-Allow-Methods"] = READ_METHODS
            response["Access-Control-Allow-Headers"] = "If-None-Match, If-Modified-Since"
            response["Access-Control-Max-Age"] = str(PREFLIGHT_MAX_AGE)
        elif request.method not in ("GET", "HEAD"):
            response = error_response(
                405, f"This API is read-only: {request.method} is not allowed; use GET."
            )
        else:
            response = modified_since(request, view(request, *args, **kwargs))
        if response.status_code in (204, 405):
            response["Allow"] = READ_METHODS
        response["Access-Control-Allow-Origin"] = "*"
        # Scripts on other sites may read the validators too, to make conditional requests.
        response["Access-Control-Expose-Headers"] = "ETag, Last-Modified"
        return response

    # Nothing here changes state, and every unsafe method gets this 405, not the CSRF 403.
    return csrf_exempt(wrapped)


def modified_since(request, response):
    """A 304 for a 200 whose Last-Modified is no newer than If-Modified-Since.

    ``public_page`` has already answered If-None-Match, which wins when both are sent (RFC 9110
    13.2.2); Django's helper applies that rule again and keeps the validators on the 304.
    """
    last_modified = parse_http_date_safe(response.get("Last-Modified", ""))
    if response.status_code != 200 or last_modified is None:
        return response
    return get_conditional_response(
        request, etag=response.get("ETag"), last_modified=last_modified, response=response
    )


def page_problems(request):
    """What is wrong with ``page`` and ``page_size``, if anything, as problems."""
    problems = []
    number = request.GET.get("page", "1")
    if not whole_number(number, 1):
        problems.append(
            problem("page", number, f"“{number}” is not a page number: pages count 1, 2, 3.")
        )
    size = request.GET.get("page_size", str(PAGE_SIZE))
    if not whole_number(size, 1, MAX_PAGE_SIZE):
        problems.append(
            problem(
                "page_size",
                size,
                f"“{size}” is not a page size: give a whole number from 1 to {MAX_PAGE_SIZE}.",
            )
        )
    return problems


def whole_number(text, low, high=None):
    """Digits only (no sign, space or exponent), few enough for int(), from low to high."""
    if not (text.isascii() and text.isdigit() and len(text.lstrip("0")) <= 18):
        return False
    return low <= int(text) and (high is None or int(text) <= high)


def paginated(request, items, represent, *, count=None):
    """The envelope of a list: ``count``, absolute ``next`` and ``previous``, ``results``.

    A page number that is not a positive whole number is a 400; a page past the last is a 404.
    The first page of an empty list is an empty page, not an error. ``count`` is the number of
    items when it is known already, so that nothing counts them again.
    """
    if problems := page_problems(request):
        raise bad_query(*problems)
    number = int(request.GET.get("page", "1"))
    size = int(request.GET.get("page_size", str(PAGE_SIZE)))
    paginator = Paginator(items, size)
    if count is not None:
        paginator.count = count
    try:
        page = paginator.page(number)
    except EmptyPage:
        raise Http404(f"There is no page {number}: the last is {paginator.num_pages}.") from None
    results = [represent(item) for item in localize(page.object_list, language_of(request))]
    return {
        "count": page.paginator.count,
        "next": page_link(request, page.next_page_number()) if page.has_next() else None,
        "previous": (
            page_link(request, page.previous_page_number()) if page.has_previous() else None
        ),
        "results": results,
    }


def page_link(request, number):
    # In the order public_page stores pages under, so every page names another the same way.
    query = sorted((dict(request.GET.lists()) | {"page": [str(number)]}).items())
    return request.build_absolute_uri(f"{request.path}?{urlencode(query, doseq=True)}")


def newest(moments):
    """The latest of some moments, ignoring missing ones; None if there are none."""
    return max((moment for moment in moments if moment is not None), default=None)


def in_asked_language(view):
    """The view with the interface in the language ``?lang=`` asks for, so that its labels,
    dates and attribution lines agree with the translated content; a wrong value is left for
    the view to refuse (``language_of``)."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        try:
            language = asked_language(request.GET)
        except ValueError:
            language = ORIGINAL
        with speaking(language):
            return view(request, *args, **kwargs)

    return wrapped


def language_of(request):
    """The content language ``?lang=`` asks for; a 400 naming the choices for any other."""
    try:
        return asked_language(request.GET)
    except ValueError as error:
        value = request.GET[LANGUAGE_PARAMETER]
        raise bad_query(problem(LANGUAGE_PARAMETER, value, str(error))) from None
