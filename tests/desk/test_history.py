"""A workflow step taken from the change form leaves one revision and one message, named for it."""

import datetime

import pytest
from django.contrib.messages import get_messages
from django.utils import timezone
from lxml import html

from newsroom.publishing import PublicationStatus as Status
from newsroom.revisions.models import Revision
from newsroom.revisions.services import record_revision
from tests.desk.forms import add_inline_rows, admin_form_data
from tests.desk.test_event_admin import ADD_URL, new_event_data
from tests.factories import make_citation, make_event, make_source, make_user
from tests.revisions.builders import save_revision
from timeline.models import Event

pytestmark = pytest.mark.django_db


def change_url(item):
    opts = item._meta
    return f"/admin/{opts.app_label}/{opts.model_name}/{item.pk}/change/"


def history_url(item):
    return change_url(item).replace("/change/", "/history/")


def client_as(client, user):
    client.force_login(user)
    return client


def cited_draft(**fields):
    event = make_event(status=Status.DRAFT, publish_at=None, **fields)
    make_citation(event, make_source())
    return event


def step(client, item, name, **changes):
    """Open the change form, change what is given, and press the step's button."""
    url = change_url(item)
    response = client.post(url, admin_form_data(client.get(url), _transition=name, **changes))
    assert response.status_code == 302, response.context["adminform"].form.errors
    return [str(message) for message in get_messages(response.wsgi_request)]


def comments(item):
    return list(Revision.objects.for_item(item).values_list("comment", flat=True))


def test_publishing_an_unchanged_form_is_one_revision_and_one_message(client, editor):
    event = cited_draft(title="Bridge destroyed")
    client.force_login(editor)
    messages = step(client, event, "publish")
    assert messages == ["“Bridge destroyed” is now published."]
    assert comments(event) == ["Published by Ed Itor"]


def test_a_step_with_edits_says_what_else_changed(client, editor):
    event = cited_draft(title="Bridge destroyed")
    client.force_login(editor)
    messages = step(client, event, "publish", summary="Struck at dawn.")
    assert messages == ["“Bridge destroyed” is now published."]
    assert comments(event) == ["Published by Ed Itor; changed summary"]


def test_a_reporters_step_names_the_reporter(client, reporter):
    event = cited_draft(title="Bridge destroyed")
    client.force_login(reporter)
    assert step(client, event, "submit") == ["“Bridge destroyed” is now in review."]
    assert comments(event) == ["Sent for review by Rita Reporter"]


def test_a_colleague_without_a_full_name_is_named_by_login(client):
    event = cited_draft()
    client.force_login(make_user("okolesnyk", group="editor"))
    step(client, event, "publish")
    assert comments(event) == ["Published by okolesnyk"]


def test_a_publish_time_ahead_is_scheduled_and_the_message_says_for_when(client, editor):
    event = cited_draft(title="Bridge destroyed")
    goes_public = (timezone.localtime() + datetime.timedelta(days=3)).replace(
        hour=14, minute=0, second=0, microsecond=0
    )
    client.force_login(editor)
    messages = step(
        client,
        event,
        "publish",
        publish_at_0=goes_public.strftime("%Y-%m-%d"),
        publish_at_1="14:00",
    )
    when = f"{goes_public.day} {goes_public:%B %Y}, 14:00"
    assert messages == [f"“Bridge destroyed” is now scheduled: it goes public on {when}."]
    assert comments(event) == ["Scheduled by Ed Itor; changed publish time"]


def test_a_refused_step_keeps_the_save_as_one_revision_and_says_why_once(client, editor):
    event = make_event(status=Status.DRAFT, publish_at=None, title="Bridge destroyed")
    client.force_login(editor)
    [message] = step(client, event, "publish", summary="Struck at dawn.")
    assert message.startswith("“Bridge destroyed” was saved but not published: an event goes")
    assert comments(event) == ["Changed summary"]
    event.refresh_from_db()
    assert (event.status, event.summary) == (Status.DRAFT, "Struck at dawn.")


def test_a_new_item_sent_for_review_is_one_revision(client, reporter):
    client.force_login(reporter)
    # The add form's data as the event tests fill it, so a change of date fields shows there.
    data = new_event_data(client, title="Talks postponed", slug="talks", _transition="submit")
    add_inline_rows(
        data, "citations", [{"source": make_source().pk, "stance": "reports", "position": 0}]
    )
    response = client.post(ADD_URL, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "“Talks postponed” is now in review."
    ]
    event = Event.objects.get(slug="talks")
    assert comments(event) == ["Sent for review by Rita Reporter; created"]


def test_the_history_gives_a_revision_that_changed_no_field_its_comment(client, editor):
    event = cited_draft()
    record_revision(item=event, user=editor, comment="Created")
    # As a step recorded before steps were one revision: its save changed nothing.
    save_revision(event, editor, comment="Sent for review by Ed Itor")
    page = html.fromstring(client_as(client, editor).get(history_url(event)).content)
    [newest, _] = page.xpath("//div[@id='change-history']//tbody/tr")
    assert [cell.text_content().strip() for cell in newest.xpath("td")][2:] == [
        "Sent for review by Ed Itor",
        "Sent for review by Ed Itor",
    ]


def test_the_panel_says_who_took_the_last_step_and_when(client, editor, reporter):
    event = cited_draft()
    client.force_login(reporter)
    step(client, event, "submit")
    client.force_login(editor)
    step(client, event, "return_to_draft", summary="Edited.")  # a step with an edit
    page = client.get(change_url(event)).content.decode()
    assert "Returned to draft by Ed Itor, " in page
    assert "; changed summary" not in page.split('id="desk-panel"')[1].split("</section>")[0]
