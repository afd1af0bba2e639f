"""The model rules hold in the database itself, and clean() explains them in words."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from newsroom.publishing import PublicationStatus
from newsroom.sources.models import Citation, Source
from tests.factories import (
    PAST,
    event_values,
    make_citation,
    make_event,
    make_party,
    make_place,
    make_source,
)
from timeline.dates import Precision
from timeline.models import Event, Place

pytestmark = pytest.mark.django_db


def refused_by_database(queryset, **values):
    with pytest.raises(IntegrityError), transaction.atomic():
        queryset.update(**values)


def test_precision_and_sort_instant_are_derived_from_the_parts():
    event = make_event(start_year=2024, start_month=8, start_day=6)
    assert event.precision == Precision.DAY
    assert event.sorts_at == datetime.datetime(2024, 8, 6, 20, 59, 59, 999999, tzinfo=datetime.UTC)


@pytest.mark.parametrize(
    "values",
    [
        {"start_month": 13},
        {"start_day": 0},
        {"start_hour": 24},
        {"start_minute": 60},
        {"start_month": None},  # a day with no month
        {"end_day": 3},  # an end with a day but no year or month
        {"precision": Precision.MINUTE},  # a precision the parts do not support
    ],
)
def test_malformed_dates_are_refused_by_the_database(values):
    event = make_event(start_year=2024, start_month=8, start_day=6)
    refused_by_database(Event.objects.filter(pk=event.pk), **values)


def test_clean_explains_impossible_dates_field_by_field():
    event = Event(**event_values(start_year=2023, start_month=2, start_day=29, end_day=4))
    with pytest.raises(ValidationError) as excinfo:
        event.full_clean()
    errors = excinfo.value.message_dict
    assert errors["start_day"] == ["February 2023 has only 28 days."]
    assert errors["end_year"] == ["An end date needs at least a year."]


def test_an_end_before_the_start_is_refused():
    event = Event(**event_values(start_day=20, end_year=2024, end_month=8, end_day=6))
    with pytest.raises(ValidationError, match="cannot come before the start"):
        event.full_clean()


def test_event_slugs_are_unique():
    make_event(slug="bridge")
    with pytest.raises(IntegrityError), transaction.atomic():
        make_event(slug="bridge")


def test_a_published_item_needs_a_publish_time():
    with pytest.raises(IntegrityError), transaction.atomic():
        make_event(status=PublicationStatus.PUBLISHED, publish_at=None)


def test_coordinates_come_in_range_and_in_pairs():
    place = make_place(latitude=51.19, longitude=35.27)
    places = Place.objects.filter(pk=place.pk)
    refused_by_database(places, latitude=91)
    refused_by_database(places, longitude=-180.5)
    refused_by_database(places, longitude=None)
    with pytest.raises(ValidationError, match="both latitude and longitude"):
        Place(name="Half", slug="half", country="Russia", latitude=1).full_clean()


def test_a_source_names_its_party_exactly_when_it_is_one():
    ukraine = make_party(name="Ukraine")
    with pytest.raises(IntegrityError), transaction.atomic():
        make_source(affiliation=Source.Affiliation.PARTY, party=None)
    with pytest.raises(IntegrityError), transaction.atomic():
        make_source(affiliation=Source.Affiliation.INDEPENDENT, party=ukraine)
    assert make_source(party=ukraine).is_party


@pytest.mark.parametrize("url", ["javascript:alert(1)", "data:text/html,hi", "ftp://example.org/"])
def test_citation_links_are_http_only(url):
    citation = make_citation(make_event(), make_source())
    with pytest.raises(ValidationError) as excinfo:
        Citation(
            event=citation.event, source=citation.source, stance="reports", url=url
        ).full_clean()
    assert "url" in excinfo.value.message_dict
    refused_by_database(Citation.objects.filter(pk=citation.pk), url=url)


def test_published_means_public_and_due():
    now = PAST + datetime.timedelta(days=1)
    later = now + datetime.timedelta(hours=1)
    visible = {
        make_event(status=PublicationStatus.PUBLISHED, publish_at=PAST).slug,
        make_event(status=PublicationStatus.SCHEDULED, publish_at=now).slug,
    }
    make_event(status=PublicationStatus.SCHEDULED, publish_at=later)
    make_event(status=PublicationStatus.PUBLISHED, publish_at=later)
    make_event(status=PublicationStatus.DRAFT, publish_at=None)
    make_event(status=PublicationStatus.IN_REVIEW, publish_at=None)
    make_event(status=PublicationStatus.ARCHIVED, publish_at=PAST)
    published = Event.objects.published(at=now)
    assert set(published.values_list("slug", flat=True)) == visible
    assert set(Event.objects.published(at=later).values_list("slug", flat=True)) >= visible


def test_timeline_order_puts_a_month_after_the_days_inside_it():
    month = make_event(slug="month", start_month=8)
    day = make_event(slug="day", start_month=8, start_day=6)
    minute = make_event(slug="minute", start_month=8, start_day=6, start_hour=9, start_minute=30)
    last_day = make_event(slug="last-day", start_month=8, start_day=31)
    july = make_event(slug="july", start_month=7)
    ordered = list(Event.objects.chronological())
    assert ordered == [july, minute, day, last_day, month]
