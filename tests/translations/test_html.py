"""The pages in Ukrainian and Russian, translated, labelled or outdated, are valid HTML."""

import io
import json
import subprocess

import pytest
from django.core.management import call_command

from newsroom.articles.models import Article
from newsroom.demo.translations import OUTDATED
from tests.factories import make_citation, make_event, make_source
from tests.project.test_html_validity import checker
from timeline.models import Event

pytestmark = pytest.mark.django_db


def test_translated_and_labelled_pages_are_valid_html(client, settings, tmp_path):
    command = checker()
    settings.DEBUG = True
    call_command("load_demo", stdout=io.StringIO())
    settings.DEBUG = False
    make_citation(make_event(slug="untranslated", title="Only in English"), make_source())
    event = Event.objects.published().filter(place__isnull=False).first()
    article = Article.objects.published().first()
    language, _kind, outdated, _earlier = OUTDATED
    pages = {
        "event-untranslated": "/uk/events/untranslated/",
        "event-outdated": f"/{language}/events/{outdated}/",
        "event": f"/uk{event.get_absolute_url()}",
        "timeline": "/uk/timeline/",
        "timeline-filtered": f"/ru/timeline/?place={event.place.slug}&q=Курской",
        "home": "/ru/",
        "article": f"/uk{article.get_absolute_url()}",
        "articles": "/ru/articles/",
        "sources": "/uk/sources/",
        "map": "/uk/map/",
    }
    for name, path in pages.items():
        response = client.get(path)
        assert response.status_code == 200, path
        (tmp_path / f"{name}.html").write_bytes(response.content)
    result = subprocess.run(
        [*command, *map(str, sorted(tmp_path.glob("*.html")))],
        capture_output=True,
        text=True,
        timeout=300,
    )
    errors = [
        f"{message.get('url', '').rsplit('/', 1)[-1]} line {message.get('lastLine')}: "
        f"{message['message']}"
        for message in json.loads(result.stdout)["messages"]
        if message["type"] in {"error", "non-document-error"}
    ]
    assert errors == [], "\n".join(errors)
