"""An event's citations on the desk, one line each: adding a new source on the way, ordering the
lines, the one-party warning, and how much room a line takes."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from newsroom.sources.models import Citation
from tests.browser.conftest import audit, restore_roles, screenshot
from tests.browser.test_editor_desk import PASSWORD, choose
from tests.factories import make_citation, make_event, make_party, make_source, make_user
from timeline.models import Event

pytestmark = pytest.mark.django_db(transaction=True)

ADD_EVENT = "/admin/timeline/event/add/"


@pytest.fixture
def roles():
    restore_roles()


@pytest.fixture
def desk(browser, live_server, roles):
    """Log in a new member of staff in a window of a common laptop's width; fail on any error."""
    contexts, errors = [], []

    def open_desk(username, group):
        make_user(username, group=group, password=PASSWORD)
        context = browser.new_context(viewport={"width": 1366, "height": 900})
        contexts.append(context)
        context.on("console", lambda m: m.type == "error" and errors.append(m.text))
        context.on("weberror", lambda error: errors.append(str(error.error)))
        context.on("response", lambda r: r.status >= 400 and errors.append(r.url))
        page = context.new_page()
        page.goto(f"{live_server.url}/admin/login/")
        page.fill("#id_username", username)
        page.fill("#id_password", PASSWORD)
        page.click("input[type=submit]")
        page.wait_for_url(f"{live_server.url}/admin/")
        return page

    yield open_desk
    for context in contexts:
        context.close()
    assert not errors, f"the browser reported errors: {errors}"


def fill_new_event(page, title):
    page.fill("#id_title", title)
    page.fill("#id_summary", "Something happened.")
    page.locator("#id_kind").get_by_label("Military", exact=True).check()
    page.fill("#id_start", "August 2024")


def change_url(live_server, event):
    return live_server.url + reverse("admin:timeline_event_change", args=[event.pk])


def saved_order(event):
    return list(event.citations.order_by("position", "pk").values_list("source__name", flat=True))


def event_citing(*names):
    event = make_event(title="Bridge hit")
    for position, name in enumerate(names):
        make_citation(event, make_source(name=name), position=position)
    return event


def test_a_reporter_adds_a_new_source_through_the_popup_and_cites_it(desk, live_server):
    make_party(name="Russia")
    page = desk("taras", "reporter")
    page.goto(live_server.url + ADD_EVENT)
    fill_new_event(page, "Ferry struck at Karyzh")
    page.locator("#id_verification").get_by_label("Reported", exact=True).check()
    # The first line is ready; its source box offers to add a source the desk does not know.
    with page.expect_popup() as popup_info:
        page.locator("#add_id_citations-0-source").click()
    popup = popup_info.value
    popup.wait_for_load_state()
    popup.fill("#id_name", "Kursk regional governor")
    popup.select_option("#id_kind", "government")
    popup.select_option("#id_affiliation", "party")
    choose(popup, "id_party", "Russia")
    with popup.expect_event("close"):
        popup.get_by_role("button", name="Save", exact=True).click()
    assert page.locator("#id_citations-0-source option:checked").inner_text() == (
        "Kursk regional governor"
    )
    # The new source's party is looked up at once for the one-party note.
    expect(page.locator(".citation-party-note")).to_have_text(
        "Only Russia’s own sources: this reads as a claim."
    )
    page.locator("#id_citations-0-stance").get_by_label("Claims", exact=True).check()
    page.fill("#id_citations-0-url", "https://governor.example/ferry")
    page.get_by_role("button", name="Save", exact=True).click()
    page.wait_for_url(f"{live_server.url}/admin/timeline/event/")

    event = Event.objects.get(title="Ferry struck at Karyzh")
    citation = event.citations.get()
    assert (citation.source.name, citation.source.party.name, citation.url) == (
        "Kursk regional governor",
        "Russia",
        "https://governor.example/ferry",
    )


def test_the_arrows_reorder_the_lines_with_mouse_and_keyboard(desk, live_server):
    event = event_citing("Alpha Wire", "Bravo Post", "Charlie Times")
    page = desk("olena", "editor")
    page.goto(change_url(live_server, event))
    page.get_by_role("button", name="Move citation 3 up").click()  # Alpha, Charlie, Bravo
    page.get_by_role("button", name="Move citation 1 down").focus()
    page.keyboard.press("Enter")  # Charlie, Alpha, Bravo
    screenshot(page, "desk-citations-reordered")
    page.get_by_role("button", name="Save and continue editing").click()
    page.wait_for_load_state()
    assert saved_order(event) == ["Charlie Times", "Alpha Wire", "Bravo Post"]
    # The page shows them in the order saved.
    chosen = page.locator("#citations-group tr.form-row td.field-source option:checked")
    assert chosen.all_inner_texts() == [
        "Charlie Times",
        "Alpha Wire",
        "Bravo Post",
    ]


def test_a_line_is_dragged_by_its_handle(desk, live_server):
    event = event_citing("Alpha Wire", "Bravo Post", "Charlie Times")
    page = desk("olena", "editor")
    page.goto(change_url(live_server, event))
    handle = page.locator("#citations-2 .citation-handle")
    handle.scroll_into_view_if_needed()
    first = page.locator("#citations-0").bounding_box()
    box = handle.bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] / 2, first["y"] + 4, steps=12)
    page.mouse.up()
    page.get_by_role("button", name="Save and continue editing").click()
    page.wait_for_load_state()
    assert saved_order(event) == ["Charlie Times", "Alpha Wire", "Bravo Post"]


def test_a_new_line_added_after_reordering_goes_where_it_is_shown(desk, live_server):
    event = event_citing("Alpha Wire", "Bravo Post")
    make_source(name="Delta Daily")
    page = desk("olena", "editor")
    page.goto(change_url(live_server, event))
    page.get_by_role("button", name="Move citation 2 up").click()  # Bravo, Alpha
    choose(page, "id_citations-2-source", "Delta Daily")  # the empty line, last
    page.locator("#id_citations-2-stance").get_by_label("Reports", exact=True).check()
    page.get_by_role("button", name="Move citation 3 up").click()  # Bravo, Delta, Alpha
    # A line added and removed again: the admin renumbers the fields of the lines left, and the
    # stored lines must keep the first numbers, however they are ordered on the page.
    page.get_by_role("button", name="Add another Citation").click()
    page.locator("#citations-3 .inline-deletelink").click()
    page.get_by_role("button", name="Save and continue editing").click()
    page.wait_for_load_state()
    assert saved_order(event) == ["Bravo Post", "Delta Daily", "Alpha Wire"]
    assert Citation.objects.count() == 3


def test_the_form_says_at_once_when_every_source_is_one_partys(desk, live_server):
    russia = make_party(name="Russia")
    make_source(name="Russian Ministry of Defence", party=russia)
    make_source(name="TASS", party=russia)
    make_source(name="The Independent")
    page = desk("olena", "editor")
    page.goto(live_server.url + ADD_EVENT)
    note = page.locator(".citation-party-note")
    expect(note).to_have_text("")

    choose(page, "id_citations-0-source", "Russian Ministry of Defence")
    warning = "Only Russia’s own sources: this reads as a claim."
    expect(note).to_have_text(warning)
    page.locator("#id_verification").get_by_label("Confirmed", exact=True).check()
    expect(note).to_contain_text("needs an override note")

    page.get_by_role("button", name="Add another Citation").click()
    choose(page, "id_citations-1-source", "TASS")
    expect(note).to_contain_text(warning)
    choose(page, "id_citations-1-source", "The Independent")
    expect(note).to_have_text("")
    screenshot(page, "desk-citations-mixed-sources")
    page.locator("#citations-1 .inline-deletelink").click()
    expect(note).to_contain_text(warning)

    # The server still decides: saving it confirmed without a note is refused.
    page.locator("#id_citations-0-stance").get_by_label("Claims", exact=True).check()
    fill_new_event(page, "Attack repelled")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.get_by_text("Every citation comes from Russia")).to_have_count(1)
    assert not Event.objects.exists()


def test_a_stored_event_shows_the_warning_when_it_opens(desk, live_server):
    russia = make_party(name="Russia")
    event = make_event()
    make_citation(event, make_source(name="TASS", party=russia), stance=Citation.Stance.CLAIMS)
    page = desk("olena", "editor")
    page.goto(change_url(live_server, event))
    note = page.locator(".citation-party-note")
    expect(note).to_have_text("Only Russia’s own sources: this reads as a claim.")
    page.locator("#id_citations-0-DELETE").check()
    expect(note).to_have_text("")


def test_each_line_is_compact_and_a_long_quote_opens_in_place(desk, live_server):
    event = event_citing("Ministry of Foreign Affairs of Russia", "The Independent")
    quote = " ".join(["The crossing was destroyed by a precision strike overnight."] * 8)
    event.citations.filter(position=0).update(
        quote=quote, title="Statement on the Kursk region", speaker="Maria Zakharova"
    )
    page = desk("olena", "editor")
    page.goto(change_url(live_server, event))
    rows = page.locator("#citations-group tr.form-row:not(.empty-form)")
    assert rows.count() == 3  # two citations and one empty line
    heights = [rows.nth(i).bounding_box()["height"] for i in range(3)]
    screenshot(page, "desk-citation-lines")
    assert all(height < 60 for height in heights), heights
    wrapper = page.locator("#citations-group .wrapper")
    assert wrapper.evaluate("box => box.scrollWidth <= box.clientWidth"), (
        "the lines scroll sideways"
    )
    assert not page.locator("#id_citations-0-position").is_visible()

    box = page.locator("#id_citations-0-quote")
    before = box.bounding_box()["height"]
    box.focus()
    assert box.bounding_box()["height"] > before * 2
    assert rows.nth(0).bounding_box()["height"] < 60, "the open quote pushed the lines down"
    assert box.input_value() == quote
    # The title and date fold away in their own line's "details".
    assert not page.locator("#id_citations-0-title").is_visible()
    page.locator("#citations-0 summary").click()
    assert page.locator("#id_citations-0-title").input_value() == "Statement on the Kursk region"


def test_the_event_form_with_its_citations_passes_the_audit(desk, live_server):
    russia = make_party(name="Russia")
    event = event_citing("The Independent")
    make_citation(event, make_source(name="TASS", party=russia), position=1)
    page = desk("olena", "editor")
    page.goto(change_url(live_server, event))
    page.get_by_role("button", name="Add another Citation").click()
    page.locator("#citations-0 summary").click()
    # The rest of the form is not this test's business (the place box has a finding of its own).
    assert [problem for problem in audit(page) if "citations" in problem] == []


def test_new_event_from_the_front_page_keeps_one_empty_line_ready(desk, live_server):
    make_source(name="The Independent")
    make_source(name="Delta Daily")
    page = desk("olena", "editor")
    page.get_by_role("link", name="New event", exact=True).click()
    assert page.url == live_server.url + ADD_EVENT
    lines = page.locator("#citations-group tr.form-row:not(.empty-form)")
    expect(lines).to_have_count(1)
    # Choosing a source on the last line opens the next, with nothing to click.
    choose(page, "id_citations-0-source", "The Independent")
    expect(lines).to_have_count(2)
    page.locator("#id_citations-0-stance").get_by_label("Reports", exact=True).check()
    # A source chosen on a line that is not the last adds none.
    choose(page, "id_citations-0-source", "Delta Daily")
    expect(lines).to_have_count(2)
    choose(page, "id_citations-1-source", "The Independent")
    expect(lines).to_have_count(3)
    expect(
        page.locator("#id_citations-0-stance").get_by_label("Reports", exact=True)
    ).to_be_checked()
