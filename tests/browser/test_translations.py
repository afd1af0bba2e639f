"""The story in translation, in a browser: a reader's Ukrainian event page, an untranslated
event labelled and read in an English voice, and a translator bringing an outdated Russian
translation up to date from the diff the desk shows."""

import pytest

from newsroom.demo.content import DEFAULT_PASSWORD, EVENTS
from newsroom.demo.translations import OUTDATED, TRANSLATIONS
from newsroom.translations.models import Translation
from tests.browser.conftest import audit, screenshot
from tests.factories import make_citation, make_event, make_source
from timeline.models import Event

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_ukrainian_event_page_reads_in_ukrainian(page, live_server, demo):
    slug = EVENTS[0]["slug"]
    page.goto(f"{live_server.url}/uk/events/{slug}/")
    assert page.locator("h1").inner_text() == TRANSLATIONS["uk"]["event"][slug]["title"]
    assert page.locator("h1").get_attribute("lang") is None
    assert page.locator(".untranslated").count() == 0
    assert audit(page) == []


def test_an_untranslated_event_is_labelled_and_marked_english(page, live_server, demo):
    event = make_event(slug="not-yet", title="Shelling reported near Sudzha")
    make_citation(event, make_source())
    page.goto(f"{live_server.url}/uk/events/not-yet/")
    assert page.locator(".untranslated").inner_text() == "Ще не перекладено; показано англійською"
    heading = page.locator("h1")
    assert heading.inner_text() == "Shelling reported near Sudzha"
    assert heading.get_attribute("lang") == "en"
    screenshot(page, "event-untranslated-uk")
    assert audit(page) == []


def test_a_translator_brings_the_outdated_translation_up_to_date(page, live_server, demo):
    language, _kind, slug, earlier = OUTDATED
    [(field, old_text)] = earlier.items()
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", "translator")
    page.fill("#id_password", DEFAULT_PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url(f"{live_server.url}/admin/")

    page.get_by_role("link", name="Russian translations outdated").click()
    page.get_by_role("link", name=Event.objects.get(slug=slug).title).click()
    page.wait_for_url("**/change/**")
    diff = page.locator(".translation-diff")
    removed, added = diff.locator("del"), diff.locator("ins")
    assert removed.count() > 0 and added.count() > 0
    assert all(text in old_text for text in removed.all_inner_texts())
    screenshot(page, "translation-outdated-diff")

    updated = "Переговоры в Дохе отложены; видеовстреча назначена на 22 августа."
    page.locator(f"#id_{field}").fill(updated)
    page.get_by_label("Ready").check()
    page.get_by_role("button", name="Save", exact=True).click()
    page.wait_for_url(lambda url: "/change/" not in url)  # back at the list, saved
    assert page.locator(".messagelist .success").count() == 1

    translation = Translation.objects.get(
        object_id=Event.objects.get(slug=slug).pk, language=language, content_type__model="event"
    )
    assert translation.ready and not translation.outdated
    assert translation.fields[field] == updated
    page.goto(f"{live_server.url}/{language}/events/{slug}/")
    assert updated in page.locator(".lede").inner_text()
    assert page.locator(".untranslated").count() == 0
