"""The desk's lists at a laptop's 1,366 by 768 pixels (issue 12, point 6): every column in view
without scrolling sideways, the longest title whole, people by name, times on 24 hours."""

import re

import pytest

from newsroom.articles.models import Article
from newsroom.demo.content import DEFAULT_PASSWORD
from newsroom.moderation.models import Submission
from tests.browser.conftest import audit, screenshot
from timeline.models import Event

pytestmark = pytest.mark.django_db(transaction=True)

LAPTOP = {"width": 1366, "height": 768}
# (who, list, the column a person scans for, the texts it holds)
LISTS = [
    ("editor", "/admin/timeline/event/", "field-title", lambda: Event.objects.values_list("title")),
    (
        "editor",
        "/admin/articles/article/",
        "field-headline",
        lambda: Article.objects.values_list("headline"),
    ),
    (
        "moderator",
        "/admin/moderation/submission/?status=all",
        "field-event",
        lambda: Submission.objects.exclude(event=None).values_list("event__title"),
    ),
]
FITS = """() => {
  const page = document.scrollingElement;
  const table = document.querySelector('#result_list');
  return {
    page: page.scrollWidth <= page.clientWidth,
    table: table.scrollWidth <= table.parentElement.clientWidth,
  };
}"""
# Whether the cell holds all its text, wrapped if need be, with nothing cut or hidden.
WHOLE = """cell => ({
  text: cell.innerText.trim(),
  fits: cell.scrollWidth <= cell.clientWidth && cell.scrollHeight <= cell.clientHeight,
  overflow: getComputedStyle(cell).textOverflow,
})"""

LINES = """cell => {
  const text = document.createRange();
  text.selectNodeContents(cell);
  const line = parseFloat(getComputedStyle(cell).lineHeight);
  return Math.round(text.getBoundingClientRect().height / line);
}"""


@pytest.fixture
def laptop(browser, live_server, demo):
    """Log in as one of the demo's people in a laptop-sized window; fail on a browser error."""
    contexts, errors = [], []

    def open_as(username):
        context = browser.new_context(viewport=LAPTOP)
        contexts.append(context)
        page = context.new_page()
        page.on("console", lambda message: message.type == "error" and errors.append(message.text))
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.on("response", lambda reply: reply.status >= 400 and errors.append(reply.url))
        page.goto(f"{live_server.url}/admin/login/")
        page.fill("#id_username", username)
        page.fill("#id_password", DEFAULT_PASSWORD)
        page.click("input[type=submit]")
        page.wait_for_url(f"{live_server.url}/admin/")
        return page

    yield open_as
    for context in contexts:
        context.close()
    assert not errors, f"the browser reported errors: {errors}"


@pytest.mark.parametrize(("username", "path", "column", "texts"), LISTS)
def test_a_list_fits_a_laptop_with_its_longest_title_whole(
    laptop, live_server, username, path, column, texts
):
    page = laptop(username)
    page.goto(f"{live_server.url}{path}")
    name = path.split("/")[3]
    screenshot(page, f"desk-list-{name}")
    assert page.evaluate(FITS) == {"page": True, "table": True}
    longest = max((text for (text,) in texts()), key=len)
    cell = page.locator(f"#result_list .{column}", has_text=longest).first
    shown = cell.evaluate(WHOLE)
    assert shown["text"] == longest
    assert shown["fits"] and shown["overflow"] != "ellipsis"
    # Whole, and on a line or two (three in the queue's narrow event column), not a tall
    # column of single words: the height of the text itself, over the height of a line.
    lines = cell.evaluate(LINES)
    assert lines <= 3, f"{longest!r} takes {lines} lines"
    assert audit(page) == []


def test_the_lists_name_people_and_give_times_on_24_hours(laptop, live_server):
    page = laptop("editor")
    page.goto(f"{live_server.url}/admin/articles/article/")
    table = page.locator("#result_list").inner_text()
    assert "Tom Hale (reporter)" in table and "Daria Lysenko (editor)" in table
    # The published article went live at 18:00 Kyiv time; the list says so on 24 hours.
    assert "31 Aug 2024, 18:00" in table
    filters = page.locator("#changelist-filter").inner_text()
    assert "Tom Hale (reporter)" in filters
    page.goto(f"{live_server.url}/admin/timeline/event/")
    changed = page.locator("#result_list .field-last_change").first.inner_text()
    assert re.search(r"\d{1,2} \w{3} \d{4}, \d\d:\d\d\s+Daria Lysenko \(editor\)", changed)
    assert not re.search(r"[ap]\.m\.", page.locator("#result_list").inner_text())
    assert "Filter by date" in page.locator("#date-hierarchy-label").inner_text()


def test_an_editor_searches_the_events_for_a_word(laptop, live_server):
    """The search box finds the events that name the word in their title or text, the list
    counts them, and each row shows its status in words."""
    mentions = re.compile(r"\bsudzha", re.IGNORECASE)
    expected = {
        title
        for title, summary, body in Event.objects.values_list("title", "summary", "body")
        if mentions.search(f"{title} {summary} {body}")
    }
    assert 0 < len(expected) < Event.objects.count()
    page = laptop("editor")
    page.goto(f"{live_server.url}/admin/timeline/event/")
    page.fill("#searchbar", "Sudzha")
    page.press("#searchbar", "Enter")
    page.wait_for_url(re.compile(r"\?q=Sudzha"))
    titles = page.locator("#result_list .field-title").all_inner_texts()
    assert set(titles) == expected and len(titles) == len(expected)
    assert f"{len(expected)} result" in page.locator("#changelist-search").inner_text()
    statuses = page.locator("#result_list .field-status_column").all_inner_texts()
    assert statuses and all(
        status.strip() in {"Draft", "In review", "Scheduled", "Published", "Archived"}
        for status in statuses
    )
