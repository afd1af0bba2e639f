"""The reader's pages in Ukrainian and Russian: titles, filters, counts in each plural form,
the submission form's errors and the 404 page, through the test client.

Each is asked for at its language's address, /uk/ or /ru/; English stays at the bare one.
"""

import pytest

from tests.factories import make_event, make_storyline
from tests.moderation.factories import form_data

pytestmark = pytest.mark.django_db

PREFIX = {"uk": "/uk", "ru": "/ru", "en-gb": ""}


def publish(count):
    storyline = make_storyline(title="The Kursk incursion", slug="incursion")
    for day in range(1, count + 1):
        make_event(start_day=day, storylines=[storyline])


def page(client, address, status=200):
    response = client.get(address)
    assert response.status_code == status
    return response.content.decode()


def test_the_timeline_reads_in_ukrainian(client):
    publish(3)
    html = page(client, "/uk/timeline/")
    assert "<title>Хронологія · Newsroom</title>" in html
    assert "<h1>Хронологія</h1>" in html
    assert ">Сюжетна лінія</label>" in html  # a filter's label
    assert "Будь-яка сюжетна лінія" in html  # and its empty choice
    assert ">Показати події</button>" in html
    assert "Timeline" not in html.split("<main", 1)[1]


def test_the_timeline_reads_in_russian(client):
    publish(3)
    html = page(client, "/ru/timeline/")
    assert "<title>Хроника · Newsroom</title>" in html
    assert ">Сюжетная линия</label>" in html
    assert ">Показать события</button>" in html


@pytest.mark.parametrize(
    ("language", "count", "words"),
    [
        ("uk", 1, "1 подія"),
        ("uk", 3, "3 події"),
        ("uk", 5, "5 подій"),
        ("ru", 1, "1 событие"),
        ("ru", 3, "3 события"),
        ("ru", 5, "5 событий"),
        ("en-gb", 1, "1 event."),
        ("en-gb", 3, "3 events."),
    ],
)
def test_the_count_of_events_takes_the_plural_form_of_its_number(client, language, count, words):
    publish(count)
    html = page(client, f"{PREFIX[language]}/timeline/")
    assert f'<p class="tl-count" role="status">{words}' in html


def test_a_filter_in_use_and_a_bad_filter_say_so_in_ukrainian(client):
    publish(1)
    html = page(client, "/uk/timeline/?storyline=incursion")
    assert "Сюжетна лінія: The Kursk incursion" in html  # the label, not the content
    assert "(вибрано: 1)" in html
    refused = page(client, "/uk/timeline/?storyline=nowhere", status=400)
    assert "З адресою цієї хронології щось не так" in refused
    assert "Сюжетна лінія: «nowhere»: «nowhere» немає серед варіантів" in refused


def test_the_strip_and_the_live_notice_carry_ukrainian_words(client):
    publish(3)
    html = page(client, "/uk/timeline/?order=newest")
    assert ": 1 подія</title>" in html  # each bar of the strip, named in words
    assert 'data-few="{count} нові події: показати"' in html
    assert 'data-many="{count} нових подій: показати"' in html
    assert 'data-language="uk"' in html


def test_the_front_page_counts_a_storyline_s_events_in_russian(client):
    storyline = make_storyline(title="The Kursk incursion", slug="incursion")
    for day in (1, 2):
        make_event(start_day=day, storylines=[storyline], is_key=True)
    html = page(client, "/ru/")
    assert "<h1>Что известно на данный момент</h1>" in html
    assert "2 события" in html
    assert "Последние ключевые события" in html


def test_the_submission_form_and_its_errors_read_in_ukrainian(client):
    html = page(client, "/uk/submit/")
    assert "<h1>Надіслати новину або виправлення</h1>" in html
    assert "Що ви надсилаєте?" in html
    assert "До 5\xa0000 символів." in html  # the limit, in the plural form of 5,000
    response = client.post("/uk/submit/", form_data(occurred_on="not a day", link_1="ftp://x.org"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Ваше повідомлення не надіслано" in html
    assert "Введіть справжню дату, наприклад 2024-08-06." in html
    assert "а не адреси «ftp:»" in html


def test_the_submission_form_s_errors_read_in_russian(client):
    response = client.post("/ru/submit/", form_data(occurred_time="12:00", occurred_on=""))
    html = response.content.decode()
    assert "Ваше сообщение не отправлено" in html
    assert "Укажите не только время, но и дату." in html


@pytest.mark.parametrize(
    ("language", "title", "link"),
    [("uk", "Сторінку не знайдено", "Головна сторінка"), ("ru", "Страница не найдена", "Главная")],
)
def test_the_404_page_is_translated(client, language, title, link):
    html = page(client, f"{PREFIX[language]}/no-such-page/", status=404)
    assert f"<h1>{title}</h1>" in html
    assert link in html


def test_a_bad_page_number_is_a_400_in_ukrainian(client):
    html = page(client, "/uk/articles/?page=x", status=400)
    assert "«x» — не номер сторінки" in html


def test_the_map_and_its_key_read_in_russian(client):
    publish(1)
    html = page(client, "/ru/map/")
    assert "<h1>Карта</h1>" in html
    assert "Как читать карту" in html
    assert ">Россия</text>" in html  # the base map's own labels
