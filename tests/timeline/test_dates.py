"""docs/design.md, rule 1: a date is shown at exactly its precision, never shifted, and sorts
sensibly."""

import pytest

from timeline.dates import PartialDate, Precision, date_errors, format_span


@pytest.mark.parametrize(
    ("parts", "text", "iso", "precision"),
    [
        ({"year": 2024}, "2024", "2024", Precision.YEAR),
        ({"year": 2024, "month": 8}, "August 2024", "2024-08", Precision.MONTH),
        ({"year": 2024, "month": 8, "day": 6}, "6 August 2024", "2024-08-06", Precision.DAY),
        (
            {"year": 2024, "month": 8, "day": 6, "hour": 14},
            "6 August 2024, 14:00–15:00 Kyiv time",
            "2024-08-06T14:00+03:00",
            Precision.HOUR,
        ),
        (
            {"year": 2024, "month": 8, "day": 6, "hour": 14, "minute": 20},
            "6 August 2024, 14:20 Kyiv time",
            "2024-08-06T14:20+03:00",
            Precision.MINUTE,
        ),
    ],
)
def test_each_precision_reads_as_exactly_what_is_known(parts, text, iso, precision):
    date = PartialDate(**parts, time_zone="Europe/Kyiv")
    assert str(date) == text
    assert date.isoformat() == iso
    assert date.precision == precision


def test_clock_time_carries_its_own_zone():
    date = PartialDate(2024, 12, 1, 9, 5, time_zone="Europe/Moscow")
    assert str(date) == "1 December 2024, 09:05 Moscow time"
    assert date.isoformat() == "2024-12-01T09:05+03:00"
    assert str(PartialDate(2024, 8, 6, 11, 20, time_zone="UTC")) == "6 August 2024, 11:20 UTC"


def test_approximate_dates_read_circa():
    assert format_span(PartialDate(2024, 8), approximate=True) == "c. August 2024"


@pytest.mark.parametrize(
    ("start", "end", "text"),
    [
        (PartialDate(2024, 8, 6), PartialDate(2024, 8, 8), "6–8 August 2024"),
        (PartialDate(2024, 8, 30), PartialDate(2024, 9, 2), "30 August – 2 September 2024"),
        (PartialDate(2024, 8), PartialDate(2024, 9), "August–September 2024"),
        (PartialDate(2024, 12, 30), PartialDate(2025, 1, 2), "30 December 2024 – 2 January 2025"),
        (
            PartialDate(2024, 8, 6, 14, 20),
            PartialDate(2024, 8, 6, 16, 0),
            "6 August 2024, 14:20–16:00 Kyiv time",
        ),
        (PartialDate(2024, 8), PartialDate(2024, 8, 20), "August 2024 – 20 August 2024"),
        (PartialDate(2024, 8, 6), None, "6 August 2024"),
    ],
)
def test_ranges(start, end, text):
    assert format_span(start, end) == text


@pytest.mark.parametrize(
    ("parts", "part", "message"),
    [
        ({"year": 2023, "month": 2, "day": 29}, "day", "February 2023 has only 28 days."),
        ({"year": 2024, "month": 13}, "month", "The month must be between 1 and 12."),
        ({"year": 2024, "day": 3}, "day", "A day needs the month"),
        ({"year": 2024, "month": 8, "day": 6, "hour": 24}, "hour", "between 0 and 23"),
        ({"year": 2024, "month": 8, "day": 6, "minute": 5}, "minute", "A minute needs the hour"),
        ({"year": None}, "year", "at least a year"),
    ],
)
def test_impossible_dates_are_explained(parts, part, message):
    errors = date_errors(**parts)
    assert message in errors[part]
    with pytest.raises(ValueError):
        PartialDate(**{"year": None, **parts})


@pytest.mark.parametrize("zone", ["Mars/Olympus", "", "../../etc/passwd"])
def test_an_unknown_time_zone_is_refused(zone):
    assert "not a known time zone" in date_errors(year=2024, month=8, time_zone=zone)["time_zone"]


def test_coarse_dates_sort_after_everything_inside_their_period():
    dates = {
        "month": PartialDate(2024, 8),
        "first_day": PartialDate(2024, 8, 6),
        "afternoon": PartialDate(2024, 8, 6, 14, 20),
        "last_day": PartialDate(2024, 8, 31),
        "july": PartialDate(2024, 7),
        "september": PartialDate(2024, 9, 1),
        "year": PartialDate(2024),
    }
    ordered = sorted(dates, key=lambda name: (dates[name].period_end(), -dates[name].precision))
    assert ordered == ["july", "afternoon", "first_day", "last_day", "month", "september", "year"]
