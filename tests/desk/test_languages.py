"""The desk in the staff member's own language: Django's admin words and ours, chosen by the
browser's Accept-Language or by the language cookie, and English for everyone else."""

import re

import pytest
from django.test import Client

from newsroom.publishing import PublicationStatus as Status
from newsroom.revisions.models import Revision
from newsroom.revisions.services import record_revision
from tests.desk.forms import admin_form_data
from tests.factories import make_citation, make_event, make_source, make_user

pytestmark = pytest.mark.django_db

EVENTS = "/admin/timeline/event/"
UKRAINIAN = {"HTTP_ACCEPT_LANGUAGE": "uk"}
RUSSIAN = {"HTTP_ACCEPT_LANGUAGE": "ru"}


def change_url(event):
    return f"{EVENTS}{event.pk}/change/"


@pytest.fixture
def desk(client, editor):
    client.force_login(editor)
    return client


def cited_draft(**kwargs):
    event = make_event(status=Status.DRAFT, publish_at=None, **kwargs)
    make_citation(event, make_source())
    return event


class TestUkrainianFromTheBrowser:
    def test_the_front_page(self, desk):
        page = desk.get("/admin/", **UKRAINIAN).text
        assert '<html lang="uk"' in page
        # Ours: the site's name, the new-item buttons, a tally; Django's: its recent actions.
        for words in ("Редакційний пульт", "Нова подія", "Нова стаття", "Ваші чернетки подій"):
            assert words in page
        assert "Недавні дії" in page
        assert "New event" not in page

    def test_the_list_of_events(self, desk):
        make_event(title="Sudzha taken")
        page = desk.get(EVENTS, **UKRAINIAN).text
        # The model's name, a column, a filter and its choices, an action and a status.
        for words in ("Події", "Остання зміна", "що бачать читачі", "Зараз на сайті"):
            assert words in page
        assert "Надіслати вибрані на перевірку" in page
        assert "Опубліковано" in page
        assert "Last change" not in page

    def test_the_event_form(self, desk):
        page = desk.get(change_url(cited_draft()), **UKRAINIAN).text
        # Fieldsets, field labels, help, a choice, the panel and its steps.
        for words in (
            "Хто це стверджує",
            "Текст, зображення й адреса",
            "Початок",
            "Статус перевірки",
            "Одне-два речення для хронології.",
            "Військові",
            "Публікація",
            "Опублікувати",
            "Надіслати на перевірку",
            "Посилання на джерела",
        ):
            assert words in page, words
        # Django's own button.
        assert "Зберегти і продовжити редагування" in page
        assert "Who says so" not in page

    def test_the_article_form(self, desk):
        page = desk.get("/admin/articles/article/add/", **UKRAINIAN).text
        for words in ("Головне зображення", "Лід", "Короткий виклад під заголовком.", "Автори"):
            assert words in page, words
        assert "Status: <strong>Draft</strong>" not in page
        assert "Статус: <strong>Чернетка</strong>, ще не збережено" in page

    def test_an_end_before_the_start(self, desk):
        event = cited_draft(start_day=6)
        url = change_url(event)
        data = admin_form_data(
            desk.get(url, **UKRAINIAN), start="6 серпня 2024", end="5 серпня 2024"
        )
        page = desk.post(url, data, **UKRAINIAN).text
        assert "Кінець (5 серпня 2024) раніше за початок (6 серпня 2024)." in page

    def test_a_missing_start(self, desk):
        event = cited_draft()
        url = change_url(event)
        page = desk.post(url, admin_form_data(desk.get(url, **UKRAINIAN), start=""), **UKRAINIAN)
        assert "Введіть, коли це сталося, напр. 6 серпня 2024." in page.text

    def test_a_publish_and_its_message(self, desk):
        event = cited_draft(title="Sudzha taken")
        url = change_url(event)
        data = admin_form_data(desk.get(url, **UKRAINIAN), _transition="publish")
        page = desk.post(url, data, follow=True, **UKRAINIAN)
        messages = [str(message) for message in page.context["messages"]]
        assert messages == ["«Sudzha taken» тепер має статус «опубліковано»."]

    def test_a_publish_refused_for_want_of_a_citation(self, desk):
        event = make_event(status=Status.DRAFT, publish_at=None, title="Bare")
        url = change_url(event)
        data = admin_form_data(desk.get(url, **UKRAINIAN), _transition="publish")
        page = desk.post(url, data, follow=True, **UKRAINIAN)
        [message] = [str(message) for message in page.context["messages"]]
        assert message.startswith(
            "«Bare» збережено, але не опубліковано: подія стає публічною лише з принаймні одним"
        )
        assert message.endswith(">Додати посилання на джерело</a>")

    def test_a_bulk_step_counts_in_ukrainian(self, desk):
        events = [make_event(), make_event()]
        page = desk.post(
            EVENTS,
            {
                "action": "archive_selected",
                "_selected_action": [event.pk for event in events],
                **{f"version-{event.pk}": event.version for event in events},
            },
            **UKRAINIAN,
        ).text
        assert "Архівувати 2 події?" in page
        assert "Так, архівувати" in page


class TestRussianFromTheCookie:
    @pytest.fixture
    def desk(self, desk):
        desk.cookies["django_language"] = "ru"
        return desk

    def test_the_cookie_wins_over_the_browser(self, desk):
        page = desk.get("/admin/", HTTP_ACCEPT_LANGUAGE="uk").text
        assert '<html lang="ru"' in page
        assert "Новое событие" in page and "Новая статья" in page

    def test_the_event_form(self, desk):
        page = desk.get(change_url(cited_draft())).text
        for words in ("Кто это утверждает", "Начало", "Статус проверки", "Опубликовать"):
            assert words in page, words

    def test_a_publish_and_its_message(self, desk):
        event = cited_draft(title="Sudzha taken")
        url = change_url(event)
        page = desk.post(url, admin_form_data(desk.get(url), _transition="publish"), follow=True)
        messages = [str(message) for message in page.context["messages"]]
        assert messages == ["«Sudzha taken» теперь имеет статус «опубликовано»."]

    def test_a_bulk_step_counts_in_russian(self, desk):
        events = [make_event() for _ in range(5)]
        page = desk.post(
            EVENTS,
            {
                "action": "unpublish_selected",
                "_selected_action": [event.pk for event in events],
                **{f"version-{event.pk}": event.version for event in events},
            },
        ).text
        assert "Снять с публикации 5 событий?" in page


class TestEnglishStaysEnglish:
    def test_without_a_language_the_desk_is_in_english(self, desk):
        page = desk.get("/admin/").text
        assert "Newsroom desk" in page and "New event" in page
        assert "Нова подія" not in page and "Новое событие" not in page

    def test_the_event_form_and_a_publish(self, desk):
        event = cited_draft(title="Sudzha taken")
        url = change_url(event)
        form = desk.get(url, HTTP_ACCEPT_LANGUAGE="en-GB")
        assert "Who says so" in form.text and "Verification status" in form.text
        page = desk.post(url, admin_form_data(form, _transition="publish"), follow=True)
        messages = [str(message) for message in page.context["messages"]]
        assert messages == ["“Sudzha taken” is now published."]


def test_the_history_is_stored_in_english_and_shown_in_the_staff_members_language(desk, editor):
    event = cited_draft()
    record_revision(item=event, user=editor, comment="Created")
    url = change_url(event)
    data = admin_form_data(desk.get(url, **UKRAINIAN), summary="Змінено.")
    assert desk.post(url, data, **UKRAINIAN).status_code == 302
    newest = Revision.objects.for_item(event).first()
    # Stored, and read back by the workflow: one language whoever saved.
    assert newest.comment == "Changed summary"
    page = desk.get(url.replace("/change/", "/history/"), **UKRAINIAN).text
    assert "Що змінилося" in page
    assert re.search(r"<td>\s*Короткий зміст\s*</td>", page)


def heading(page):
    [title] = re.findall(r"<h1>(.*?)</h1>", page)
    return title


# Each page's title names its model in the case the sentence needs, not Django's nominative.
TITLES = [
    (f"{EVENTS}add/", UKRAINIAN, "Додати подію"),
    (EVENTS, UKRAINIAN, "Виберіть подію, щоб змінити"),
    ("/admin/articles/article/add/", RUSSIAN, "Добавить статью"),
    ("/admin/articles/article/", RUSSIAN, "Выберите статью для изменения"),
    ("/admin/timeline/storyline/add/", UKRAINIAN, "Додати сюжетну лінію"),
    ("/admin/sources/party/add/", RUSSIAN, "Добавить сторону"),
    (f"{EVENTS}add/", {}, "Add event"),
    (EVENTS, {}, "Select event to change"),
]


@pytest.mark.parametrize(("path", "language", "title"), TITLES)
def test_page_titles_name_the_model_in_the_case_they_need(desk, path, language, title):
    assert heading(desk.get(path, **language).text) == title


def test_a_changed_item_and_a_read_only_list_are_titled_whole_too(desk, client):
    event = cited_draft()
    assert heading(desk.get(change_url(event), **UKRAINIAN).text) == "Змінити подію"
    translator = Client()
    translator.force_login(make_user("tetiana", group="translator"))  # reads, never changes
    assert heading(translator.get(change_url(event), **UKRAINIAN).text) == "Переглянути подію"
    assert heading(desk.get("/admin/sources/citation/", **RUSSIAN).text) == (
        "Выберите ссылку на источник для просмотра"
    )
