"""Where an event happened, as the public may be told it (docs/design.md, rule 9).

The desk keeps a place's exact coordinates. Every public outlet (pages, the API, feeds, JSON-LD,
the exports and the map) asks this module instead, and gets them only at the place's public
precision: a point as stored, "near" rounded to 2 decimal places (about a kilometre), an area
to 1 (about ten kilometres), around its centre.

While the place is held (``Place.location_held_until``, the latest hold of the events placed
there) it is shown one step coarser: a point as "near", "near" as an area. The hold ends when
its time passes, with no save: the page cache's fingerprint includes the latest hold that has
ended (``newsroom.caching.EXPIRING``), as it does the latest publish time that has passed.
"""

import math
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.utils import timezone

from .models import Place

Precision = Place.LocationPrecision

# Decimal places kept per public precision: 2 places of a degree are about 1.1 km of latitude.
DIGITS = {Precision.POINT: 6, Precision.NEAR: 2, Precision.AREA: 1}
# How far around the published point the event may have happened, drawn on the map: at least
# this, or the place's stated radius plus how far rounding may have moved the point.
RADIUS_KM = {Precision.POINT: None, Precision.NEAR: 3.0, Precision.AREA: 25.0}
# Half a unit of the last digit kept, along both axes: 0.005 degrees is at most 0.79 km.
ROUNDING_KM = {
    precision: math.hypot(0.5, 0.5) * 10**-digits * 111.32 for precision, digits in DIGITS.items()
}
# What a hold shows instead.
COARSER = {
    Precision.POINT: Precision.NEAR,
    Precision.NEAR: Precision.AREA,
    Precision.AREA: Precision.AREA,
}


@dataclass(frozen=True)
class PublicLocation:
    latitude: float
    longitude: float
    precision: str  # a Place.LocationPrecision value, as shown to readers
    radius_km: float | None  # None for a point

    @property
    def coordinates(self):
        """RFC 7946 order: longitude first."""
        return [self.longitude, self.latitude]


def public_location(event, *, now=None):
    """The event's place at its public precision, or None when it has no coordinates.

    Needs only ``event.place`` (select it with the event): no query of its own. A hold on any
    event placed there holds this one too, or its neighbours would give the point away.
    """
    return place_location(event.place, now=now) if event.place is not None else None


def place_location(place, *, now=None):
    """A place's coordinates as readers may see them now, or None when it has none."""
    if place.latitude is None:
        return None
    precision = public_precision(place, now=now)
    digits = DIGITS[precision]
    return PublicLocation(
        latitude=float(rounded(place.latitude, digits)),
        longitude=float(rounded(place.longitude, digits)),
        precision=precision.value,
        radius_km=public_radius(place, precision),
    )


def rounded(value, digits):
    """A stored coordinate (a Decimal) to ``digits`` decimal places, halves away from zero."""
    return Decimal(str(value)).quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP)


def is_coarser_or_same(shown, stored):
    """Whether a place stored at ``stored`` precision may be shown at ``shown``."""
    return shown == stored or shown == COARSER[stored] or shown == Precision.AREA


def is_held(place, *, now=None):
    held_until = place.location_held_until
    return held_until is not None and (now or timezone.now()) < held_until


def public_precision(place, *, now=None):
    precision = Precision(place.location_precision)
    return COARSER[precision] if is_held(place, now=now) else precision


def public_radius(place, precision):
    """At least RADIUS_KM; a stated radius grows by what rounding may have moved the point, so
    the circle readers see still holds every spot the stated one does (whole kilometres)."""
    least = RADIUS_KM[precision]
    if least is None:
        return None
    stated = float(place.radius_km) if place.radius_km is not None else 0.0
    return float(max(least, math.ceil(stated + ROUNDING_KM[precision])))
