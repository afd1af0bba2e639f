"""The OpenAPI 3.1 description of the API, written as Python data and served as JSON.

It is checked against what the endpoints return by tests/api (a schemathesis run among them), so
a change to a representation that is not made here too fails the suite. Objects allow no
properties beyond those listed, for the same reason.
"""

from django.urls import reverse

from newsroom.languages import CONTENT_LANGUAGES, ORIGINAL
from newsroom.sources.models import Citation, Source
from timeline.filters import FIRST_DAY, LAST_DAY, MAX_TEXT, ORDERS
from timeline.models import Event, Place

from .http import MAX_PAGE_SIZE, PAGE_SIZE

SLUG_PLACEHOLDER = "slug-placeholder"

DESCRIPTION = f"""\
Published events of the timeline, with the storylines, places and sources they use, and the
published articles. Nothing unpublished is ever listed or counted.

**Pages.** Lists come in pages of `page_size` items ({PAGE_SIZE} unless asked; at most
{MAX_PAGE_SIZE}: a larger `page_size` is refused with a 400, never quietly cut), as `count`,
absolute `next` and `previous` links and `results`. Order is stable: events in timeline order
(`order=newest` reverses it), articles newest first, the rest by name, each with a final tiebreak.

**Caching.** Every 200 carries an `ETag`, the exact validator: it changes whenever anything
public does. Items and pages also carry `Last-Modified`, the newest `updated_at` they show (none
for an empty page, the index or this document); as it is read from what is shown, an item that
leaves a list does not move it, so prefer `If-None-Match`. Either gets a 304 when nothing
changed; `If-None-Match` wins when both are sent.

**Cross-origin.** Every answer, errors and 304s included, carries
`Access-Control-Allow-Origin: *`; preflight `OPTIONS` requests are answered. Only GET and HEAD
are allowed; any other method gets a 405.

**Errors.** A bad query value gets a 400 naming each parameter, the value given and what is
wrong; an unknown item or a page past the end a 404. Unknown query parameters are ignored.
"""


def document(request):
    """The whole document, with the server address of the request it answers."""
    return {
        "openapi": "3.1.0",
        "info": {"title": "Newsroom timeline API", "version": "1.0", "description": DESCRIPTION},
        "servers": [{"url": request.build_absolute_uri("/").rstrip("/")}],
        "paths": paths(),
        "components": {
            "schemas": SCHEMAS,
            "parameters": PARAMETERS,
            "responses": RESPONSES,
            "headers": HEADERS,
        },
    }


def paths():
    collections = [
        ("event", "events", "Published events, filtered as the timeline filters them."),
        ("storyline", "storylines", "Storylines that published events belong to."),
        ("place", "places", "Places where published events happened."),
        ("source", "sources", "Sources that published events cite."),
        ("article", "articles", "Published articles, newest first."),
    ]
    found = {
        reverse("api:index"): operation(
            "index", "Links to every collection and to this document.", ref("Index")
        ),
        reverse("api:openapi"): operation(
            "openapi", "This document.", {"type": "object"}, last_modified=False
        ),
    }
    for name, plural, summary in collections:
        model = name.capitalize()
        filters = [param(p) for p in EVENT_FILTERS] if name == "event" else []
        found[reverse(f"api:{name}_list")] = operation(
            f"list_{plural}",
            summary,
            ref(f"{model}Page"),
            parameters=[*filters, param("page"), param("page_size"), param("lang")],
            errors=(400, 404),
            last_modified=True,
        )
        detail = reverse(f"api:{name}_detail", kwargs={"slug": SLUG_PLACEHOLDER})
        found[detail.replace(SLUG_PLACEHOLDER, "{slug}")] = operation(
            f"get_{name}",
            f"One {name}, by its slug; a 404 unless published (or used by a published event).",
            ref(model),
            parameters=[param("slug"), param("lang")],
            errors=(400, 404),
            last_modified=True,
        )
    return found


def operation(name, summary, schema, *, parameters=(), errors=(), last_modified=False):
    headers = {
        "ETag": header_ref("ETag"),
        "Access-Control-Allow-Origin": header_ref("AccessControlAllowOrigin"),
    }
    if last_modified:
        headers["Last-Modified"] = header_ref("LastModified")
    responses = {
        "200": {
            "description": "OK",
            "headers": headers,
            "content": {"application/json": {"schema": schema}},
        },
        "304": {"$ref": "#/components/responses/NotModified"},
    }
    for status in errors:
        responses[str(status)] = {"$ref": f"#/components/responses/Error{status}"}
    return {
        "get": {
            "operationId": name,
            "summary": summary,
            "parameters": list(parameters),
            "responses": responses,
        }
    }


def ref(name):
    return {"$ref": f"#/components/schemas/{name}"}


def param(name):
    return {"$ref": f"#/components/parameters/{name}"}


def header_ref(name):
    return {"$ref": f"#/components/headers/{name}"}


def nullable(schema):
    if "$ref" in schema:
        return {"anyOf": [schema, {"type": "null"}]}
    return {**schema, "type": [schema["type"], "null"]}


def obj(properties, *, description=None):
    """An object with exactly these properties, all of them always present."""
    schema = {
        "type": "object",
        "properties": properties,
        "required": list(properties),
        "additionalProperties": False,
    }
    if description:
        schema["description"] = description
    return schema


def enum(choices):
    return {"type": "string", "enum": [value for value, _label in choices]}


def choice(choices):
    """A stored value and the label readers see."""
    return obj({"value": enum(choices), "label": STRING})


STRING = {"type": "string"}
TEXT_OR_NULL = nullable(STRING)
URI = {"type": "string", "format": "uri"}
URI_OR_NULL = nullable(URI)
MOMENT = {"type": "string", "format": "date-time"}
DAY = {"type": "string", "format": "date"}
COUNT = {"type": "integer", "minimum": 0}
SLUG = {"type": "string", "pattern": r"^[-a-zA-Z0-9_]+$"}
# A date at its precision: "2024", "2024-08", "2024-08-06" or "2024-08-06T14:20+03:00".
PARTIAL_DATE = {
    "type": "string",
    "pattern": r"^\d{4}(-\d{2}(-\d{2}(T\d{2}:\d{2}[+-]\d{2}:\d{2})?)?)?$",
}
PRECISIONS = ["year", "month", "day", "hour", "minute"]
LINK = obj({"slug": SLUG, "api_url": URI})

PLACE_FIELDS = {
    "slug": SLUG,
    "name": STRING,
    "region": STRING,
    "country": STRING,
    "latitude": nullable({"type": "number", "minimum": -90, "maximum": 90}),
    "longitude": nullable({"type": "number", "minimum": -180, "maximum": 180}),
    "location_precision": {
        **enum(Place.LocationPrecision.choices),
        "description": "How exactly the coordinates locate it, and so how many decimal places "
        "they carry: a point 6, near a town 2 (about a kilometre), an area 1 (its centre, to "
        "about ten). A place may be held a step coarser for a while to keep people safe.",
    },
    "radius_km": nullable(
        {
            "type": "number",
            "minimum": 0,
            "description": "How far around the coordinates it may have happened, in whole "
            "kilometres; null for a point.",
        }
    ),
}
COLLECTION_LINKS = {
    "event_count": {**COUNT, "description": "How many published events use it."},
    "updated_at": {
        **MOMENT,
        "description": "When the newest of those events went public or was last corrected.",
    },
    "url": {**URI, "description": "Its public page, or the timeline filtered by it."},
    "api_url": URI,
    "events_url": {**URI, "description": "Its published events in this API."},
}


def image(*, caption=False):
    fields = {"url": URI, "width": COUNT, "height": COUNT, "alt": STRING}
    if caption:
        fields["caption"] = STRING
    fields["credit"] = STRING
    return nullable(obj(fields))


def page_of(name):
    return obj(
        {
            "count": {**COUNT, "description": "Items in the whole list, not just this page."},
            "next": URI_OR_NULL,
            "previous": URI_OR_NULL,
            "results": {"type": "array", "items": ref(name)},
        }
    )


SCHEMAS = {
    "Index": obj(
        {name: URI for name in ("events", "storylines", "places", "sources", "articles", "openapi")}
    ),
    "Problem": obj(
        {
            "parameter": {**TEXT_OR_NULL, "description": "null for a problem of several."},
            "value": TEXT_OR_NULL,
            "message": STRING,
        }
    ),
    "Error": obj(
        {
            "status": {"type": "integer"},
            "detail": STRING,
            "problems": {"type": "array", "items": ref("Problem")},
        }
    ),
    "Party": obj({"slug": SLUG, "name": STRING}),
    "Correction": obj({"note": STRING, "published_at": MOMENT}),
    "EventDate": obj(
        {
            "start": PARTIAL_DATE,
            "end": nullable(PARTIAL_DATE),
            "precision": {"type": "string", "enum": PRECISIONS},
            "approximate": {"type": "boolean"},
            "label": {**STRING, "description": "As readers see it, e.g. “c. August 2024”."},
        },
        # docs/design.md, rule 1.
        description="Dates at their precision: no invented day or hour.",
    ),
    "Citation": obj(
        {
            "source": obj({"slug": SLUG, "name": STRING, "api_url": URI}),
            "is_party": {"type": "boolean"},
            "party": nullable(ref("Party")),
            "stance": enum(Citation.Stance.choices),
            "speaker": TEXT_OR_NULL,
            "url": URI_OR_NULL,
            "title": TEXT_OR_NULL,
            "published_on": nullable(DAY),
            "quote": TEXT_OR_NULL,
        }
    ),
    "Event": obj(
        {
            "slug": SLUG,
            "url": URI,
            "api_url": URI,
            "title": STRING,
            "summary": STRING,
            "body": STRING,
            "date": ref("EventDate"),
            "place": nullable(obj(PLACE_FIELDS)),
            "storylines": {"type": "array", "items": obj({"slug": SLUG, "title": STRING})},
            "kind": choice(Event.Kind.choices),
            "verification": choice(Event.Verification.choices),
            # docs/design.md, rule 3.
            "verification_note": {
                **TEXT_OR_NULL,
                "description": "Why the newsroom calls it confirmed although every citation "
                "comes from one party; null otherwise.",
            },
            "is_key": {"type": "boolean"},
            # docs/design.md, rule 2.
            "attributions": {
                "type": "array",
                "items": STRING,
                "description": "Who says so, one line per stance.",
            },
            "citations": {"type": "array", "items": ref("Citation")},
            "corrections": {"type": "array", "items": ref("Correction")},
            "published_at": MOMENT,
            "updated_at": {
                **MOMENT,
                "description": "The newest of the publication and its corrections.",
            },
            "image": image(),
        }
    ),
    "Article": obj(
        {
            "slug": SLUG,
            "url": URI,
            "api_url": URI,
            "headline": STRING,
            "standfirst": STRING,
            "body_html": {**STRING, "description": "Sanitised HTML, as the article page shows."},
            "bylines": {"type": "array", "items": STRING},
            "events": {"type": "array", "items": LINK, "description": "Published events only."},
            "corrections": {"type": "array", "items": ref("Correction")},
            "published_at": MOMENT,
            "updated_at": MOMENT,
            "lead_image": image(caption=True),
        }
    ),
    "Storyline": obj(
        {
            "slug": SLUG,
            "title": STRING,
            "summary": STRING,
            "colour": {"type": "string", "pattern": "^#[0-9a-fA-F]{6}$"},
            **COLLECTION_LINKS,
        }
    ),
    "Place": obj({**PLACE_FIELDS, **COLLECTION_LINKS}),
    "Source": obj(
        {
            "slug": SLUG,
            "name": STRING,
            "short_name": TEXT_OR_NULL,
            "kind": choice(Source.Kind.choices),
            "country": TEXT_OR_NULL,
            "affiliation": choice(Source.Affiliation.choices),
            "is_party": {"type": "boolean"},
            "party": nullable(ref("Party")),
            "description": STRING,
            "website": URI_OR_NULL,
            **COLLECTION_LINKS,
        }
    ),
}
for _name in ("Event", "Storyline", "Place", "Source", "Article"):
    SCHEMAS[f"{_name}Page"] = page_of(_name)


def query(name, schema, description):
    return {"name": name, "in": "query", "schema": schema, "description": description}


def or_empty(schema):
    """A filter left empty is not applied, as when the timeline's form is sent with it blank."""
    if "enum" in schema:
        return {**schema, "enum": ["", *schema["enum"]]}
    return {"type": "string", "anyOf": [schema, {"const": ""}]}


IN_USE = "a slug listed at {}; any other value, or one no published event uses, is a 400"
SEARCHABLE = f"A day from {FIRST_DAY} to {LAST_DAY}; one outside those is a 400."
PARAMETERS = {
    "q": query("q", {"type": "string", "maxLength": MAX_TEXT}, "Words to look for."),
    "storyline": query("storyline", STRING, IN_USE.format("/api/storylines/")),
    "kind": query("kind", or_empty(enum(Event.Kind.choices)), "A kind some published event has."),
    "verification": query(
        "verification",
        or_empty(enum(Event.Verification.choices)),
        "A verification status some published event has.",
    ),
    "place": query("place", STRING, IN_USE.format("/api/places/")),
    "source": query("source", STRING, IN_USE.format("/api/sources/")),
    "party": query("party", STRING, "A party whose sources published events cite."),
    "from": query("from", or_empty(DAY), f"Events from this day on. {SEARCHABLE}"),
    "to": query("to", or_empty(DAY), f"Events up to this day. {SEARCHABLE}"),
    "order": query("order", or_empty(enum(ORDERS)), "Oldest first (the default) or newest first."),
    "page": query("page", {"type": "integer", "minimum": 1, "default": 1}, "From 1."),
    "page_size": query(
        "page_size",
        {"type": "integer", "minimum": 1, "maximum": MAX_PAGE_SIZE, "default": PAGE_SIZE},
        f"Items per page; more than {MAX_PAGE_SIZE} is a 400.",
    ),
    "slug": {"name": "slug", "in": "path", "required": True, "schema": SLUG},
    "lang": query(
        "lang",
        {"type": "string", "enum": list(CONTENT_LANGUAGES), "default": ORIGINAL},
        "The language of the text: en (the original), uk or ru. An item not yet translated, "
        "or whose translation is being updated, comes in English. Any other value is a 400.",
    ),
}
EVENT_FILTERS = [
    *("q", "storyline", "kind", "verification", "place", "source", "party"),
    *("from", "to", "order"),
]


def error(description):
    return {
        "description": description,
        "headers": {"Access-Control-Allow-Origin": header_ref("AccessControlAllowOrigin")},
        "content": {"application/json": {"schema": ref("Error")}},
    }


RESPONSES = {
    "NotModified": {
        "description": "Not modified since the validator sent.",
        "headers": {
            "ETag": header_ref("ETag"),
            "Access-Control-Allow-Origin": header_ref("AccessControlAllowOrigin"),
        },
    },
    "Error400": error("A query value this API cannot answer; each problem names one."),
    "Error404": error("Nothing published here, or a page past the last."),
}
HEADERS = {
    "ETag": {"required": True, "schema": STRING},
    "LastModified": {
        "description": "The newest updated_at shown; absent from an empty page.",
        "schema": STRING,
    },
    "AccessControlAllowOrigin": {"required": True, "schema": {"type": "string", "const": "*"}},
}
