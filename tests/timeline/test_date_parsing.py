"""Dates typed as an editor says them read to the parts the formatter writes back (rule 1)."""

import calendar

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from timeline.dates import (
    DateSyntaxError,
    PartialDate,
    Precision,
    format_span,
    parse_end,
    parse_span,
    typed_text,
)

KYIV = "Europe/Kyiv"


def read(text, time_zone=KYIV):
    span = parse_span(text=text, time_zone=time_zone)
    return span.start, span.end, span.is_approximate


def kyiv(*parts):
    return PartialDate(*parts, time_zone=KYIV)


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        ("2024", (2024,)),
        ("Aug 2024", (2024, 8)),
        ("August 2024", (2024, 8)),
        ("aug. 2024", (2024, 8)),
        ("Sept 2024", (2024, 9)),
        ("6 Aug 2024", (2024, 8, 6)),
        ("6 August 2024", (2024, 8, 6)),
        ("August 6, 2024", (2024, 8, 6)),
        ("6th of August 2024", (2024, 8, 6)),
        ("on 6 August 2024", (2024, 8, 6)),
        ("6 August 2024 14:20", (2024, 8, 6, 14, 20)),
        ("6 August 2024, 14:20", (2024, 8, 6, 14, 20)),
        ("6 August 2024 at 14:20 Kyiv time", (2024, 8, 6, 14, 20)),
        ("6 Aug 2024 2:30 p.m.", (2024, 8, 6, 14, 30)),
        ("6 Aug 2024 14h20", (2024, 8, 6, 14, 20)),
        ("6 Aug 2024 14h", (2024, 8, 6, 14)),
        ("6 Aug 2024 2pm", (2024, 8, 6, 14)),
        ("6 Aug 2024 12am", (2024, 8, 6, 0)),
        ("6 August 2024, 14:00–15:00", (2024, 8, 6, 14)),
        ("2024-08", (2024, 8)),
        ("2024-08-06", (2024, 8, 6)),
        ("2024-08-06T14", (2024, 8, 6, 14)),
        ("2024-08-06T14:20", (2024, 8, 6, 14, 20)),
        ("2024-08-06 14:20", (2024, 8, 6, 14, 20)),
        ("  6   Aug   2024 ", (2024, 8, 6)),
        ("29 February 2024", (2024, 2, 29)),
        ("800", (800,)),
    ],
)
def test_each_way_of_saying_a_date_reads_to_its_parts(text, parts):
    assert read(text) == (kyiv(*parts), None, False)


@pytest.mark.parametrize(
    "text",
    [
        "c. August 2024",
        "c.August 2024",
        "c August 2024",
        "ca. August 2024",
        "circa August 2024",
        "about August 2024",
        "around August 2024",
        "approx. August 2024",
        "~August 2024",
        "About August 2024",
    ],
)
def test_c_or_about_makes_it_approximate(text):
    assert read(text) == (kyiv(2024, 8), None, True)


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("6–7 Aug 2024", (2024, 8, 6), (2024, 8, 7)),
        ("6-7 August 2024", (2024, 8, 6), (2024, 8, 7)),
        ("6 – 7 Aug 2024", (2024, 8, 6), (2024, 8, 7)),
        ("6 to 7 Aug 2024", (2024, 8, 6), (2024, 8, 7)),
        ("Aug–Sep 2024", (2024, 8), (2024, 9)),
        ("6 Aug – 8 Sep 2024", (2024, 8, 6), (2024, 9, 8)),
        ("30 Dec 2023 – 2 Jan 2024", (2023, 12, 30), (2024, 1, 2)),
        ("2023–2024", (2023,), (2024,)),
        ("2024-08-06 – 2024-08-09", (2024, 8, 6), (2024, 8, 9)),
        ("6 Aug 2024, 14:20–16:00", (2024, 8, 6, 14, 20), (2024, 8, 6, 16, 0)),
        ("6 Aug 2024 14:20 – 7 Aug 2024 09:00", (2024, 8, 6, 14, 20), (2024, 8, 7, 9, 0)),
        ("6 Aug 2024 – 7 Aug 2024", (2024, 8, 6), (2024, 8, 7)),
        ("6 Aug 2024 until 7 Aug 2024", (2024, 8, 6), (2024, 8, 7)),
        ("6 Aug 2024 – 6 Aug 2024", (2024, 8, 6), (2024, 8, 6)),
    ],
)
def test_a_range_in_one_box_gives_the_start_and_the_end(text, start, end):
    assert read(text) == (kyiv(*start), kyiv(*end), False)


def test_a_clock_time_belongs_to_the_zone_chosen_beside_it():
    assert read("6 Aug 2024 11:20 UTC", "UTC") == (
        PartialDate(2024, 8, 6, 11, 20, time_zone="UTC"),
        None,
        False,
    )
    assert str(parse_span(text="6 Aug 2024 14:20", time_zone="America/New_York")) == (
        "6 August 2024, 14:20 New York time"
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "Type a date, e.g. 6 August 2024."),
        ("   ", "Type a date, e.g. 6 August 2024."),
        ("2" * 101, "That is too long for a date."),
        ("31 September 2024", "There is no 31 September."),
        ("32 August 2024", "There is no 32 August."),
        ("0 August 2024", "There is no 0 August."),
        ("29 February 2023", "There is no 29 February in 2023."),
        ("2024-02-30", "There is no 30 February."),
        ("Agust 2024", "“Agust” is not a month."),
        ("6 Au 2024", "“Au” is not a month."),
        ("6 August 2024 London time", "Times are in the zone chosen below (Kyiv time)"),
        ("6 August 2024 14:20 UTC", "Times are in the zone chosen below (Kyiv time)"),
        ("06/08/2024", "“06/08/2024” can be read two ways"),
        ("6.8.2024", "“6.8.2024” can be read two ways"),
        ("2024-13", "There is no month 13: months run from 01 to 12."),
        ("2024-00-01", "There is no month 0: months run from 01 to 12."),
        ("0000", "There is no year 0: years run from 1 to 9999."),
        ("12345", "There is no year 12345: years run from 1 to 9999."),
        ("6 Aug 2024 25:00", "“25:00” is not a time of day."),
        ("6 Aug 2024 14:60", "“14:60” is not a time of day."),
        ("6 Aug 2024 13pm", "“13pm” is not a time of day."),
        ("6 Aug 2024 14", "“6” and “14” cannot both be the day (a time is written 14:20)."),
        ("August 2024 September", "“August” and “September” cannot both be the month."),
        ("2024 2025", "“2024” and “2025” cannot both be the year."),
        ("6 Aug 2024 14:20 15:00", "“14:20” and “15:00” cannot both be the time."),
        ("2024-08-06 August", "“2024-08-06” and “August” cannot both be the month."),
        ("6 2024", "Give the month of day 6 as a word, e.g. 6 August 2024."),
        ("August", "A date needs a year, e.g. August 2024."),
        ("6 August", "A date needs a year, e.g. August 2024."),
        ("Aug 2024 14:20", "A time needs a day, e.g. 6 August 2024, 14:20."),
        ("6 Aug 2024 # 1", "“#” has no place in a date."),
        ("6 Aug\x00 2024", "A control character has no place in a date."),
        ("2024 c.", "Put “c.” at the start: it makes the whole date approximate."),
        ("8–6 Aug 2024", "The end (6 August 2024) is before the start (8 August 2024)."),
        ("Aug 2024 – 6 Aug 2024", "The end (6 August 2024) is before the start (August 2024)."),
        ("6 Aug 2024, 16:00–14:00", "The end (6 August 2024, 14:00 Kyiv time) is before"),
        ("6–7–8 Aug 2024", "A range has one dash, between its start and its end."),
        ("6 Aug – 7 Aug – 8 Aug 2024", "A range has one dash, between its start and its end."),
        ("6 Aug 2024 – ", "A range needs a date on each side of the dash."),
        ("– 6 Aug 2024", "A range needs a date on each side of the dash."),
        ("Aug 2024, 14:00–16:00", "A time needs a day, e.g. 6 August 2024, 14:00–16:00."),
        ("6 Aug 2024 14:00–16:00 – 7 Aug 2024", "A range has one dash"),
    ],
)
def test_a_wrong_date_says_what_is_wrong(text, message):
    with pytest.raises(DateSyntaxError) as caught:
        parse_span(text=text, time_zone=KYIV)
    assert str(caught.value).startswith(message)


class TestTheEndBox:
    start = kyiv(2024, 8, 6, 14, 20)

    def end(self, text, start=start):
        return parse_end(text=text, time_zone=KYIV, start=start)

    def test_takes_one_date(self):
        assert self.end("7 Aug 2024").end == kyiv(2024, 8, 7)

    def test_a_time_alone_is_on_the_start_day(self):
        assert self.end("16:00").end == kyiv(2024, 8, 6, 16, 0)

    def test_may_be_approximate(self):
        assert self.end("c. 7 Aug 2024").is_approximate

    @pytest.mark.parametrize(
        ("text", "message"),
        [
            ("7–8 Aug 2024", "The end is one date: type a range in the start box."),
            ("5 Aug 2024", "The end (5 August 2024) is before the start"),
            ("12:00", "The end (6 August 2024, 12:00 Kyiv time) is before the start"),
            ("7 Agust 2024", "“Agust” is not a month."),
        ],
    )
    def test_a_wrong_end_says_what_is_wrong(self, text, message):
        with pytest.raises(DateSyntaxError) as caught:
            self.end(text)
        assert str(caught.value).startswith(message)

    def test_without_a_start_a_time_alone_has_no_day(self):
        with pytest.raises(DateSyntaxError, match="A time needs a day"):
            self.end("16:00", start=None)


def test_the_box_shows_a_stored_date_without_its_zone():
    assert typed_text(kyiv(2024, 8, 6, 14, 20)) == "6 August 2024, 14:20"
    assert typed_text(kyiv(2024, 8, 6, 14)) == "6 August 2024, 14:00–15:00"
    assert typed_text(kyiv(2024, 8)) == "August 2024"


# Every date and range the formatter writes reads back to the same parts. Years from 100 on: a
# one- or two-digit number is always a day, so earlier years are typed with four digits.
ZONES = st.sampled_from(["Europe/Kyiv", "UTC", "America/New_York", "Asia/Kolkata"])


@st.composite
def partial_dates(draw, time_zone):
    precision = draw(st.sampled_from(Precision))
    year = draw(st.integers(100, 9999))
    month = draw(st.integers(1, 12))
    day = draw(st.integers(1, calendar.monthrange(year, month)[1]))
    hour, minute = draw(st.integers(0, 23)), draw(st.integers(0, 59))
    parts = (year, month, day, hour, minute)[:precision]
    return PartialDate(*parts, time_zone=time_zone)


@st.composite
def spans(draw):
    time_zone = draw(ZONES)
    start = draw(partial_dates(time_zone))
    # Ends drawn near the start, too, so that the short forms ("6–8 August 2024") come up.
    near = st.builds(
        lambda date, **change: PartialDate(**{**vars(date), **change}),
        st.just(start),
        day=st.none() if start.day is None else st.integers(1, 28),
        hour=st.none() if start.hour is None else st.integers(0, 23),
    )
    end = draw(st.none() | partial_dates(time_zone) | near)
    return start, end, draw(st.booleans())


@given(ZONES.flatmap(partial_dates), st.booleans())
def test_every_date_the_formatter_writes_reads_back_to_its_parts(date, approximate):
    text = format_span(date, approximate=approximate)
    assert read(text, date.time_zone) == (date, None, approximate)


@given(spans())
def test_every_range_the_formatter_writes_reads_back_to_its_parts(span):
    start, end, approximate = span
    assume(end is None or end.period_end() >= start.period_end())
    text = format_span(start, end, approximate=approximate)
    got_start, got_end, got_approximate = read(text, start.time_zone)
    assert got_approximate == approximate
    if end is None or end == start:
        assert (got_start, got_end) == (start, None)
    elif (
        start.precision == end.precision == Precision.MINUTE
        and start.date_text() == end.date_text()
        and start.minute == end.minute == 0
        and end.hour == start.hour + 1
    ):
        # The one text written alike for two dates: "14:00–15:00" reads as the hour from 14:00.
        assert (got_start, got_end) == (PartialDate(**{**vars(start), "minute": None}), None)
        assert format_span(got_start, got_end) == text.removeprefix("c. ")
    else:
        assert (got_start, got_end) == (start, end)


# Pieces of dates, put together any old way: whatever the text, it reads or is refused in words.
PIECES = st.sampled_from(
    [*"0123456789 -–:.,/hTapmc~", "Aug", "Feb", "to", "about", "c.", "Kyiv time", "UTC", "2024"]
)


@given(st.lists(PIECES, max_size=12).map("".join) | st.text(max_size=30))
def test_any_text_reads_or_is_refused_in_words(text):
    for read_box in (
        lambda: parse_span(text=text, time_zone=KYIV),
        lambda: parse_end(text=text, time_zone=KYIV, start=kyiv(2024, 8, 6, 14, 20)),
    ):
        try:
            read_box()
        except DateSyntaxError as error:
            assert str(error)
