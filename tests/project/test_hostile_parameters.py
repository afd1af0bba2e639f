"""Hostile input on every public address: a clear 400, a 404 or a result, never a 500.

The cases are made from the URLconf, the timeline's filters and the submission form: every route
outside the admin, each with every GET parameter its view reads and with hostile text in every
route capture, and every field of the submission form's POST. A view that starts reading a
parameter not listed here, a new route, a new filter or a new form field fails a test below
until it has hostile cases of its own.

Raw query strings are written percent-encoded, as a client sends them: ``%00`` is a NUL byte,
``%ff`` and ``%c3%28`` are bytes that are not UTF-8.
"""

import datetime
import re
from urllib.parse import urlencode

import django_filters
import pytest
from django import forms
from django.contrib.auth.models import User
from django.core.handlers import wsgi
from django.http import QueryDict
from django.urls import URLResolver, get_resolver

from newsroom import caching
from newsroom.feeds import FORMATS
from newsroom.moderation.forms import SubmissionForm
from newsroom.previews.services import preview_link_create
from tests.factories import (
    make_article,
    make_citation,
    make_event,
    make_party,
    make_place,
    make_source,
    make_storyline,
)
from tests.moderation.factories import form_data, make_submission
from timeline.filters import ORDERS, EventFilter

pytestmark = pytest.mark.django_db

# Sent in every parameter, every route capture and every form field.
BROKEN_TEXT = ["%00", "a%00b", "%ff", "%c3%28", "%ed%a0%80"]  # the last: a UTF-8 surrogate
TEXT = [*BROKEN_TEXT, "", "x" * 5000, "%27%22%3C%3E%3B--", "%25"]
DATES = [
    *("0001-01-01", "0001-01-02", "9999-12-30", "9999-12-31", "0000-01-01", "10000-01-01"),
    *("2024-13-01", "2024-01-32", "2024-02-30", "-2024-01-01", "", *BROKEN_TEXT),
]
NUMBERS = [
    *("0", "-1", "1", "2", str(2**63), str(2**63 - 1), str(2**64), "9" * 5000, "0" * 50 + "1"),
    *("1.5", "1e3", "abc", "", "%20", "+1", "1_000", "%C2%B2", "%D9%A3", *BROKEN_TEXT),
]
MOMENTS = [
    "0001-01-01T00:00:00%2B00:00",
    "0001-01-01T00:00:00%2B14:00",  # before the year 1 in UTC
    "9999-12-31T23:59:59.999999%2B00:00",
    "9999-12-31T23:59:59-14:00",  # after the year 9999 in UTC
    "2024-13-01T00:00:00%2B00:00",
    "2024-08-06T05:30:00",  # no offset
    *("2024-08-06", "", "%20", "0", str(2**63), *BROKEN_TEXT),
]
TIMES = ["00:00", "23:59", "24:00", "25:99", "-1:00", "23:59:60", "", *BROKEN_TEXT]
VALUES = {"text": TEXT, "date": DATES, "number": NUMBERS, "moment": MOMENTS, "time": TIMES}


def filter_kind(filter):
    """The hostile values a filter of the timeline gets; None for a type nobody thought about."""
    if isinstance(filter, django_filters.DateFilter):
        return "date"
    if isinstance(filter, django_filters.ChoiceFilter | django_filters.CharFilter):
        return "text"
    return None


# Every filter of the timeline, as (kind, what a 400 calls it): made from EventFilter itself.
FILTERS = {
    name: (filter_kind(filter), f"{filter.label}:")
    for name, filter in EventFilter.base_filters.items()
}
API_PAGES = {
    "page": ("number", '"parameter": "page"'),
    "page_size": ("number", '"parameter": "page_size"'),
}
API_FILTERS = {name: (kind, f'"parameter": "{name}"') for name, (kind, _) in FILTERS.items()}
READER_PAGE = {"page": ("number", "page number")}

# route name: {GET parameter: (kind of value, what a 400 that refuses it says)}. A route the
# URLconf has but this table does not fails test_every_route_is_listed.
# The language the API and the exports are asked for (newsroom/translations/overlay.py).
API_LANGUAGE = {"lang": ("text", '"parameter": "lang"')}
EXPORT_LANGUAGE = {"lang": ("text", "Lang:")}
PARAMETERS = {
    "home": {},
    "robots_txt": {},
    "sitemap": {},
    "sitemap_section": {"p": ("number", "sitemap page number")},
    "timeline:event_list": {
        **FILTERS,
        "page": ("number", "Page:"),
        "date": ("date", "Jump to date:"),
    },
    "timeline:live": {**FILTERS, "since": ("moment", "Since:")},
    "timeline:embed": {**FILTERS, "page": ("number", "Page:")},
    "timeline:embed_map": FILTERS,
    "oembed": {
        "url": ("text", '"parameter": "url"'),
        "maxwidth": ("number", '"parameter": "maxwidth"'),
        "maxheight": ("number", '"parameter": "maxheight"'),
        "format": ("text", '"parameter": "format"'),
    },
    "timeline:map": {**FILTERS, "day": ("date", "Show the map as it stood at the end of:")},
    "timeline:event_detail": {},
    "exports:timelinejs": {**FILTERS, **EXPORT_LANGUAGE},
    "exports:csv": {**FILTERS, **EXPORT_LANGUAGE},
    "exports:geojson": {**FILTERS, **EXPORT_LANGUAGE},
    "articles:article_list": READER_PAGE,
    "articles:article_detail": {},
    "sources:source_list": {},
    "sources:source_detail": READER_PAGE,
    **{
        f"feeds:{feed}_{ext}": {}
        for feed in ("timeline", "storyline", "articles")
        for ext in FORMATS
    },
    # Staff only: an anonymous reader is sent to log in, or refused (revoke takes POST only).
    "previews:item": {},
    "previews:links": {},
    "previews:revoke": {},
    "previews:shared": {},
    "moderation:submit": {"event": ("text", "event")},
    "moderation:receipt": {},
    "api:index": {},
    "api:openapi": {},
    "api:event_list": {**API_FILTERS, **API_PAGES, **API_LANGUAGE},
    **{
        f"api:{what}_list": {**API_PAGES, **API_LANGUAGE}
        for what in ("storyline", "place", "source", "article")
    },
    **{
        f"api:{what}_detail": API_LANGUAGE
        for what in ("event", "storyline", "place", "source", "article")
    },
}

# What a route cannot answer without: each case sends these unless it tries the parameter itself.
NEEDED = {"timeline:live": {"since": ""}, "oembed": {"url": "http://testserver/timeline/"}}

# How a date is found depends on the order (the jump to a date counts the events before it
# in the order the page lists them), so every date goes in each order a route offers.
ORDER_NAMES = [value for value, label in ORDERS]


def public_routes(patterns=None, prefix="", namespace=""):
    """{route name: route} for every route outside the admin, e.g. 'events/<slug:slug>/'."""
    routes = {}
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            if entry.namespace == "admin":
                continue
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            routes.update(public_routes(entry.url_patterns, route, inner))
        else:
            routes[f"{namespace}{entry.name}"] = route
    return routes


ROUTES = public_routes()
CAPTURE = re.compile(r"<(?:\w+:)?(\w+)>")


@pytest.fixture
def story(settings):
    """One of everything the public routes show, published, and the captures that reach it."""
    settings.SUBMISSION_RATE_LIMIT = settings.SUBMISSION_ATTEMPT_LIMIT = 10_000
    storyline, place = make_storyline(), make_place(latitude=51.2, longitude=35.3)
    event = make_event(storylines=[storyline], place=place, start_day=6)
    source = make_source(party=make_party())
    make_citation(event, source)
    article = make_article(events=[event])
    editor = User.objects.create_superuser("editor", password="pass-for-tests")
    link = preview_link_create(item=event, lifetime=datetime.timedelta(days=1), created_by=editor)
    submission = make_submission(event=event)
    return {
        "slug": {
            "timeline:event_detail": event.slug,
            "api:event_detail": event.slug,
            "api:storyline_detail": storyline.slug,
            "api:place_detail": place.slug,
            "api:source_detail": source.slug,
            "sources:source_detail": source.slug,
            "api:article_detail": article.slug,
            "articles:article_detail": article.slug,
            **{f"feeds:storyline_{ext}": storyline.slug for ext in FORMATS},
        },
        "token": {
            "moderation:receipt": submission.receipt_token,
            "previews:shared": link.token,
        },
        "section": "events",
        "label": "timeline.event",
        "pk": event.pk,
        "link_id": link.pk,
    }


def path_of(name, story, **hostile):
    """The route's path with real captures, except those given raw in ``hostile``."""

    def capture(match):
        capture_name = match[1]
        if capture_name in hostile:
            return hostile[capture_name]
        value = story[capture_name]
        return str(value[name] if isinstance(value, dict) else value)

    return "/" + CAPTURE.sub(capture, ROUTES[name])


def get(client, path, query=""):
    return client.get(f"{path}?{query}" if query else path)


@pytest.fixture
def client(client):
    """A client that answers an error as a reader gets it, so one test sees every 500."""
    client.raise_request_exception = False
    return client


def problem_with(response, query, mention=None):
    """What is wrong with the answer to a hostile request, or None when it is a fair one."""
    if response.status_code >= 500:
        error = response.exc_info[1] if response.exc_info else None
        return f"{query}: {response.status_code} ({error!r})"
    if response.status_code == 400 and mention:
        text = response.content.decode(errors="replace")
        if mention not in text:
            return f"{query}: a 400 that does not name {mention!r}: {text[:300]!r}"
    return None


def parameter_cases():
    return [
        pytest.param(name, parameter, id=f"{name}?{parameter}")
        for name, parameters in PARAMETERS.items()
        for parameter in parameters
    ]


@pytest.mark.parametrize(("name", "parameter"), parameter_cases())
def test_every_parameter_answers_its_extremes_without_a_500(client, story, name, parameter):
    kind, mention = PARAMETERS[name][parameter]
    orders = ORDER_NAMES if kind == "date" and "order" in PARAMETERS[name] else [None]
    path = path_of(name, story)
    needed = {key: value for key, value in NEEDED.get(name, {}).items() if key != parameter}
    problems = []
    for order in orders:
        for value in VALUES[kind]:
            others = urlencode({**needed, **({"order": order} if order else {})})
            query = "&".join(filter(None, [f"{parameter}={value}", others]))
            problems.append(problem_with(get(client, path, query), query, mention))
    assert not list(filter(None, problems))


def capture_cases():
    return [
        pytest.param(name, capture, id=f"{name}<{capture}>")
        for name, route in ROUTES.items()
        for capture in CAPTURE.findall(route)
    ]


@pytest.mark.parametrize(("name", "capture"), capture_cases())
def test_every_route_capture_refuses_broken_text_without_a_500(client, story, name, capture):
    problems = []
    for value in BROKEN_TEXT:
        path = path_of(name, story, **{capture: value})
        problems.append(problem_with(get(client, path), path))
    assert not list(filter(None, problems))


def submission_kind(field):
    if isinstance(field, forms.FileField):
        return None  # the photo's own hostile cases: tests/moderation/test_hostile_input.py
    if isinstance(field, forms.DateField):
        return "date"
    if isinstance(field, forms.TimeField):
        return "time"
    return "text"


SUBMISSION_FIELDS = {
    name: kind
    for name, field in SubmissionForm().fields.items()
    if (kind := submission_kind(field))
}


@pytest.mark.parametrize("field", SUBMISSION_FIELDS)
def test_every_submission_field_refuses_hostile_text_without_a_500(client, story, field):
    """Posted as a browser posts a form without a file, each field given each hostile value."""
    others = form_data(**{"event": story["slug"]["timeline:event_detail"], field: None})
    problems = []
    for value in VALUES[SUBMISSION_FIELDS[field]]:
        body = f"{urlencode(others)}&{field}={value}"
        response = client.post("/submit/", body, content_type="application/x-www-form-urlencoded")
        problems.append(problem_with(response, f"{field}={value}"))
        if response.status_code == 200:  # the form again: it must say what was wrong
            if not response.context["form"].errors:
                problems.append(f"{field}={value}: the form came back without an error")
    assert not list(filter(None, problems))


# The lists above must keep up with the code.


def test_every_route_is_listed():
    assert set(ROUTES) == set(PARAMETERS)


def test_every_filter_has_hostile_values():
    assert all(kind in VALUES for kind, mention in FILTERS.values()), FILTERS


class RecordedQuery(QueryDict):
    """A query string that notes every name a view reads from it."""

    names_read = set()

    def __getitem__(self, key):
        self.names_read.add(key)
        return super().__getitem__(key)

    def __contains__(self, key):
        self.names_read.add(key)
        return super().__contains__(key)

    def getlist(self, key, default=None):
        self.names_read.add(key)
        return super().getlist(key, default)


@pytest.mark.parametrize("name", PARAMETERS)
def test_every_parameter_a_view_reads_is_listed(client, story, monkeypatch, name):
    # request.GET is made by the WSGI handler, and made again by the page cache with only the
    # parameters a cached view says it reads: record what the view reads from either.
    monkeypatch.setattr(wsgi, "QueryDict", RecordedQuery)
    monkeypatch.setattr(caching, "QueryDict", RecordedQuery)
    monkeypatch.setattr(RecordedQuery, "names_read", set())
    caching._query_read.cache_clear()  # the cache parses each query once per process
    # Not empty: django-filter reads an empty query string as a plain dict, not as request.GET.
    # Views that copy the query string for their links go through every name, this one too.
    get(client, path_of(name, story), "unlisted=1")
    assert RecordedQuery.names_read - {"unlisted"} == set(PARAMETERS[name])
