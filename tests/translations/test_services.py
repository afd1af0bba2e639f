import pytest

from newsroom.translations.models import Translation
from newsroom.translations.services import changes_since_made, mark_outdated, mark_ready
from newsroom.translations.signals import original_saved
from tests.factories import make_event, make_place
from timeline.models import Event

from .factories import translate

pytestmark = pytest.mark.django_db


def outdated(translation):
    translation.refresh_from_db()
    return translation.outdated


def test_marking_ready_records_the_original_it_was_made_from():
    event = make_event(title="Bridge struck", summary="A bridge was struck.")
    translation = translate(event, title="Міст уражено")
    assert translation.ready and not translation.outdated
    assert translation.made_from["title"] == "Bridge struck"
    assert translation.made_from["summary"] == "A bridge was struck."


def test_changing_a_translated_field_marks_every_language_outdated():
    event = make_event()
    ukrainian, russian = translate(event, "uk"), translate(event, "ru")
    event.summary = "A corrected summary."
    event.save()
    assert outdated(ukrainian) and outdated(russian)


def test_a_save_that_changes_nothing_translated_leaves_it_current():
    event = make_event()
    translation = translate(event)
    event.kind = Event.Kind.DIPLOMATIC
    event.is_key = True
    event.save()
    assert not outdated(translation)


def test_only_the_changed_originals_translations_go_outdated():
    changed, kept = make_place(), make_place()
    changed_translation, kept_translation = translate(changed), translate(kept)
    changed.name = "Renamed"
    changed.save()
    assert outdated(changed_translation) and not outdated(kept_translation)


def test_a_bulk_change_marks_outdated_in_one_query(django_assert_num_queries):
    events = [make_event() for _ in range(3)]
    translations = [translate(event) for event in events]
    for event in events[:2]:
        event.title += " (updated)"
    Event.objects.bulk_update(events, ["title"])
    with django_assert_num_queries(1):
        assert mark_outdated(events) == 2
    assert [outdated(t) for t in translations] == [True, True, False]


def test_a_translation_never_marked_ready_is_not_outdated():
    event = make_event()
    translation = translate(event, ready=False, title="Чернетка")
    event.title = "Changed"
    event.save()
    assert not outdated(translation)


def test_marking_ready_again_brings_it_up_to_date():
    event = make_event(summary="Old words here.")
    translation = translate(event)
    event.summary = "New words here."
    event.save()
    translation.refresh_from_db()
    [(field, diff)] = changes_since_made(translation)
    assert field == "summary"
    assert diff == "<del>Old</del> <ins>New</ins> words here."
    mark_ready(translation=translation)
    assert not outdated(translation)
    assert changes_since_made(translation) == []


def test_the_diff_escapes_the_originals_text():
    event = make_event(summary="Safe.")
    translation = translate(event)
    event.summary = "<script>alert(1)</script>"
    event.save()
    [(_, diff)] = changes_since_made(Translation.objects.get(pk=translation.pk))
    assert "<script>" not in diff and "&lt;script&gt;" in diff


def test_one_translation_per_item_and_language():
    from django.db import IntegrityError

    event = make_event()
    translate(event)
    with pytest.raises(IntegrityError):
        translate(event)


def test_a_save_of_untranslated_fields_alone_asks_nothing_of_translations(
    django_assert_num_queries,
):
    event = make_event()
    translate(event)
    event.title = "Changed, but not saved by this call"
    with django_assert_num_queries(0):
        original_saved(Event, event, created=False, update_fields={"is_key", "status"})
    with django_assert_num_queries(1):
        original_saved(Event, event, created=False, update_fields={"title"})


def test_deleting_an_original_deletes_its_translations():
    event, kept = make_event(), make_event()
    translate(event, "uk")
    translate(event, "ru")
    translate(kept, "uk")
    event.delete()
    assert list(Translation.objects.values_list("object_id", flat=True)) == [kept.pk]
