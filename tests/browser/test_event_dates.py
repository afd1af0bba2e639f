"""An editor types an event's date as they would say it, and the form says back what it read."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import audit, restore_roles, screenshot
from tests.browser.test_editor_desk import PASSWORD
from tests.factories import make_user
from timeline.models import Event

pytestmark = pytest.mark.django_db(transaction=True)


def log_in(page, live_server):
    restore_roles()
    make_user("olena", group="editor", password=PASSWORD, first_name="Olena")
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", "olena")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url(f"{live_server.url}/admin/")


def fill_the_rest(page):
    page.fill("#id_title", "Sudzha gas station taken")
    page.fill("#id_slug", "sudzha-gas-station")
    page.fill("#id_summary", "The gas metering station at Sudzha changed hands.")
    page.locator("#id_kind").get_by_label("Infrastructure", exact=True).check()
    page.locator("#id_verification").get_by_label("Reported", exact=True).check()


def problems_in_the_date_boxes(page):
    """The audit's serious and critical findings about the "When" boxes. (The form's other
    fields have findings of their own, outside this change: the place's autocomplete box and the
    image input.)"""
    boxes = ("#id_start", "#id_end", "#id_time_zone")
    return [problem for problem in audit(page) if any(box in problem for box in boxes)]


def test_the_date_is_read_back_as_the_editor_types(page, live_server):
    log_in(page, live_server)
    page.goto(f"{live_server.url}/admin/timeline/event/add/")
    start, echo = page.locator("#id_start"), page.locator("#id_start_echo")
    expect(page.locator("#id_time_zone option").first).to_have_text("Europe/Kyiv")

    start.press_sequentially("c. August 2024", delay=20)
    expect(echo).to_have_text("c. August 2024")

    start.fill("")
    start.press_sequentially("31 Sep 2024", delay=20)
    expect(echo).to_have_text("There is no 31 September.")
    expect(echo).to_have_class("date-echo date-echo-error")
    assert problems_in_the_date_boxes(page) == []

    start.fill("6 Aug 2024 14:20")
    expect(echo).to_have_text("6 August 2024, 14:20 Kyiv time")
    page.select_option("#id_time_zone", "Europe/London")
    expect(echo).to_have_text("6 August 2024, 14:20 London time")
    page.fill("#id_end", "16:00")
    expect(page.locator("#id_end_echo")).to_have_text("6 August 2024, 16:00 London time")
    expect(echo).to_have_text("6 August 2024, 14:20–16:00 London time")
    screenshot(page, "desk-event-dates")
    assert problems_in_the_date_boxes(page) == []

    fill_the_rest(page)
    page.get_by_role("button", name="Save", exact=True).click()
    page.wait_for_url(f"{live_server.url}/admin/timeline/event/")
    event = Event.objects.get()
    assert (event.start_year, event.start_month, event.start_day) == (2024, 8, 6)
    assert (event.start_hour, event.start_minute, event.end_hour, event.end_minute) == (
        14,
        20,
        16,
        0,
    )
    assert (event.time_zone, event.is_approximate) == ("Europe/London", False)


def test_a_wrong_date_is_refused_on_save_and_nothing_is_stored(page, live_server):
    log_in(page, live_server)
    page.goto(f"{live_server.url}/admin/timeline/event/add/")
    fill_the_rest(page)
    page.fill("#id_start", "6 Agust 2024")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".errorlist")).to_contain_text("“Agust” is not a month.")
    assert page.input_value("#id_start") == "6 Agust 2024"
    assert not Event.objects.exists()


@pytest.fixture
def page_without_javascript(browser):
    context = browser.new_context(java_script_enabled=False)
    yield context.new_page()
    context.close()


def test_without_javascript_the_date_is_read_back_on_save(page_without_javascript, live_server):
    page = page_without_javascript
    log_in(page, live_server)
    page.goto(f"{live_server.url}/admin/timeline/event/add/")
    fill_the_rest(page)
    page.fill("#id_start", "about 6-7 aug 2024")
    page.get_by_role("button", name="Save and continue editing").click()
    expect(page.locator("#id_start_echo")).to_have_text("c. 6–7 August 2024")
    expect(page.locator("#id_end_echo")).to_have_text("7 August 2024")
    assert page.input_value("#id_start") == "c. 6 August 2024"
    assert page.input_value("#id_end") == "7 August 2024"
    event = Event.objects.get()
    assert (event.start_day, event.end_day, event.is_approximate) == (6, 7, True)

    # Typing without a script behind it says nothing until the save.
    page.fill("#id_start", "c. August 2024")
    page.fill("#id_end", "")
    expect(page.locator("#id_start_echo")).to_have_text("c. 6–7 August 2024")
    page.get_by_role("button", name="Save and continue editing").click()
    expect(page.locator("#id_start_echo")).to_have_text("c. August 2024")
    event.refresh_from_db()
    assert (event.start_month, event.start_day, event.end_year) == (8, None, None)
