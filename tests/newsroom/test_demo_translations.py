"""The demo story's translations cover content.py item for item, field for field.

Read from the data structures alone, so no database is needed.
"""

import io
import re

import pytest
from django.core.management import call_command

from newsroom.demo.content import ARTICLES, EVENTS, PARTIES, PLACES, SOURCES, STORYLINES
from newsroom.demo.translations import OUTDATED, TRANSLATIONS
from newsroom.languages import TRANSLATED

# The fields a translation may carry, per kind of item; an entry holds those the original fills.
TRANSLATABLE = {
    "storyline": (STORYLINES, ("title", "summary")),
    "place": (PLACES, ("name", "region", "country")),
    "party": (PARTIES, ("name",)),
    "source": (SOURCES, ("name", "short_name", "country", "description")),
    "event": (EVENTS, ("title", "summary", "body", "verification_note", "image_alt")),
    "article": (
        ARTICLES,
        ("headline", "standfirst", "body", "lead_image_caption", "lead_image_alt"),
    ),
}
# Running prose, which must be in the translation's own alphabet (names like "CNN" need not be).
PROSE = {"title", "summary", "body", "verification_note", "headline", "standfirst", "description"}
CYRILLIC = re.compile("[а-яёієїґ]", re.IGNORECASE)
KINDS = [(language, kind) for language in TRANSLATED for kind in TRANSLATABLE]


def paragraph_count(text):
    return len(text.split("\n\n"))


def test_the_translated_languages_are_the_sites():
    assert set(TRANSLATIONS) == set(TRANSLATED)


@pytest.mark.parametrize(("language", "kind"), KINDS)
def test_every_item_has_an_entry(language, kind):
    originals, _fields = TRANSLATABLE[kind]
    assert set(TRANSLATIONS[language][kind]) == {item["slug"] for item in originals}


@pytest.mark.parametrize(("language", "kind"), KINDS)
def test_an_entry_holds_exactly_the_fields_the_original_fills(language, kind):
    originals, fields = TRANSLATABLE[kind]
    for item in originals:
        entry = TRANSLATIONS[language][kind][item["slug"]]
        assert set(entry) == {name for name in fields if item.get(name)}, item["slug"]
        for name, text in entry.items():
            assert text.strip(), (item["slug"], name)
            if name in PROSE:
                assert CYRILLIC.search(text), (item["slug"], name)


@pytest.mark.parametrize("language", TRANSLATED)
@pytest.mark.parametrize("kind", ["event", "article"])
def test_a_body_keeps_the_originals_paragraphs(language, kind):
    originals, _fields = TRANSLATABLE[kind]
    for item in originals:
        if item.get("body"):
            body = TRANSLATIONS[language][kind][item["slug"]]["body"]
            assert paragraph_count(body) == paragraph_count(item["body"]), item["slug"]
            assert all(paragraph.strip() for paragraph in body.split("\n\n")), item["slug"]


@pytest.mark.parametrize("language", TRANSLATED)
@pytest.mark.parametrize("kind", ["event", "article"])
def test_corrections_are_translated_note_for_note(language, kind):
    originals, _fields = TRANSLATABLE[kind]
    translated = TRANSLATIONS[language][f"{kind}_correction"]
    corrected = {item["slug"]: item["corrections"] for item in originals if item.get("corrections")}
    assert set(translated) == set(corrected)
    for slug, notes in translated.items():
        assert len(notes) == len(corrected[slug]), slug
        assert all(note.strip() for note in notes), slug


def test_the_outdated_translation_names_an_earlier_text_of_a_real_field():
    language, kind, slug, earlier = OUTDATED
    assert language in TRANSLATED
    assert kind == "event"
    original = next(item for item in EVENTS if item["slug"] == slug)
    assert earlier, "OUTDATED names no field"
    for name, text in earlier.items():
        assert name in TRANSLATIONS[language][kind][slug]
        assert text.strip()
        assert text != original[name]


@pytest.fixture
def loaded(settings, db):
    settings.DEBUG = True
    call_command("load_demo", stdout=io.StringIO())


def test_the_demo_loads_every_translation_ready(loaded):
    from newsroom.translations.models import Translation

    expected = sum(
        len(TRANSLATIONS[language][kind]) for language in TRANSLATED for kind in TRANSLATABLE
    )
    assert Translation.objects.count() == expected
    assert Translation.objects.filter(ready=False).count() == 0
    assert Translation.objects.filter(outdated=True).count() == 1


def test_the_outdated_demo_translation_shows_its_difference(loaded):
    from newsroom.translations.models import Translation
    from newsroom.translations.services import changes_since_made
    from timeline.models import Event

    language, _kind, slug, earlier = OUTDATED
    translation = Translation.objects.get(
        object_id=Event.objects.get(slug=slug).pk, language=language, content_type__model="event"
    )
    assert translation.outdated
    [(field, diff)] = changes_since_made(translation)
    assert field in earlier and "<del>" in diff and "<ins>" in diff


def test_loading_the_demo_again_changes_no_translation(loaded):
    from newsroom.translations.models import Translation

    before = list(Translation.objects.order_by("pk").values())
    call_command("load_demo", stdout=io.StringIO())
    assert list(Translation.objects.order_by("pk").values()) == before


def test_the_demo_pages_read_in_ukrainian_and_russian(loaded, client):
    event = EVENTS[0]
    html = client.get(f"/uk/events/{event['slug']}/").content.decode()
    assert TRANSLATIONS["uk"]["event"][event["slug"]]["title"] in html
    language, _kind, slug, _earlier = OUTDATED
    html = client.get(f"/{language}/events/{slug}/").content.decode()
    assert "Перевод обновляется" in html


def test_the_demo_has_a_translator(loaded, client):
    from django.contrib.auth.models import User

    translator = User.objects.get(username="translator")
    assert list(translator.groups.values_list("name", flat=True)) == ["translator"]
