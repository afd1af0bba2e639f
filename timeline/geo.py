"""Where an event happened, as the public may be told it.

The desk keeps a place's exact coordinates. Every public outlet (pages, the API, feeds, JSON-LD,
the exports and the map) asks this module instead, and gets them only at the place's public
precision: a point as stored, "near" rounded to about a kilometre, an area at its centre.
"""

from dataclasses import dataclass

from .models import Place

Precision = Place.LocationPrecision

# Decimal places kept per public precision: 2 places of a degree are about 1.1 km of latitude.
DIGITS = {Precision.POINT: 6, Precision.NEAR: 2, Precision.AREA: 1}
# How far around the published point the event may have happened, drawn on the map.
RADIUS_KM = {Precision.POINT: None, Precision.NEAR: 3.0, Precision.AREA: 25.0}


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


def public_location(event):
    """The event's place at its public precision, or None when it has no coordinates.

    Needs only ``event.place`` (select it with the event): no query of its own.
    """
    place = event.place
    if place is None or place.latitude is None:
        return None
    precision = Precision(place.location_precision)
    digits = DIGITS[precision]
    return PublicLocation(
        latitude=round(float(place.latitude), digits),
        longitude=round(float(place.longitude), digits),
        precision=precision.value,
        radius_km=RADIUS_KM[precision],
    )
