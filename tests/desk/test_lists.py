"""The desk's lists and pages name people and times as the newsroom does (issue 12, point 6):
full names with the login as a hint, the 24-hour clock, labels in the newsroom's words."""

import datetime

import pytest

from newsroom.moderation.models import Submission
from newsroom.revisions.services import record_revision
from tests.factories import PAST, make_article, make_event, make_user
from tests.moderation.factories import make_submission

pytestmark = pytest.mark.django_db

# PAST is noon UTC, 15:00 in Kyiv: written "3 p.m." on a 12-hour clock.
AFTERNOON = "1 Sep 2024, 15:00"


def page(client, user, path):
    client.force_login(user)
    response = client.get(path)
    assert response.status_code == 200
    return response.text


def test_the_events_list_says_who_changed_each_event_and_when(client, editor):
    event = make_event(updated_by=editor)
    type(event).objects.filter(pk=event.pk).update(updated_at=PAST)
    html = page(client, editor, "/admin/timeline/event/")
    assert "Ed Itor (editor)" in html
    assert AFTERNOON in html
    assert "p.m." not in html


def test_the_events_list_filters_by_date_not_by_a_field_name(client, editor):
    make_event()
    html = page(client, editor, "/admin/timeline/event/")
    assert "Filter by date" in html
    assert "sorts at" not in html.lower()
    assert "By what readers see" in html and "By on the site" not in html


def test_an_account_without_a_name_is_shown_by_its_login(client, editor):
    make_event(updated_by=make_user("nameless", group="editor"))
    html = page(client, editor, "/admin/timeline/event/")
    assert "nameless" in html
    assert "()" not in html


def test_the_articles_list_names_bylines_in_its_column_and_filter(client, editor, reporter):
    make_article(bylines=[reporter], updated_by=editor)
    html = page(client, editor, "/admin/articles/article/")
    # The column, and the filter's choice.
    assert html.count("Rita Reporter (reporter)") == 2
    assert "No byline" in html
    assert AFTERNOON in html and "p.m." not in html


def test_the_byline_chooser_offers_and_shows_full_names(client, editor, reporter):
    article = make_article(bylines=[reporter])
    client.force_login(editor)
    found = client.get(
        "/admin/autocomplete/",
        {"app_label": "articles", "model_name": "article", "field_name": "bylines", "term": "Rita"},
    ).json()
    assert [result["text"] for result in found["results"]] == ["Rita Reporter (reporter)"]
    html = page(client, editor, f"/admin/articles/article/{article.pk}/change/")
    assert f'<option value="{reporter.pk}" selected>Rita Reporter (reporter)</option>' in html


def test_the_queue_says_who_holds_an_item_and_until_when_on_the_24_hour_clock(client, moderator):
    holder = make_user("mira", group="moderator", first_name="Mira", last_name="Koval")
    # A claim still running: a summer afternoon far ahead, 18:30 in Kyiv.
    make_submission(
        claimed_by=holder, claimed_until=datetime.datetime(2099, 7, 1, 15, 30, tzinfo=datetime.UTC)
    )
    html = page(client, moderator, "/admin/moderation/submission/")
    assert "Pending: Mira Koval (mira) until 18:30" in html


def test_a_decided_submission_names_its_moderator_with_the_time_on_24_hours(client, moderator):
    decider = make_user("mira", group="moderator", first_name="Mira", last_name="Koval")
    submission = make_submission(
        status=Submission.Status.REJECTED, decided_by=decider, decided_at=PAST
    )
    html = page(client, moderator, f"/admin/moderation/submission/{submission.pk}/change/")
    assert "Mira Koval (mira)" in html
    assert AFTERNOON in html
    assert "p.m." not in html


def test_the_history_names_who_saved_each_version(client, editor):
    event = make_event()
    record_revision(item=event, user=editor, comment="Created")
    html = page(client, editor, f"/admin/timeline/event/{event.pk}/history/")
    assert "Ed Itor (editor)" in html


def test_the_clock_picker_offers_24_hour_times(client, editor):
    client.force_login(editor)
    catalog = client.get("/admin/jsi18n/").text
    assert '"6 a.m.": "06:00"' in catalog
    assert '"6 p.m.": "18:00"' in catalog


@pytest.mark.parametrize("language", ["en", "uk"])
def test_each_rows_checkbox_is_the_one_django_would_write(client, editor, language):
    """Written in one pass for speed, with Django's words for the screen reader's label."""
    from django.contrib import admin
    from django.test.html import parse_html
    from django.utils import translation

    from timeline.models import Event

    event = make_event(title='Strikes on "Sudzha" & <Sumy>')
    client.force_login(editor)
    html = client.get("/admin/timeline/event/", HTTP_ACCEPT_LANGUAGE=language).text
    model_admin = admin.site._registry[Event]
    with translation.override(language):
        ours = model_admin.action_checkbox(event)
        django_own = admin.ModelAdmin.action_checkbox(model_admin, event)
    assert parse_html(ours) == parse_html(django_own)
    assert ours in html
    if language == "uk":
        assert "Select this object" not in ours


@pytest.mark.parametrize("language", ["en", "uk"])
def test_each_status_reads_as_django_would_write_it(language):
    """Each row's status translates only its own label, and says what Django's would."""
    from django.utils import translation

    from newsroom.publishing import PublicationStatus

    event = make_event()
    for status in PublicationStatus.values:
        event.status = status
        with translation.override(language):
            django_own = event._get_FIELD_display(type(event)._meta.get_field("status"))
            assert event.get_status_display() == django_own
    event.status = PublicationStatus.ARCHIVED
    with translation.override("uk"):
        assert event.get_status_display() not in ("", "Archived")
    event.status = "unheard-of"
    assert event.get_status_display() == "unheard-of"
