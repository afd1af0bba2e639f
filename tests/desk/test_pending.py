"""docs/design.md, rule 5: a change to a live item by someone who may not publish waits for an
editor; readers see the published version, everywhere, until an editor publishes the change."""

import pytest
from django.core.cache import cache
from django.test import Client

from newsroom import caching
from newsroom.revisions.models import PendingChange, Revision
from newsroom.revisions.services import record_revision
from tests.desk.forms import add_inline_rows, admin_form_data
from tests.factories import make_citation, make_event, make_source

pytestmark = pytest.mark.django_db

LIVE = "Troops crossed the border at dawn."
EDITED = "Troops crossed the border before dawn, near Sudzha."
# Every outlet that shows an event's summary.
OUTLETS = [
    "/timeline/",
    "/events/incursion/",
    "/feeds/timeline.atom",
    "/feeds/timeline.json",
    "/api/events/",
    "/api/events/incursion/",
    "/api/exports/events.csv",
    "/api/exports/timelinejs.json",
]


@pytest.fixture
def event(editor):
    event = make_event(title="Incursion begins", slug="incursion", summary=LIVE, start_day=6)
    make_citation(event, make_source(name="Reuters"), quote="Crossed.")
    record_revision(item=event, user=editor, comment="Published")
    return event


def change_url(item):
    return f"/admin/timeline/event/{item.pk}/change/"


def login(user):
    client = Client()
    client.force_login(user)
    return client


def read(path):
    response = Client().get(path)
    assert response.status_code == 200, path
    return b"".join(response.streaming_content) if response.streaming else response.content


def outlets_show(text):
    return [path for path in OUTLETS if text.encode() in read(path)]


def reporter_saves(reporter, event, capture, **changes):
    desk = login(reporter)
    with capture(execute=True):
        response = desk.post(
            change_url(event), admin_form_data(desk.get(change_url(event)), **changes)
        )
    assert response.status_code == 302, response.context and response.context["errors"]
    return desk


def test_a_reporters_change_to_a_live_event_reaches_no_reader_until_an_editor_publishes_it(
    reporter, editor, event, django_capture_on_commit_callbacks
):
    assert outlets_show(LIVE) == OUTLETS  # and now stored
    version = caching.content_version()

    desk = reporter_saves(reporter, event, django_capture_on_commit_callbacks, summary=EDITED)

    event.refresh_from_db()
    assert (event.summary, event.version) == (LIVE, 1)
    change = PendingChange.objects.get()
    assert (change.data["summary"], change.based_on_version, change.created_by) == (
        EDITED,
        1,
        reporter,
    )
    # A write no reader can see: the stored pages stay, and a fresh read shows the live text.
    assert caching.content_version() == version
    assert outlets_show(EDITED) == []
    cache.clear()
    assert outlets_show(LIVE) == OUTLETS
    # The reporter goes on with their draft: the form shows the waiting text, with a note.
    form = desk.get(change_url(event))
    assert form.context["adminform"].form["summary"].value() == EDITED
    assert "waits for an editor" in form.content.decode()

    # An editor sees it on the desk, with the diff, and publishes it in one click.
    editor_desk = login(editor)
    front = editor_desk.get("/admin/")
    [entry] = front.context["pending_changes"]
    assert [change.label for change in entry["diff"]] == ["Summary"]
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_desk.post(
            entry["publish_url"], {"pending_version": "1", "next": "/admin/"}
        )
    assert response.status_code == 302 and response["Location"] == "/admin/"
    event.refresh_from_db()
    assert (event.summary, event.version) == (EDITED, 2)
    assert not PendingChange.objects.exists()
    assert Revision.objects.get(object_id=event.pk, version=2).comment == (
        "Published Rita Reporter’s pending change"
    )
    assert outlets_show(EDITED) == OUTLETS


def test_a_reporters_second_save_continues_the_same_waiting_change(
    reporter, event, django_capture_on_commit_callbacks
):
    desk = reporter_saves(reporter, event, django_capture_on_commit_callbacks, summary=EDITED)
    bbc = make_source(name="BBC")
    data = add_inline_rows(
        admin_form_data(desk.get(change_url(event)), title="Incursion"),
        "citations",
        [{"source": bbc.pk, "stance": "reports", "position": 1}],
    )
    assert desk.post(change_url(event), data).status_code == 302
    change = PendingChange.objects.get()
    assert (change.data["title"], change.data["summary"], change.based_on_version) == (
        "Incursion",
        EDITED,
        1,
    )
    assert [row["source"] for row in change.data["citations"]][-1] == bbc.pk
    assert event.citations.count() == 1


def test_an_editor_sends_a_change_back_and_its_author_sees_why(
    reporter, editor, event, django_capture_on_commit_callbacks
):
    desk = reporter_saves(reporter, event, django_capture_on_commit_callbacks, summary=EDITED)
    response = login(editor).post(
        f"/admin/timeline/event/{event.pk}/pending/return/",
        {"pending_note": "Sudzha is not confirmed yet."},
    )
    assert response.status_code == 302
    event.refresh_from_db()
    assert event.summary == LIVE
    page = desk.get(change_url(event)).content.decode()
    assert "was sent back" in page and "Sudzha is not confirmed yet." in page
    assert desk.get(change_url(event)).context["adminform"].form["summary"].value() == LIVE
    assert "Sudzha is not confirmed yet." in desk.get("/admin/").content.decode()


def test_publishing_a_change_older_than_live_merges_three_way(
    reporter, editor, event, django_capture_on_commit_callbacks
):
    reporter_saves(reporter, event, django_capture_on_commit_callbacks, summary=EDITED)
    editor_desk = login(editor)
    # Meanwhile the editor changes the title of the live event, which goes public at once.
    editor_desk.post(
        change_url(event), admin_form_data(editor_desk.get(change_url(event)), title="Day one")
    )
    event.refresh_from_db()
    assert (event.title, event.summary, event.version) == ("Day one", LIVE, 2)

    response = editor_desk.post(
        f"/admin/timeline/event/{event.pk}/pending/publish/", {"pending_version": "2"}
    )
    assert response.status_code == 302
    event.refresh_from_db()
    assert (event.title, event.summary, event.version) == ("Day one", EDITED, 3)


def test_a_waiting_change_that_conflicts_with_a_later_edit_asks_the_editor(
    reporter, editor, event, django_capture_on_commit_callbacks
):
    reporter_saves(reporter, event, django_capture_on_commit_callbacks, summary=EDITED)
    editor_desk = login(editor)
    editor_desk.post(
        change_url(event), admin_form_data(editor_desk.get(change_url(event)), summary="Ed's.")
    )
    page = editor_desk.post(
        f"/admin/timeline/event/{event.pk}/pending/publish/", {"pending_version": "2"}
    )
    assert page.status_code == 200
    assert [row["side"].key for row in page.context["rows"] if row["conflict"]] == ["summary"]
    response = editor_desk.post(
        f"/admin/timeline/event/{event.pk}/merge/",
        {"merge": page.context["payload"], "choice-summary": "mine"},
    )
    assert response.status_code == 302
    event.refresh_from_db()
    assert (event.summary, event.version) == (EDITED, 3)
    assert not PendingChange.objects.exists()


def test_only_those_who_may_publish_decide_a_change(
    reporter, event, django_capture_on_commit_callbacks
):
    desk = reporter_saves(reporter, event, django_capture_on_commit_callbacks, summary=EDITED)
    for step in ("publish", "return"):
        response = desk.post(
            f"/admin/timeline/event/{event.pk}/pending/{step}/", {"pending_version": "1"}
        )
        assert response.status_code == 403
    assert PendingChange.objects.waiting().count() == 1


def test_an_editors_save_of_a_live_event_goes_public_at_once(editor, event):
    desk = login(editor)
    desk.post(change_url(event), admin_form_data(desk.get(change_url(event)), summary=EDITED))
    event.refresh_from_db()
    assert event.summary == EDITED
    assert not PendingChange.objects.exists()


def test_a_reporters_save_of_a_draft_is_saved_as_before(reporter, event):
    event.status, event.publish_at = "draft", None
    event.save()
    desk = login(reporter)
    desk.post(change_url(event), admin_form_data(desk.get(change_url(event)), summary=EDITED))
    event.refresh_from_db()
    assert event.summary == EDITED
    assert not PendingChange.objects.exists()


def test_a_reporters_change_to_a_live_article_waits_too(reporter, editor):
    from tests.factories import make_article

    article = make_article(headline="The first week", slug="week", standfirst="What we know.")
    record_revision(item=article, user=editor, comment="Published")
    url = f"/admin/articles/article/{article.pk}/change/"
    desk = login(reporter)
    desk.post(url, admin_form_data(desk.get(url), standfirst="What we know now."))
    article.refresh_from_db()
    assert article.standfirst == "What we know."
    assert b"What we know now." not in read("/articles/week/")
    login(editor).post(f"{url[:-7]}pending/publish/", {"pending_version": "1"})
    article.refresh_from_db()
    assert article.standfirst == "What we know now."


def test_a_reporters_save_refused_by_a_colleagues_save_merges_into_a_waiting_change(
    reporter, editor, event
):
    desk = login(reporter)
    form = desk.get(change_url(event))
    editor_desk = login(editor)
    editor_desk.post(
        change_url(event), admin_form_data(editor_desk.get(change_url(event)), title="Day one")
    )
    page = desk.post(change_url(event), admin_form_data(form, summary=EDITED))
    assert page.templates[0].name == "admin/publishing/merge.html"
    response = desk.post(
        f"/admin/timeline/event/{event.pk}/merge/", {"merge": page.context["payload"]}
    )
    assert response.status_code == 302
    event.refresh_from_db()
    assert (event.title, event.summary) == ("Day one", LIVE)  # readers: the editor's save only
    change = PendingChange.objects.get()
    assert (change.data["title"], change.data["summary"]) == ("Day one", EDITED)
