"""docs/design.md, rule 1, in each language: a date is written at exactly its precision in the
grammar of English, Ukrainian and Russian, and what the formatter writes the desk reads back."""

import pytest
from django.utils import translation
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from tests.timeline.test_date_parsing import partial_dates
from timeline.dates import (
    DATE_WORDS,
    MONTH_NAMES,
    DateSyntaxError,
    PartialDate,
    Precision,
    date_errors,
    format_span,
    parse_end,
    parse_span,
    typed_text,
    zone_label,
)

KYIV = "Europe/Kyiv"


def kyiv(*parts):
    return PartialDate(*parts, time_zone=KYIV)


def read(text, time_zone=KYIV, language=None):
    span = parse_span(text=text, time_zone=time_zone, language=language)
    return span.start, span.end, span.is_approximate


# Each precision, and the same date approximate, in each language.
PRECISIONS = [
    ((2024,), {"en": "2024", "uk": "2024", "ru": "2024"}),
    ((2024, 8), {"en": "August 2024", "uk": "серпень 2024", "ru": "август 2024"}),
    ((2024, 8, 6), {"en": "6 August 2024", "uk": "6 серпня 2024", "ru": "6 августа 2024"}),
    (
        (2024, 8, 6, 14),
        {
            "en": "6 August 2024, 14:00–15:00 Kyiv time",
            "uk": "6 серпня 2024, 14:00–15:00 за київським часом",
            "ru": "6 августа 2024, 14:00–15:00 по киевскому времени",
        },
    ),
    (
        (2024, 8, 6, 14, 20),
        {
            "en": "6 August 2024, 14:20 Kyiv time",
            "uk": "6 серпня 2024, 14:20 за київським часом",
            "ru": "6 августа 2024, 14:20 по киевскому времени",
        },
    ),
]
ABOUT = {"en": "c.", "uk": "бл.", "ru": "ок."}
LANGUAGES = ("en", "uk", "ru")


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize(("parts", "texts"), PRECISIONS)
def test_each_precision_is_written_in_each_language(parts, texts, language):
    date = kyiv(*parts)
    assert format_span(date, language=language) == texts[language]
    assert format_span(date, approximate=True, language=language) == (
        f"{ABOUT[language]} {texts[language]}"
    )


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize(("parts", "texts"), PRECISIONS)
def test_each_precision_reads_back_in_each_language(parts, texts, language):
    date = kyiv(*parts)
    assert read(texts[language]) == (date, None, False)
    assert read(f"{ABOUT[language]} {texts[language]}") == (date, None, True)


@pytest.mark.parametrize(("language", "interface"), [("en", "en-gb"), ("uk", "uk"), ("ru", "ru")])
def test_without_a_language_the_active_one_is_written(language, interface):
    date = kyiv(2024, 8, 6, 14, 20)
    with translation.override(interface):
        assert str(date) == format_span(date) == date.text(language)
        assert typed_text(date) == typed_text(date, language)


RANGES = [
    (
        ((2024, 8, 6), (2024, 8, 8)),
        {"en": "6–8 August 2024", "uk": "6–8 серпня 2024", "ru": "6–8 августа 2024"},
    ),
    (
        ((2024, 8), (2024, 9)),
        {
            "en": "August–September 2024",
            "uk": "серпень–вересень 2024",
            "ru": "август–сентябрь 2024",
        },
    ),
    (
        ((2024, 8, 6), (2024, 9, 3)),
        {
            "en": "6 August – 3 September 2024",
            "uk": "6 серпня – 3 вересня 2024",
            "ru": "6 августа – 3 сентября 2024",
        },
    ),
    (
        ((2024, 12, 30), (2025, 1, 2)),
        {
            "en": "30 December 2024 – 2 January 2025",
            "uk": "30 грудня 2024 – 2 січня 2025",
            "ru": "30 декабря 2024 – 2 января 2025",
        },
    ),
    (
        ((2023,), (2024,)),
        {"en": "2023 – 2024", "uk": "2023 – 2024", "ru": "2023 – 2024"},
    ),
    (
        ((2024, 8, 20), (2024, 9)),
        {
            "en": "20 August 2024 – September 2024",
            "uk": "20 серпня 2024 – вересень 2024",
            "ru": "20 августа 2024 – сентябрь 2024",
        },
    ),
    (
        ((2024, 8, 6, 14, 20), (2024, 8, 6, 16, 0)),
        {
            "en": "6 August 2024, 14:20–16:00 Kyiv time",
            "uk": "6 серпня 2024, 14:20–16:00 за київським часом",
            "ru": "6 августа 2024, 14:20–16:00 по киевскому времени",
        },
    ),
    (
        ((2024, 8, 6, 14), (2024, 8, 7, 9)),
        {
            "en": "6 August 2024, 14:00–15:00 Kyiv time – 7 August 2024, 09:00–10:00 Kyiv time",
            "uk": "6 серпня 2024, 14:00–15:00 за київським часом – "
            "7 серпня 2024, 09:00–10:00 за київським часом",
            "ru": "6 августа 2024, 14:00–15:00 по киевскому времени – "
            "7 августа 2024, 09:00–10:00 по киевскому времени",
        },
    ),
]


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize(("dates", "texts"), RANGES)
def test_ranges_in_each_language_are_written_and_read_back(dates, texts, language):
    start, end = (kyiv(*parts) for parts in dates)
    text = format_span(start, end, approximate=True, language=language)
    assert text == f"{ABOUT[language]} {texts[language]}"
    assert read(text) == (start, end, True)


ZONES = [
    ("Europe/Kyiv", "Kyiv time", "за київським часом", "по киевскому времени"),
    ("Europe/Moscow", "Moscow time", "за московським часом", "по московскому времени"),
    ("Europe/Minsk", "Minsk time", "за мінським часом", "по минскому времени"),
    ("Europe/Warsaw", "Warsaw time", "за варшавським часом", "по варшавскому времени"),
    ("UTC", "UTC", "за UTC", "по UTC"),
    ("Etc/UTC", "UTC", "за UTC", "по UTC"),
    # Zones without an adjective of their own are named by their offset on the day.
    ("America/New_York", "New York time", "за UTC−4", "по UTC−4"),
    ("Asia/Kolkata", "Kolkata time", "за UTC+5:30", "по UTC+5:30"),
]


@pytest.mark.parametrize(("zone", "en", "uk", "ru"), ZONES)
def test_each_zone_is_named_in_each_language_and_read_back(zone, en, uk, ru):
    date = PartialDate(2024, 8, 6, 14, 20, time_zone=zone)
    for language, name in {"en": en, "uk": uk, "ru": ru}.items():
        text = format_span(date, language=language)
        assert text.endswith(f", 14:20 {name}")
        assert zone_label(zone, language=language, when=date._start()) == name
        assert read(text, zone) == (date, None, False)


def test_an_offset_name_follows_the_clock_change():
    winter = PartialDate(2024, 1, 6, 14, 20, time_zone="America/New_York")
    assert format_span(winter, language="uk").endswith("14:20 за UTC−5")
    assert read("6 січня 2024, 14:20 за UTC−5", "America/New_York") == (winter, None, False)


def test_a_range_over_a_clock_change_names_each_offset():
    start = PartialDate(2024, 3, 10, 1, 30, time_zone="America/New_York")
    end = PartialDate(2024, 3, 10, 4, 0, time_zone="America/New_York")
    text = format_span(start, end, language="ru")
    assert text == "10 марта 2024, 01:30 по UTC−5 – 10 марта 2024, 04:00 по UTC−4"
    assert read(text, "America/New_York") == (start, end, False)


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        ("серпень 2024", (2024, 8)),
        ("серпня 2024", (2024, 8)),
        ("Серпень 2024", (2024, 8)),
        ("серп. 2024", (2024, 8)),
        ("6 серпня 2024 р.", (2024, 8, 6)),
        ("6 серпня 2024 року о 14:20", (2024, 8, 6, 14, 20)),
        ("6 серпень 2024", (2024, 8, 6)),
        ("август 2024", (2024, 8)),
        ("августа 2024", (2024, 8)),
        ("авг. 2024", (2024, 8)),
        ("6 августа 2024 г.", (2024, 8, 6)),
        ("6 августа 2024 года в 14:20", (2024, 8, 6, 14, 20)),
        ("1 травня 2024", (2024, 5, 1)),
        ("1 мая 2024", (2024, 5, 1)),
        ("лютий 2024", (2024, 2)),
        ("29 февраля 2024", (2024, 2, 29)),
    ],
)
def test_ukrainian_and_russian_months_read_in_both_cases(text, parts):
    assert read(text) == (kyiv(*parts), None, False)


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("з 6 до 8 серпня 2024", (2024, 8, 6), (2024, 8, 8)),
        ("с 6 по 8 августа 2024", (2024, 8, 6), (2024, 8, 8)),
        ("серпень – вересень 2024", (2024, 8), (2024, 9)),
    ],
)
def test_ranges_read_in_words(text, start, end):
    assert read(text) == (kyiv(*start), kyiv(*end), False)


@pytest.mark.parametrize(
    "text",
    ["бл. 6 серпня 2024", "близько 6 серпня 2024", "ок. 6 августа 2024", "около 6 августа 2024"],
)
def test_about_in_ukrainian_and_russian_makes_it_approximate(text):
    assert read(text) == (kyiv(2024, 8, 6), None, True)


@pytest.mark.parametrize(
    "text",
    [
        "6 серпня 2024, 14:20 за московським часом",
        "6 августа 2024, 14:20 по московскому времени",
        "6 серпня 2024, 14:20 за UTC",
        "6 серпня 2024, 14:20 за UTC+2",
    ],
)
def test_another_zone_typed_is_refused(text):
    with pytest.raises(DateSyntaxError, match="zone chosen below"):
        read(text, language="en")


def test_the_end_box_reads_each_language():
    start = kyiv(2024, 8, 6, 14, 20)
    for text in ("7 серпня 2024", "7 августа 2024"):
        assert parse_end(text=text, time_zone=KYIV, start=start).end == kyiv(2024, 8, 7)


def test_every_short_month_name_names_one_month():
    prefixes = {}
    for number, name in MONTH_NAMES:
        for length in range(3, len(name) + 1):
            prefixes.setdefault(name[:length], set()).add(number)
    assert {prefix: months for prefix, months in prefixes.items() if len(months) > 1} == {}


@pytest.mark.parametrize(
    ("language", "messages"),
    [
        (
            "uk",
            {
                "": "Введіть дату, напр. 6 серпня 2024.",
                "31 вересня 2024": "31 вересня не буває.",
                "29 лютого 2023": "У 2023 році немає 29 лютого.",
                "серпень": "Дата потребує року, напр. серпень 2024.",
                "6 2024": "Назвіть місяць дня 6 словом, напр. 6 серпня 2024.",
                "8–6 серпня 2024": "Кінець (6 серпня 2024) раніше за початок (8 серпня 2024).",
                "6 серпня 2024 14:20 за UTC": "Час тут — у поясі, вибраному нижче "
                "(за київським часом): щоб змінити, виберіть інший пояс там.",
            },
        ),
        (
            "ru",
            {
                "": "Введите дату, например 6 августа 2024.",
                "31 сентября 2024": "31 сентября не бывает.",
                "29 февраля 2023": "В 2023 году нет 29 февраля.",
                "август": "Дате нужен год, например август 2024.",
                "6 2024": "Назовите месяц дня 6 словом, например 6 августа 2024.",
                "8–6 августа 2024": "Конец (6 августа 2024) раньше начала (8 августа 2024).",
                "6 августа 2024 14:20 по UTC": "Время здесь — в поясе, выбранном ниже "
                "(по киевскому времени): чтобы изменить, выберите там другой пояс.",
            },
        ),
    ],
)
def test_the_reader_says_what_is_wrong_in_the_language(language, messages):
    for text, message in messages.items():
        with pytest.raises(DateSyntaxError) as caught:
            read(text, language=language)
        assert str(caught.value) == message
        with translation.override(language), pytest.raises(DateSyntaxError) as caught:
            read(text)
        assert str(caught.value) == message


@pytest.mark.parametrize(
    ("language", "parts", "part", "message"),
    [
        ("uk", {"year": 2023, "month": 2, "day": 29}, "day", "Місяць лютий 2023 має лише 28 днів."),
        (
            "ru",
            {"year": 2023, "month": 2, "day": 29},
            "day",
            "В месяце февраль 2023 всего 28 дней.",
        ),
        (
            "uk",
            {"year": 2024, "month": 4, "day": 31},
            "day",
            "Місяць квітень 2024 має лише 30 днів.",
        ),
        ("uk", {"year": 2024, "month": 13}, "month", "Місяць має бути від 1 до 12."),
        (
            "ru",
            {"year": 2024, "month": 8, "day": 6, "hour": 24},
            "hour",
            "Час должен быть от 0 до 23.",
        ),
        ("ru", {"year": 2024, "day": 3}, "day", "Дню нужен месяц: заполняйте дату от года вниз."),
        ("uk", {"year": None}, "year", "Дата потребує щонайменше року."),
    ],
)
def test_impossible_dates_are_explained_in_the_language(language, parts, part, message):
    with translation.override(language):
        assert date_errors(**parts)[part] == message


@pytest.mark.parametrize(
    ("language", "labels"),
    [
        ("en-gb", ["year", "month", "day", "hour", "minute"]),
        ("uk", ["рік", "місяць", "день", "година", "хвилина"]),
        ("ru", ["год", "месяц", "день", "час", "минута"]),
    ],
)
def test_precision_labels_are_translated(language, labels):
    with translation.override(language):
        assert [str(precision.label) for precision in Precision] == labels


# Every date and range the formatter writes, in every language, reads back to the same parts.
TIME_ZONES = st.sampled_from(["Europe/Kyiv", "Europe/Moscow", "UTC", "America/New_York"])


@st.composite
def spans(draw):
    time_zone = draw(TIME_ZONES)
    start = draw(partial_dates(time_zone))
    # Ends near the start too, so that the short forms ("6–8 серпня 2024") come up.
    near = {
        "month": None if start.month is None else draw(st.integers(1, 12)),
        "day": None if start.day is None else draw(st.integers(1, 28)),
        "hour": None if start.hour is None else draw(st.integers(0, 23)),
    }
    end = draw(
        st.none() | partial_dates(time_zone) | st.just(PartialDate(**{**vars(start), **near}))
    )
    return start, end, draw(st.booleans())


def is_hour_window(start, end):
    """The one text written alike for two spans: "14:00–15:00" is the hour from 14:00."""
    return (
        start.precision == end.precision == Precision.MINUTE
        and start.date_text() == end.date_text()
        and start.minute == end.minute == 0
        and end.hour == start.hour + 1
    )


@settings(deadline=None)  # the machine's load, not the reader, decides the slowest example
@given(spans(), st.sampled_from(sorted(DATE_WORDS)))
def test_every_text_the_formatter_writes_reads_back_in_every_language(span, language):
    start, end, approximate = span
    assume(end is None or end.period_end() >= start.period_end())
    assume(end is None or not is_hour_window(start, end))
    text = format_span(start, end, approximate=approximate, language=language)
    expected_end = None if end == start else end
    assert read(text, start.time_zone) == (start, expected_end, approximate)
