"""A partner frames our timeline embed in their page, on their own origin, in a real Chromium.

The partner's page is served by a small HTTP server of the test's own, on another port of
loopback: another origin, as a partner's site is. The embed loads in its frame; a page that is
not an embed is refused there, as on any other site.
"""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from tests.browser.conftest import audit, screenshot

pytestmark = pytest.mark.django_db(transaction=True)

FRAMING_REFUSED = "frame-ancestors"  # what Chromium's console says when a page refuses a frame


class PartnerPage(BaseHTTPRequestHandler):
    """Answers every request with a page that frames the address it was given."""

    framed = ""

    def do_GET(self):
        body = (
            '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Partner</title>'
            '<link rel="icon" href="data:,"></head><body><h1>A partner’s article</h1>'
            f"{self.framed}</body></html>"
        ).encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def partner():
    """partner(iframe_html) is the address of a page on another origin holding that iframe."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), PartnerPage)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()

    def page_with(framed):
        PartnerPage.framed = framed
        return f"http://127.0.0.1:{server.server_port}/"

    yield page_with
    server.shutdown()
    server.server_close()


def embed_code(page, live_server, path):
    """The code the timeline's Embed button gives, as a partner would copy it."""
    page.goto(f"{live_server.url}{path}")
    page.get_by_text("Embed", exact=True).click()
    return page.locator("#embed-code").input_value()


def test_a_partner_frames_the_embed_from_the_embed_button(page, live_server, demo, partner):
    code = embed_code(page, live_server, "/timeline/?verification=claimed&utm_source=x")
    assert code.startswith(f'<iframe src="{live_server.url}/embed/timeline/?verification=claimed"')
    assert "utm_source" not in code
    page.goto(partner(code))
    frame = page.frame_locator("iframe")
    assert frame.locator("h1").inner_text() == "Timeline (Status: Claimed)"
    statuses = frame.locator(".verification").all_inner_texts()
    assert statuses and {status.split()[-1] for status in statuses} == {"CLAIMED"}
    # Its stylesheet applies under its own policy (no console error from a refused style).
    assert (
        frame.locator(".verification").first.evaluate(
            "element => getComputedStyle(element).textTransform"
        )
        == "uppercase"
    )
    screenshot(page, "embed-framed")


def test_a_partner_frames_the_map_embed_from_the_maps_embed_button(
    page, live_server, demo, partner
):
    code = embed_code(page, live_server, "/map/?verification=confirmed&day=2024-08-16")
    assert code.startswith(f'<iframe src="{live_server.url}/embed/map/?verification=confirmed"')
    page.goto(partner(code))
    frame = page.frame_locator("iframe")
    assert frame.locator("h1").inner_text() == "Map (Status: Confirmed)"
    marks = frame.locator("svg.story-map a.map-event")
    assert marks.count() > 0
    assert set(marks.evaluate_all("marks => marks.map(m => m.getAttribute('class'))")) == {
        "map-event verification-confirmed"
    }
    # The map's own stylesheet applies under the embed's policy: a "near" place is a dashed ring.
    near = frame.locator(".map-near .map-shape").first
    assert near.evaluate("shape => getComputedStyle(shape).strokeDasharray") != "none"
    screenshot(page, "embed-map-framed")


def test_an_events_link_opens_beside_the_partners_page_and_paging_stays_in_the_frame(
    page, live_server, demo, partner
):
    page.goto(partner(f'<iframe src="{live_server.url}/embed/timeline/" title="t"></iframe>'))
    frame = page.frame_locator("iframe")
    first = frame.locator(".event-title a").first
    title = first.inner_text()
    with page.context.expect_page() as opened:
        first.click()
    event_page = opened.value
    event_page.wait_for_load_state()
    assert event_page.locator("h1").inner_text() == title
    assert page.url.startswith("http://127.0.0.1:")  # the partner's page stays
    frame.get_by_role("link", name="Later events").click()
    frame.locator(".embed-pages").get_by_text("Page 2 of 2").wait_for()


@pytest.mark.parametrize(
    "path", ["/timeline/", "/map/", "/events/seym-river-bridge-near-glushkovo-destroyed/"]
)
def test_every_other_page_refuses_to_be_framed(browser, live_server, demo, partner, path):
    context = browser.new_context()
    page = context.new_page()
    console = []
    page.on("console", lambda message: console.append(message.text))
    page.goto(partner(f'<iframe src="{live_server.url}{path}" title="t"></iframe>'))
    page.wait_for_timeout(500)
    assert page.frames[1].url.startswith("chrome-error://")  # what Chromium shows instead
    assert any(FRAMING_REFUSED in line for line in console), console
    context.close()


@pytest.fixture
def framed_without_script(browser, live_server, demo, partner):
    """framed_without_script(path) is the frame of that embed in a partner's page, with
    JavaScript off."""
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()

    def frame(path):
        page.goto(partner(f'<iframe src="{live_server.url}{path}" title="t"></iframe>'))
        return page.frame_locator("iframe")

    yield frame
    context.close()


def test_the_embed_reads_whole_without_javascript(framed_without_script):
    frame = framed_without_script("/embed/timeline/")
    assert frame.locator("h1").inner_text() == "Timeline"
    assert frame.locator("article.event").count() == 10
    assert "Claimed by Russia, a party to the conflict" in frame.locator("main").inner_text()
    frame.get_by_role("link", name="Later events").click()
    frame.locator(".embed-pages").get_by_text("Page 2 of 2").wait_for()


def test_the_map_embed_reads_whole_without_javascript(framed_without_script):
    frame = framed_without_script("/embed/map/")
    assert frame.locator("h1").inner_text() == "Map"
    assert frame.locator("svg.story-map .map-place").count() > 0
    assert "Sudzha" in frame.locator(".map-places").inner_text()


def test_the_embed_button_copies_the_code(browser, live_server, demo):
    context = browser.new_context()
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    page = context.new_page()
    code = embed_code(page, live_server, "/timeline/")
    page.get_by_role("button", name="Copy the code").click()
    page.get_by_role("status").filter(has_text="Copied.").wait_for()
    assert page.evaluate("navigator.clipboard.readText()") == code
    context.close()


def test_without_javascript_the_code_is_there_to_select(browser, live_server, demo):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    code = embed_code(page, live_server, "/timeline/")
    assert code.startswith(f'<iframe src="{live_server.url}/embed/timeline/"')
    assert page.locator("#embed-code").get_attribute("readonly") is not None
    assert not page.get_by_role("button", name="Copy the code").is_visible()
    context.close()


@pytest.mark.parametrize("what", ["timeline", "map"])
def test_the_embed_passes_the_accessibility_audit(page, live_server, demo, what):
    page.goto(f"{live_server.url}/embed/{what}/")
    assert page.locator("h1").count() == 1
    assert audit(page) == []
    page.goto(f"{live_server.url}/{what}/")
    page.get_by_text("Embed", exact=True).click()
    assert audit(page) == []
