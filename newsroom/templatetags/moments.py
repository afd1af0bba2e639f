"""How a stored instant is written for machines, in a page's <time datetime> attribute."""

from django import template

from newsroom.structured_data import moment as iso_moment

register = template.Library()


@register.filter
def moment(value):
    """ISO 8601 to the second, in the newsroom's zone, as in the page's structured data.

    Not Django's ``date:'c'``, which keeps the microseconds: HTML allows at most three digits
    of a fraction of a second, and readers are never told a time finer than the minute.
    """
    return iso_moment(value) or ""
