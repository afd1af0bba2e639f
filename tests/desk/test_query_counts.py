"""The desk's pages run a fixed number of queries however many rows they show.

Each page is counted with a little data and with ten times as much, as an editor reaches it:
a count that grows with the rows means a query per row, which at 100,000 events is the page.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from lxml import html

from newsroom.moderation.models import Submission
from tests.desk.forms import admin_form_data
from tests.factories import (
    make_article,
    make_citation,
    make_event,
    make_place,
    make_source,
    make_storyline,
)

pytestmark = pytest.mark.django_db

CHANGELISTS = [
    "/admin/timeline/event/",
    "/admin/timeline/event/?q=event",
    "/admin/articles/article/",
    "/admin/moderation/submission/?status=all",
    "/admin/timeline/storyline/",
    "/admin/timeline/place/",
    "/admin/sources/source/",
    "/admin/sources/citation/",
]


def queries(client, path):
    client.get(path)  # fills what Django keeps per process (content types), as a warm server has
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200, path
    return len(captured)


def add_desk_work(size, editor):
    """``size`` of each kind of row a desk list shows, each with what its columns read."""
    storyline = make_storyline()
    for _ in range(size):
        event = make_event(
            storylines=[storyline, make_storyline()],
            place=make_place(),
            updated_by=editor,
            created_by=editor,
        )
        make_citation(event, make_source())
        make_article(bylines=[editor], events=[event], updated_by=editor)
        Submission.objects.create(kind="new_development", text="Shelling", event=event)


def counts_at(client, editor, size, paths):
    add_desk_work(size, editor)
    return {path: queries(client, path) for path in paths}


def test_no_list_runs_a_query_per_row(client, editor):
    client.force_login(editor)
    small = counts_at(client, editor, 3, CHANGELISTS)
    # 27 more of everything: 30 in all, still one page of each list.
    large = counts_at(client, editor, 27, CHANGELISTS)
    assert large == small


@pytest.mark.parametrize(
    "path",
    [
        "/admin/timeline/event/",
        "/admin/timeline/event/?q=event",
        "/admin/articles/article/?q=article",
        "/admin/moderation/submission/",
        "/admin/sources/source/",
        "/admin/sources/citation/?q=source",
    ],
)
def test_a_long_list_counts_its_rows_once(client, editor, path):
    """Django counts the filtered and the whole list; at 100k each count reads every row."""
    add_desk_work(1, editor)
    client.force_login(editor)
    with CaptureQueriesContext(connection) as captured:
        client.get(path)
    counts = [q["sql"] for q in captured if q["sql"].startswith("SELECT COUNT(*)")]
    assert len(counts) == 1, counts


@pytest.mark.parametrize("path", ["/admin/", "/admin/timeline/event/add/"])
def test_the_desk_front_page_and_the_add_form_do_not_grow(client, editor, path):
    client.force_login(editor)
    assert counts_at(client, editor, 3, [path]) == counts_at(client, editor, 27, [path])


def event_with_citations(number):
    event = make_event()
    for _ in range(number):
        make_citation(event, make_source())
    return event


def test_the_event_change_form_looks_up_no_source_per_citation(client, editor):
    client.force_login(editor)
    few = event_with_citations(2)
    many = event_with_citations(12)
    counts = [queries(client, f"/admin/timeline/event/{e.pk}/change/") for e in (few, many)]
    assert counts[0] == counts[1]


def test_the_article_change_form_looks_up_no_event_per_link(client, editor):
    client.force_login(editor)
    few = make_article(events=[make_event() for _ in range(2)])
    many = make_article(events=[make_event() for _ in range(12)])
    counts = [queries(client, f"/admin/articles/article/{a.pk}/change/") for a in (few, many)]
    assert counts[0] == counts[1]


def chosen_sources(response):
    """What each citation row's source box shows as chosen: (its name, the chosen label)."""
    page = html.fromstring(response.content)
    return [
        (select.get("name"), [option.text for option in select.xpath("option[@selected]")])
        for select in page.xpath('//select[starts-with(@name, "citations-")]')
        if select.get("name").endswith("-source") and "__prefix__" not in select.get("name")
    ]


def test_each_citation_row_still_shows_its_own_source(client, editor):
    client.force_login(editor)
    event = make_event()
    first, second = make_source(name="Kyiv Independent"), make_source(name="Meduza")
    make_citation(event, first, position=0)
    make_citation(event, second, position=1)
    url = f"/admin/timeline/event/{event.pk}/change/"
    response = client.get(url)
    assert chosen_sources(response) == [
        ("citations-0-source", ["Kyiv Independent"]),
        ("citations-1-source", ["Meduza"]),
        ("citations-2-source", []),  # the empty row offered for one more
    ]
    # A refused save shows what the editor chose, not what was stored.
    data = admin_form_data(response, title="", **{"citations-0-source": str(second.pk)})
    refused = client.post(url, data)
    assert refused.status_code == 200
    assert chosen_sources(refused) == [
        ("citations-0-source", ["Meduza"]),
        ("citations-1-source", ["Meduza"]),
        ("citations-2-source", []),
    ]
