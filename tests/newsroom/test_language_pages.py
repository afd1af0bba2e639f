"""Pages whose words depend on what they are about, read in Ukrainian and Russian: a withdrawn
item says which kind it was in words that agree with it, a source's page says what it did with
the verb the attribution lines use, and the error pages send readers on in their language."""

import datetime

import pytest
from django.test import RequestFactory
from django.utils import translation
from django.views.defaults import server_error

from newsroom.outages import database_unavailable
from newsroom.publishing import PublicationStatus
from tests.factories import PAST, make_article, make_citation, make_event, make_source

pytestmark = pytest.mark.django_db

WITHDRAWN = {"status": PublicationStatus.ARCHIVED, "withdrawn_at": PAST + datetime.timedelta(1)}

# (language, kind): the sentence's start, whose words agree with the kind's gender.
WITHDRAWN_WORDS = {
    ("en", "event"): "This event was withdrawn from the site on",
    ("en", "article"): "This article was withdrawn from the site on",
    ("uk", "event"): "Цю подію знято з сайту",
    ("uk", "article"): "Цю статтю знято з сайту",
    ("ru", "event"): "Это событие снято с сайта",
    ("ru", "article"): "Эта статья снята с сайта",
}


def prefix(language):
    return "" if language == "en" else f"/{language}"


@pytest.mark.parametrize(("language", "kind"), WITHDRAWN_WORDS)
def test_a_withdrawn_item_says_what_it_was_in_words_that_agree(client, language, kind):
    maker = make_event if kind == "event" else make_article
    item = maker(slug="gone", **WITHDRAWN)
    response = client.get(prefix(language) + item.get_absolute_url())
    assert response.status_code == 410
    assert WITHDRAWN_WORDS[language, kind] in response.text
    assert "%(kind)s" not in response.text
    assert "(event)" not in response.text and "(article)" not in response.text


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("en", ["Ministry reports</strong>", "Ministry denies</strong>"]),
        ("uk", ["Ministry повідомляє</strong>", "Ministry заперечує</strong>"]),
        ("ru", ["Ministry сообщает</strong>", "Ministry отрицает</strong>"]),
    ],
)
def test_a_source_page_says_what_the_source_did_in_the_readers_language(client, language, words):
    source = make_source(name="Ministry", slug="ministry")
    make_citation(make_event(title="Bridge struck"), source, stance="reports")
    make_citation(make_event(title="Depot hit"), source, stance="denies")
    html = client.get(f"{prefix(language)}/sources/ministry/").text
    for expected in words:
        assert expected in html


@pytest.mark.parametrize("language", ["uk", "ru"])
def test_the_error_pages_send_readers_on_in_their_language(language):
    with translation.override(language):
        failed = server_error(RequestFactory().get(f"/{language}/timeline/")).content.decode()
        down = database_unavailable(request=RequestFactory().get(f"/{language}/")).content.decode()
    assert f'href="/{language}/"' in failed
    assert f'href="/{language}/timeline/"' in down and f'href="/{language}/"' in down
    assert "Something went wrong" not in failed and "Back in a moment" not in down
