"""The story's map, drawn server-side as SVG: the region's country borders, and each event where
the public may be told it happened (timeline/geo.py), at the precision that is known.

A place known to a point is a dot, one known to be near a town a ring of the distance that
"near" allows, an area a hatched disc of the area's reach. The events at a place sit beside or
inside its shape as small marks whose shape says how well each is established, each a link to
its event. Used by /map/ and the event page; an embed can include templates/timeline/includes/
map.html with a ``map`` from ``story_map`` just the same.
"""

import math
from dataclasses import dataclass, field
from functools import cache

from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _

from . import basemap
from .geo import Precision, public_location
from .models import Event

# The region the story needs, in degrees (west, south, east, north): the border around Sumy and
# Kursk, from Glushkovo to Belgorod, with a margin. Changing it needs `manage.py make_basemap`.
BOUNDS = (33.6, 50.2, 37.2, 52.2)
WIDTH = 800  # the SVG's own units; the picture scales to the width the page gives it
KM_PER_DEGREE = 111.32  # of latitude, and of longitude at the equator
# An equirectangular projection true to scale along the region's middle latitude: over two
# degrees of latitude, distances east-west stay within 3% of those north-south.
_WEST, _SOUTH, _EAST, _NORTH = BOUNDS
_SQUASH = math.cos(math.radians((_SOUTH + _NORTH) / 2))
UNITS_PER_DEGREE = WIDTH / ((_EAST - _WEST) * _SQUASH)
HEIGHT = round((_NORTH - _SOUTH) * UNITS_PER_DEGREE)
UNITS_PER_KM = UNITS_PER_DEGREE / KM_PER_DEGREE

# Towns a reader finds their way by: base map labels, not events.
# Their names are marked for translation here and translated as each map is drawn: the layers
# are projected once per process, whatever language a reader asks for.
LANDMARKS = [
    (gettext_noop("Kursk"), 51.73, 36.19),
    (gettext_noop("Sumy"), 50.91, 34.80),
    (gettext_noop("Belgorod"), 50.60, 36.59),
]
# Country names, where each country's land lies in the frame; the borders' titles use them too.
COUNTRY_LABELS = [(gettext_noop("Russia"), 52.0, 35.0), (gettext_noop("Ukraine"), 50.45, 34.0)]

# The marks of the events at one place, in a grid of this many across, this far apart.
MARKS_ACROSS = 4
MARK_SPACING = 16
POINT_RADIUS = 4
SCALE_KM = 50

PRECISION_WORDS = {
    Precision.POINT: _("at an exact point"),
    Precision.NEAR: _("near here, within about {radius:g} km"),
    Precision.AREA: _("somewhere in a wider area, about {radius:g} km around"),
}


def project(latitude, longitude):
    """(x, y) in the SVG's units, y growing southwards."""
    x = (longitude - _WEST) * _SQUASH * UNITS_PER_DEGREE
    y = (_NORTH - latitude) * UNITS_PER_DEGREE
    return round(x, 1), round(y, 1)


def in_frame(location):
    return _WEST <= location.longitude <= _EAST and _SOUTH <= location.latitude <= _NORTH


@cache
def base_layers():
    """The country outlines as SVG path data, and the labels, projected once per process."""
    countries = []
    for country in basemap.load()["countries"]:
        rings = (
            "M" + "L".join("{},{}".format(*project(lat, lon)) for lon, lat in ring) + "Z"
            for ring in country["rings"]
        )
        countries.append((country["name"], " ".join(rings)))
    return {
        "countries": countries,
        "landmarks": [(name, *project(lat, lon)) for name, lat, lon in LANDMARKS],
        "scale_bar": round(SCALE_KM * UNITS_PER_KM),
        "country_labels": [(name, *project(lat, lon)) for name, lat, lon in COUNTRY_LABELS],
    }


def svg_countries():
    """Every country's outline as one string: the borders are the map's longest part."""
    return format_html_join(
        "\n",
        '<path class="map-country map-country-{}" d="{}"><title>{}</title></path>',
        (
            (name.lower().replace(" ", "-"), path, gettext(name))
            for name, path in base_layers()["countries"]
        ),
    )


@dataclass
class EventMark:
    event: object
    x: float
    y: float
    url: str | None  # None on the event's own page
    is_new: bool = False


@dataclass
class PlaceMark:
    """A place's shape and the marks of its events shown on the map."""

    place: object
    location: object  # a geo.PublicLocation
    events: list = field(default_factory=list)
    total: int = 0  # its events, shown or not
    more_url: str = ""  # the timeline's list of them all
    anchor: str = ""  # an id for the page, unique among the map's places
    marks: list = field(default_factory=list)  # EventMarks, made by place_marks()

    @property
    def precision(self):
        return self.location.precision

    @property
    def xy(self):
        return project(self.location.latitude, self.location.longitude)

    @property
    def x(self):
        return self.xy[0]

    @property
    def y(self):
        return self.xy[1]

    @property
    def radius(self):
        """The shape's radius in the SVG's units: a point's dot, or the distance allowed."""
        if self.location.radius_km is None:
            return POINT_RADIUS
        return round(self.location.radius_km * UNITS_PER_KM, 1)

    @property
    def precision_words(self):
        return PRECISION_WORDS[Precision(self.precision)].format(radius=self.location.radius_km)

    @property
    def more(self):
        return self.total - len(self.events)

    def cell(self, index):
        """Where the index-th event's mark goes: inside an area, beside a dot or a ring, in a
        grid; the cell after the last mark holds the count of those not shown."""
        count = len(self.events) + (1 if self.more else 0)
        if self.precision == Precision.AREA:
            left = self.x - (min(count, MARKS_ACROSS) - 1) * MARK_SPACING / 2
            top = self.y - (math.ceil(count / MARKS_ACROSS) - 1) * MARK_SPACING / 2
        else:
            left, top = self.x + self.radius + MARK_SPACING * 0.75, self.y
        return (
            round(left + (index % MARKS_ACROSS) * MARK_SPACING, 1),
            round(top + (index // MARKS_ACROSS) * MARK_SPACING, 1),
        )

    @property
    def more_xy(self):
        x, y = self.cell(len(self.events))
        return x - MARK_SPACING / 2 + 1, y + 4

    def place_marks(self, *, new_since, url, current):
        """Each event's EventMark, in the order shown."""
        self.marks = [
            EventMark(
                event,
                *self.cell(n),
                url=None if event.pk == current else url(event),
                is_new=bool(new_since and event.sorts_at >= new_since),
            )
            for n, event in enumerate(self.events)
        ]

    def svg_marks(self):
        """The events' marks as one string: hundreds of them were the page's slowest part as
        a template loop."""
        return mark_safe("\n".join(svg_mark(mark, self.place) for mark in self.marks))


def svg_mark(mark, place):
    """An event's mark, a link to it (unless the page is its own), titled in words."""
    event = mark.event
    title = format_html(
        "<title>{} ({}, {}{}), {}</title>",
        event.title,
        event.get_verification_display(),
        event.date_label,
        ", " + gettext("new on this day") if mark.is_new else "",
        place,
    )
    ring = format_html('<circle class="map-new" cx="{}" cy="{}" r="10"/>', mark.x, mark.y)
    shape = format_html(
        '{}<use href="#map-v-{}" x="{}" y="{}"/>',
        ring if mark.is_new else "",
        event.verification,
        mark.x,
        mark.y,
    )
    if mark.url is None:
        return format_html(
            '<g class="map-event map-event-current verification-{}">{}{}</g>',
            event.verification,
            title,
            shape,
        )
    return format_html(
        '<a class="map-event verification-{}" href="{}">{}{}</a>',
        event.verification,
        mark.url,
        title,
        shape,
    )


def translated(labels):
    """[(name, x, y)] with each name in the reader's language."""
    return [(gettext(name), x, y) for name, x, y in labels]


def event_url():
    """An event's address without a reverse() each: a long map has hundreds."""
    before, after = reverse("timeline:event_detail", args=["slug-here"]).split("slug-here")
    return lambda event: f"{before}{event.slug}{after}"


@dataclass
class StoryMap:
    """What templates/timeline/includes/map.html draws."""

    places: list  # PlaceMarks inside the frame
    outside: list  # PlaceMarks of places beyond it
    new_since: object = None  # events from this instant on are marked new
    width: int = WIDTH
    height: int = HEIGHT

    def countries(self):
        return svg_countries()

    @property
    def landmarks(self):
        return translated(base_layers()["landmarks"])

    scale_km = SCALE_KM
    bounds = BOUNDS
    verifications = Event.Verification.choices

    @property
    def scale_bar(self):
        return base_layers()["scale_bar"]

    @property
    def country_labels(self):
        return translated(base_layers()["country_labels"])

    @property
    def first(self):
        """The first place, on the map or beyond it: an event page's own."""
        return next(iter([*self.places, *self.outside]), None)

    @property
    def drawn(self):
        """The places in the frame, the largest shapes first so smaller ones stay on top."""
        return sorted(self.places, key=lambda place: -place.radius)


def story_map(events, totals=None, new_since=None, current=None):
    """The map of ``events`` (their places selected with them), grouped by where they are
    shown. ``totals`` gives {place pk: its events in all}, when not all are passed; events
    from ``new_since`` on are marked new; ``current``, the page's own event, is no link."""
    grouped = {}
    for event in events:
        location = public_location(event)
        if location is None:
            continue
        key = (event.place.pk, location)
        if key not in grouped:
            grouped[key] = PlaceMark(place=event.place, location=location)
        grouped[key].events.append(event)
    places, outside = [], []
    url = event_url()
    for number, ((place_pk, _location), mark) in enumerate(grouped.items(), start=1):
        mark.total = (totals or {}).get(place_pk, len(mark.events))
        mark.anchor = f"place-{number}"
        mark.place_marks(new_since=new_since, url=url, current=getattr(current, "pk", None))
        (places if in_frame(mark.location) else outside).append(mark)
    return StoryMap(places=places, outside=outside, new_since=new_since)
