"""The change form's publication panel as the server renders it: steps, schedule, what blocks."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from lxml import html

from newsroom.publishing import PublicationStatus as Status
from tests.factories import make_citation, make_event, make_party, make_source

pytestmark = pytest.mark.django_db


def panel_of(client, event):
    page = html.fromstring(client.get(f"/admin/timeline/event/{event.pk}/change/").content)
    [panel] = page.xpath("//section[@id='desk-panel']")
    return page, panel


def steps(panel):
    return [button.text_content().strip() for button in panel.xpath(".//*[@name='_transition']")]


def blockers(panel):
    return [
        (item.text_content().strip(), item.xpath("a/@href")[0])
        for item in panel.xpath(".//div[@class='desk-panel-blockers']//li")
    ]


def test_an_uncited_event_is_shown_what_it_lacks_and_where_to_add_it(client, editor):
    event = make_event(status=Status.DRAFT, publish_at=None)
    client.force_login(editor)
    _, panel = panel_of(client, event)
    [(reason, link)] = blockers(panel)
    assert reason.startswith("An event goes public only with at least one citation")
    assert reason.endswith("Add a citation")
    assert link == "#citations-group"


def test_a_party_confirming_itself_is_shown_as_a_blocker_with_the_note_to_write(client, editor):
    event = make_event(status=Status.DRAFT, publish_at=None, verification="confirmed")
    make_citation(event, make_source(party=make_party(name="Russia")))
    client.force_login(editor)
    page, panel = panel_of(client, event)
    [(reason, link)] = blockers(panel)
    assert reason.startswith("Every citation comes from Russia, a party to the conflict")
    assert link == "#id_verification_note"
    assert page.xpath("//*[@id='id_verification_note']")


def test_a_cited_event_has_no_blocker(client, editor):
    event = make_event(status=Status.DRAFT, publish_at=None)
    make_citation(event, make_source())
    client.force_login(editor)
    _, panel = panel_of(client, event)
    assert blockers(panel) == []


def test_a_saved_publish_time_ahead_makes_publish_a_schedule(client, editor):
    goes_public = timezone.localtime() + datetime.timedelta(days=400)
    event = make_event(status=Status.IN_REVIEW, publish_at=goes_public)
    client.force_login(editor)
    _, panel = panel_of(client, event)
    when = f"{goes_public.day} {goes_public:%B %Y, %H:%M}"
    assert steps(panel) == ["Return to draft", f"Schedule for {when}"]


def test_a_reporter_is_offered_no_publish_step_and_sees_the_time_without_a_field(client, reporter):
    event = make_event(status=Status.DRAFT, publish_at=None)
    client.force_login(reporter)
    page, panel = panel_of(client, event)
    assert steps(panel) == ["Send for review"]
    assert not page.xpath("//input[@name='publish_at_0']")


def test_the_citations_come_before_the_status_they_justify(client, editor):
    event = make_event()
    client.force_login(editor)
    page, _ = panel_of(client, event)
    headings = [h.text_content().strip() for h in page.xpath("//form//h2")]
    assert headings.index("Citations") < headings.index("Who says so")


def test_the_front_page_offers_new_items_to_those_who_may_add_them(client, editor):
    client.force_login(editor)
    page = client.get(reverse("admin:index"))
    assert page.status_code == 200
    assert b'<a class="button" href="/admin/timeline/event/add/">New event</a>' in page.content
    assert b">New article</a>" in page.content
