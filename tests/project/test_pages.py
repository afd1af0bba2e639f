"""Every public page answers 200 with exactly one <h1>, and touches neither session nor CSRF."""

import pytest

from tests.factories import make_citation, make_event, make_source

pytestmark = pytest.mark.django_db


@pytest.fixture
def public_paths():
    event = make_event()
    make_citation(event, make_source())
    return ["/", "/timeline/", "/articles/", "/sources/", event.get_absolute_url()]


def test_public_pages_have_one_h1(client, public_paths):
    for path in public_paths:
        response = client.get(path)
        assert response.status_code == 200, path
        assert response.content.decode().count("<h1") == 1, path


def test_public_pages_set_no_cookies_and_vary_on_nothing_personal(client, public_paths):
    for path in public_paths:
        response = client.get(path)
        assert not response.cookies, path
        assert "Cookie" not in response.get("Vary", ""), path


def test_pages_forbid_outside_resources(client, public_paths):
    policy = client.get(public_paths[0])["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "frame-ancestors 'none'" in policy
