"""docs/design.md, rule 5: a save refused because a colleague saved in between becomes a merge,
field by field and row by row, and nobody's change is lost."""

import pytest
from django.test import Client

from newsroom.publishing import PublicationStatus
from newsroom.revisions.models import Revision
from newsroom.revisions.services import record_revision
from tests.desk.forms import add_inline_rows, admin_form_data
from tests.factories import make_citation, make_event, make_source, make_storyline

pytestmark = pytest.mark.django_db


@pytest.fixture
def event(editor):
    event = make_event(
        title="Incursion begins",
        summary="Troops cross the border.",
        status=PublicationStatus.DRAFT,
        publish_at=None,
        storylines=[make_storyline(title="Fighting")],
    )
    make_citation(event, make_source(name="Reuters"), quote="Crossed at dawn.", position=0)
    make_citation(event, make_source(name="AFP"), quote="Near Sudzha.", position=1)
    record_revision(item=event, user=editor, comment="Created")
    return event


def change_url(event):
    return f"/admin/timeline/event/{event.pk}/change/"


def merge_url(event):
    return f"/admin/timeline/event/{event.pk}/merge/"


@pytest.fixture
def desks(editor, second_editor):
    """A (Ed Itor) and B (Olena Second) both open the event before either saves."""
    first, second = Client(), Client()
    first.force_login(editor)
    second.force_login(second_editor)
    return first, second


def refused(desks, event, theirs, mine, *, edit_rows=None):
    """A saves ``theirs``; B then saves ``mine`` from the form B opened first: the merge page."""
    first, second = desks
    first_form, second_form = first.get(change_url(event)), second.get(change_url(event))
    response = first.post(change_url(event), admin_form_data(first_form, **theirs))
    assert response.status_code == 302
    data = admin_form_data(second_form, **mine)
    if edit_rows:
        edit_rows(data)
    response = second.post(change_url(event), data)
    assert response.status_code == 200
    assert response.templates[0].name == "admin/publishing/merge.html"
    return response


def save_merge(client, event, page, **choices):
    data = {"merge": page.context["payload"]}
    data.update({f"choice-{key}": value for key, value in choices.items()})
    return client.post(merge_url(event), data)


def test_a_merge_keeps_their_summary_and_my_title(desks, event):
    page = refused(desks, event, {"summary": "A's summary."}, {"title": "B's title"})
    assert not page.context["has_conflicts"]

    assert save_merge(desks[1], event, page).status_code == 302
    event.refresh_from_db()
    assert (event.title, event.summary, event.version) == ("B's title", "A's summary.", 3)
    assert Revision.objects.get(object_id=event.pk, version=3).comment == (
        "Merged by Olena Second with Ed Itor’s version 2: kept theirs for summary, mine for title"
    )


def test_both_changing_the_title_asks_which_stands(desks, event):
    page = refused(desks, event, {"title": "A's title"}, {"title": "B's title"})
    rows = {row["side"].key: row for row in page.context["rows"]}
    assert rows["title"]["conflict"]
    assert (rows["title"]["side"].mine, rows["title"]["side"].theirs) == ("B's title", "A's title")
    assert 'name="choice-title" value="mine"' in page.content.decode()

    # No choice made: asked again, nothing saved.
    assert save_merge(desks[1], event, page).status_code == 200
    event.refresh_from_db()
    assert (event.title, event.version) == ("A's title", 2)

    assert save_merge(desks[1], event, page, title="mine").status_code == 302
    event.refresh_from_db()
    assert (event.title, event.version) == ("B's title", 3)
    assert "kept mine for title" in Revision.objects.get(object_id=event.pk, version=3).comment


def test_storylines_and_citations_merge_row_by_row(desks, event):
    reuters, afp = event.citations.order_by("position")
    added = make_storyline(title="Diplomacy")
    bbc = make_source(name="BBC")

    def b_edits(data):
        # B removes the AFP citation and adds one from the BBC.
        data["citations-1-DELETE"] = "on"
        add_inline_rows(data, "citations", [{"source": bbc.pk, "stance": "reports", "position": 2}])

    page = refused(
        desks,
        event,
        {"citations-0-quote": "Crossed before dawn.", "storylines": [s.pk for s in [added]]},
        {"storylines": [added.pk, *event.storylines.values_list("pk", flat=True)]},
        edit_rows=b_edits,
    )
    assert save_merge(desks[1], event, page).status_code == 302
    quotes = list(event.citations.order_by("position").values_list("source__name", "quote"))
    assert quotes == [("Reuters", "Crossed before dawn."), ("BBC", "")]
    # A replaced Fighting by Diplomacy, B added Diplomacy: Fighting is gone, Diplomacy kept.
    assert list(event.storylines.values_list("title", flat=True)) == ["Diplomacy"]
    assert event.citations.filter(pk=reuters.pk).exists()  # the same row, edited


def test_a_citation_both_edited_is_a_choice(desks, event):
    reuters = event.citations.order_by("position").first()
    page = refused(desks, event, {"citations-0-quote": "A's quote."}, {"citations-0-quote": "B's"})
    key = f"citations-{reuters.pk}"
    assert [row["side"].key for row in page.context["rows"] if row["conflict"]] == [key]
    assert save_merge(desks[1], event, page, **{key: "mine"}).status_code == 302
    reuters.refresh_from_db()
    assert reuters.quote == "B's"


def test_a_third_save_during_the_merge_shows_the_merge_again(desks, event, editor):
    page = refused(desks, event, {"summary": "A's summary."}, {"title": "B's title"})
    first = desks[0]
    first.post(change_url(event), admin_form_data(first.get(change_url(event)), body="More."))
    again = save_merge(desks[1], event, page)
    assert again.status_code == 200
    assert "Ed Itor changed" in again.content.decode()
    assert save_merge(desks[1], event, again).status_code == 302
    event.refresh_from_db()
    assert (event.title, event.summary, event.body) == ("B's title", "A's summary.", "More.")


def test_a_forged_merge_is_refused(desks, event):
    response = desks[1].post(merge_url(event), {"merge": "forged"})
    assert response.status_code == 400
    event.refresh_from_db()
    assert event.version == 1


def test_a_merge_offered_for_one_event_cannot_be_saved_on_another(desks, event):
    page = refused(desks, event, {"summary": "A's summary."}, {"title": "B's title"})
    other = make_event(title="Another", status=PublicationStatus.DRAFT, publish_at=None)
    response = desks[1].post(merge_url(other), {"merge": page.context["payload"]})
    assert response.status_code == 400
    other.refresh_from_db()
    assert other.title == "Another"
