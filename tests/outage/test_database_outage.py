"""PostgreSQL stopped under load: stored pages are still served, the rest answers 503, and
no submission is lost or half-stored. Its 30-second cousin is ``bench/outage.py``."""

import time

import pytest

from .servers import Client, Load

STORED = ["/", "/timeline/", "/timeline/?order=newest", "/articles/", "/sources/"]
OUTAGE_SECONDS = 3
pytestmark = pytest.mark.django_db  # for the test database the cluster copies


def stored_pages(cluster):
    slugs = cluster.query("SELECT slug FROM timeline_event ORDER BY id LIMIT 3")
    return STORED + [f"/events/{slug}/" for slug in slugs]


def test_a_database_restart_under_load_fails_no_stored_page_and_loses_no_submission(cluster, site):
    client = Client(site.port)
    paths = stored_pages(cluster)
    for path in paths:
        response, _ = client.request("GET", path)
        assert response.status == 200, path
    # Each search is a page never stored: it needs the database.
    pages = {"stored": paths, "search": [f"/timeline/?q=bridge{n}" for n in range(100_000)]}

    with Load(site.port, pages, mark="restart") as load:
        time.sleep(1)
        cluster.stop()
        stopped_at = time.monotonic()
        time.sleep(OUTAGE_SECONDS)
        cluster.start()
        down_for = time.monotonic() - stopped_at
        time.sleep(2)

    statuses = load.statuses
    print(f"{down_for:.1f} s down: {dict(statuses)}")
    stored = {status for (kind, status) in statuses if kind == "stored"}
    assert stored <= {200}, statuses
    assert {status for (kind, status) in statuses if kind == "search"} == {200, 503}, statuses
    assert {status for (kind, status) in statuses if kind == "submission"} == {303, 503}
    assert not load.failures, "every 5xx says when to come back (Retry-After)"

    # Every receipt given has its row, and nothing refused was stored at all.
    stored = cluster.query("SELECT text FROM moderation_submission WHERE text LIKE 'restart %'")
    assert sorted(stored) == sorted(load.accepted)
    assert load.refused and not set(load.refused) & set(stored)

    # Recovery needed no restart of the site: a page never stored and a submission both work.
    response, _ = client.request("GET", "/timeline/?q=after")
    assert response.status == 200
    assert load.submitter.send("after")[0] == 303


@pytest.mark.browser
def test_a_reader_who_sends_during_an_outage_keeps_their_text_and_sends_it_again(
    cluster, site, browser
):
    context = browser.new_context()
    page = context.new_page()
    text = "Smoke over the bridge at Sudzha, seen from the market at 05:30."
    page.goto(f"http://127.0.0.1:{site.port}/submit/")
    page.check("input[value=new_development]")
    page.fill("#id_text", text)
    page.fill("#id_contact_name", "Anna")
    cluster.stop()
    try:
        with page.expect_response(lambda reply: reply.request.method == "POST") as sent:
            page.click("button[type=submit]")
        assert sent.value.status == 503
        alert = page.locator(".form-errors[role=alert]")
        assert "Nothing was stored" in alert.inner_text()
        assert page.input_value("#id_text") == text
        assert page.input_value("#id_contact_name") == "Anna"
        assert page.is_checked("input[value=new_development]")
    finally:
        cluster.start()
    page.click("button[type=submit]")
    page.wait_for_url("**/submit/receipt/**")
    assert cluster.query(f"SELECT count(*) FROM moderation_submission WHERE text = '{text}'") == [
        "1"
    ]
    context.close()
