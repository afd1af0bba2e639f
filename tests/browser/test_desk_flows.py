"""The desk's everyday flows, one test each, in a real browser as editors and reporters use them.

Each test builds only what its flow starts from and logs in through the admin's login form.
"""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from newsroom.publishing import PublicationStatus
from newsroom.revisions.services import record_revision
from newsroom.sources.models import Citation
from tests.browser.conftest import screenshot
from tests.browser.test_editor_desk import PASSWORD, choose, log_in
from tests.factories import PAST, make_citation, make_event, make_party, make_source, make_user
from timeline.models import Event

pytestmark = pytest.mark.django_db(transaction=True)


def desk_as(browser, live_server, username, group):
    """A logged-in admin page for a new member of staff in ``group``."""
    make_user(username, group=group, password=PASSWORD, first_name=username.title())
    return log_in(browser, live_server, username)


def editor_desk(browser, live_server, username="olena"):
    return desk_as(browser, live_server, username, "editor")


def draft_event(**kwargs):
    """A draft event with one citation (publishing asks for one) and its first revision."""
    event = make_event(**{"status": PublicationStatus.DRAFT, "publish_at": None, **kwargs})
    make_citation(event, make_source(name="Seym Valley Herald"), quote="The ferry was hit.")
    record_revision(item=event, user=event.created_by, comment="Created")
    return event


def change_url(live_server, item):
    opts = item._meta
    return live_server.url + reverse(
        f"admin:{opts.app_label}_{opts.model_name}_change", args=[item.pk]
    )


def message(page):
    return page.locator(".messagelist").inner_text()


def reader_page(browser):
    return browser.new_context().new_page()


def test_an_event_is_recorded_with_two_citations(browser, live_server, demo):
    make_source(name="Seym Valley Herald")
    make_source(name="Northern Command Press Office", party=make_party(name="Northern side"))
    desk, errors = editor_desk(browser, live_server)
    desk.goto(f"{live_server.url}/admin/timeline/event/add/")
    desk.fill("#id_title", "Ferry crossing struck near Glushkovo")
    desk.fill("#id_summary", "A ferry crossing on the Seym was struck overnight.")
    desk.locator("#id_kind").get_by_label("Military", exact=True).check()
    desk.fill("#id_start", "21 Aug 2024")
    desk.locator("#id_verification").get_by_label("Reported", exact=True).check()
    add_citation = desk.get_by_role("button", name="Add another Citation")
    choose(desk, "id_citations-0-source", "Seym Valley Herald")
    desk.locator("#id_citations-0-stance").get_by_label("Reports", exact=True).check()
    desk.fill("#id_citations-0-url", "https://herald.example/ferry")
    add_citation.click()
    choose(desk, "id_citations-1-source", "Northern Command Press Office")
    desk.locator("#id_citations-1-stance").get_by_label("Denies", exact=True).check()
    desk.fill("#id_citations-1-quote", "No crossing was damaged.")
    desk.get_by_role("button", name="Save", exact=True).click()
    desk.wait_for_url(f"{live_server.url}/admin/timeline/event/")
    assert "was added successfully" in message(desk)

    event = Event.objects.get(slug="ferry-crossing-struck-near-glushkovo")
    assert event.status == PublicationStatus.DRAFT
    assert [
        (citation.source.name, citation.stance, citation.url, citation.quote)
        for citation in event.citations.order_by("position")
    ] == [
        ("Seym Valley Herald", Citation.Stance.REPORTS, "https://herald.example/ferry", ""),
        ("Northern Command Press Office", Citation.Stance.DENIES, "", "No crossing was damaged."),
    ]
    desk.goto(change_url(live_server, event))
    assert desk.input_value("#id_citations-1-quote") == "No crossing was damaged."
    screenshot(desk, "desk-event-with-two-citations")
    assert not errors, errors


def test_a_reporter_sends_a_draft_for_review(browser, live_server, demo):
    desk, errors = desk_as(browser, live_server, "taras", "reporter")
    event = draft_event(title="Ferry crossing struck near Glushkovo")
    desk.goto(change_url(live_server, event))
    # Publishing is an editor's step: a reporter is not offered it.
    assert desk.get_by_role("button", name="Publish", exact=True).count() == 0
    desk.get_by_role("button", name="Send for review").click()
    desk.wait_for_url(f"{live_server.url}/admin/timeline/event/")
    assert "is now in review" in message(desk)
    row = desk.locator("#result_list tr", has_text=event.title)
    assert "In review" in row.inner_text()
    event.refresh_from_db()
    assert event.status == PublicationStatus.IN_REVIEW
    screenshot(desk, "desk-sent-for-review")
    assert not errors, errors


def test_an_editor_publishes_an_event_to_the_timeline(browser, live_server, demo):
    event = draft_event(title="Ferry crossing struck near Glushkovo", status="in_review")
    reader = reader_page(browser)
    reader.goto(f"{live_server.url}/timeline/")
    assert reader.get_by_text(event.title).count() == 0

    desk, errors = editor_desk(browser, live_server)
    desk.goto(change_url(live_server, event))
    desk.get_by_role("button", name="Publish", exact=True).click()
    assert "is now published" in message(desk)

    reader.reload()
    assert reader.get_by_role("link", name=event.title).count() == 1
    reader.get_by_role("link", name=event.title).click()
    assert reader.locator("h1").inner_text() == event.title
    screenshot(reader, "desk-published-event")
    assert not errors, errors


def test_an_editor_schedules_an_event(browser, live_server, demo):
    event = draft_event(title="Ferry crossing struck near Glushkovo")
    goes_public = timezone.localtime() + datetime.timedelta(days=3)
    desk, errors = editor_desk(browser, live_server)
    desk.goto(change_url(live_server, event))
    # As the desk shows dates (en-GB), and as its calendar button fills them in.
    desk.fill("#id_publish_at_0", goes_public.strftime("%d/%m/%Y"))
    desk.fill("#id_publish_at_1", "09:30")
    # A time ahead makes the Publish button say what it will do.
    desk.get_by_role("button", name=re.compile(r"^Schedule for .*, 09:30$")).click()
    assert "is now scheduled" in message(desk)
    desk.goto(change_url(live_server, event))
    expected = f"goes public {goes_public.day} {goes_public:%B %Y}, 09:30"
    assert expected in desk.locator(".workflow-state").inner_text()
    screenshot(desk, "desk-scheduled")

    reader = reader_page(browser)
    reader.goto(f"{live_server.url}/timeline/")
    assert reader.get_by_text(event.title).count() == 0
    assert reader.goto(live_server.url + event.get_absolute_url()).status == 404
    assert not errors, errors


def test_an_editor_adds_a_public_correction(browser, live_server, demo):
    event = draft_event(
        title="Ferry crossing struck near Glushkovo", status="published", publish_at=PAST
    )
    note = "An earlier version put the crossing north of Glushkovo; it is to the south."
    desk, errors = editor_desk(browser, live_server)
    desk.goto(change_url(live_server, event))
    desk.get_by_role("button", name="Add another Correction").click()
    desk.fill("#id_corrections-0-note", note)
    desk.get_by_role("button", name="Save and continue editing").click()
    assert "was changed successfully" in message(desk)
    assert desk.input_value("#id_corrections-0-note") == note

    reader = reader_page(browser)
    reader.goto(live_server.url + event.get_absolute_url())
    corrections = reader.get_by_role("region", name="Corrections")
    assert note in corrections.inner_text()
    screenshot(reader, "desk-public-correction")
    assert not errors, errors


def test_history_shows_a_diff_and_restores_old_text(browser, live_server, demo):
    first = "A ferry crossing on the Seym was struck overnight."
    taras = make_user("taras", group="reporter", first_name="Taras")
    event = draft_event(
        title="Ferry crossing struck near Glushkovo", summary=first, created_by=taras
    )
    desk, errors = editor_desk(browser, live_server)
    desk.goto(change_url(live_server, event))
    desk.fill("#id_summary", "Two ferry crossings on the Seym were struck.")
    desk.get_by_role("button", name="Save and continue editing").click()
    assert "was changed successfully" in message(desk)

    desk.get_by_role("link", name="History").click()
    newest = desk.locator("#change-history tbody tr").first
    assert "Version 2" in newest.inner_text() and "summary" in newest.inner_text().lower()
    desk.get_by_role("link", name="Version 1", exact=True).click()
    changes = desk.locator("#changes-from-current")
    assert "Two ferry crossings on the Seym were struck." in changes.inner_text()
    assert first in changes.inner_text()
    screenshot(desk, "desk-revision-diff")
    desk.get_by_role("button", name="Restore this revision").click()
    assert "Restored revision 1" in message(desk)
    assert desk.input_value("#id_summary") == first
    event.refresh_from_db()
    assert (event.summary, event.version) == (first, 3)
    assert not errors, errors


def test_the_second_of_two_conflicting_saves_is_refused_and_merged(browser, live_server, demo):
    event = draft_event(title="Ferry crossing struck near Glushkovo")
    first, first_errors = editor_desk(browser, live_server, "olena")
    second, second_errors = editor_desk(browser, live_server, "ihor")
    first.goto(change_url(live_server, event))
    second.goto(change_url(live_server, event))

    first.fill("#id_title", "Ferry crossing destroyed near Glushkovo")
    first.get_by_role("button", name="Save and continue editing").click()
    assert "was changed successfully" in message(first)

    typed = "Ihor's account: the crossing was hit twice."
    second.fill("#id_summary", typed)
    second.get_by_role("button", name="Save and continue editing").click()
    screenshot(second, "desk-conflicting-saves")
    refusal = second.locator(".errornote").inner_text()
    assert re.search(r"Olena changed .* at .*, after you opened it", refusal)
    merge = second.locator("table.merge").inner_text()
    assert "Ferry crossing destroyed near Glushkovo" in merge and typed in merge

    event.refresh_from_db()
    assert event.title == "Ferry crossing destroyed near Glushkovo"
    assert event.summary != typed

    second.get_by_role("button", name="Save the merge").click()
    assert "Saved the merge" in message(second)
    event.refresh_from_db()
    assert (event.title, event.summary) == ("Ferry crossing destroyed near Glushkovo", typed)
    assert not first_errors and not second_errors, first_errors + second_errors


def test_an_editor_publishes_what_waits_for_review_in_two_clicks(browser, live_server, demo):
    event = draft_event(title="Ferry crossing struck near Glushkovo")
    Event.objects.filter(pk=event.pk).update(status=PublicationStatus.IN_REVIEW)
    desk, errors = editor_desk(browser, live_server)
    desk.goto(f"{live_server.url}/admin/")
    queue = desk.locator("#review-queue")
    queue.get_by_role("link", name=event.title).click()
    desk.wait_for_url(change_url(live_server, event))
    desk.get_by_role("button", name="Publish", exact=True).click()
    desk.wait_for_load_state()
    assert "is now published" in message(desk)
    event.refresh_from_db()
    assert event.status == PublicationStatus.PUBLISHED
    desk.goto(f"{live_server.url}/admin/")
    assert queue.get_by_role("link", name=event.title).count() == 0  # it waits no more
    assert not errors, errors


def test_an_editor_publishes_the_events_ticked_in_the_list(browser, live_server, demo):
    """Each row's checkbox (written by PublishableAdmin.action_checkbox) works with Django's
    actions script: it counts what is ticked, and the action takes those rows and no other."""
    ticked = [
        draft_event(title="Ferry crossing struck near Glushkovo"),
        draft_event(title="Power line cut near Tetkino"),
    ]
    left = draft_event(title="Checkpoint reopened at Sudzha")
    desk, errors = editor_desk(browser, live_server)
    desk.goto(f"{live_server.url}/admin/timeline/event/?status__exact=draft")
    for event in ticked:
        name = f"Select this object for an action - {event.title}"
        desk.get_by_role("checkbox", name=name, exact=True).check()
    drafts = Event.objects.filter(status=PublicationStatus.DRAFT).count()  # the demo's too
    expect(desk.locator(".action-counter")).to_contain_text(f"2 of {drafts} selected")
    desk.select_option("select[name=action]", "publish_selected")
    desk.locator("button[name=index]").click()
    desk.wait_for_load_state()
    statuses = dict(Event.objects.values_list("title", "status"))
    assert [statuses[event.title] for event in ticked] == [PublicationStatus.PUBLISHED] * 2
    assert statuses[left.title] == PublicationStatus.DRAFT
    assert Event.objects.filter(status=PublicationStatus.DRAFT).count() == drafts - 2
    assert not errors, errors
