"""The site's frame: the error pages, and the banner every preview carries."""

import pytest
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.views.defaults import server_error

pytestmark = pytest.mark.django_db


def test_a_missing_page_is_a_404_in_the_site_design(client):
    response = client.get("/no-such-page/")
    html = response.content.decode()
    assert response.status_code == 404
    assert html.count("<h1") == 1 and "Page not found" in html
    assert 'href="/timeline/"' in html and "css/site.css" in html
    assert not response.cookies and "Cookie" not in response.get("Vary", "")


def test_a_bad_request_says_what_was_wrong(client):
    response = client.get("/articles/?page=%3Cb%3E")
    html = response.content.decode()
    assert response.status_code == 400
    assert "“&lt;b&gt;” is not a page number" in html
    assert html.count("<h1") == 1


def test_the_500_page_needs_no_context_and_no_database(django_assert_num_queries):
    with django_assert_num_queries(0):
        response = server_error(RequestFactory().get("/"))
    html = response.content.decode()
    assert response.status_code == 500
    assert html.count("<h1") == 1 and "Something went wrong" in html
    assert "css/site.css" in html


def test_a_preview_carries_a_banner_and_is_not_indexed():
    html = render_to_string("base.html", {"preview": True})
    assert "Preview — not published" in html
    assert '<meta name="robots" content="noindex">' in html
    public = render_to_string("base.html", {})
    assert "Preview" not in public and "noindex" not in public


def test_the_frame_links_the_stylesheets_in_order_and_the_main_sections():
    html = render_to_string("base.html", {})
    assert html.index("css/site.css") < html.index("css/timeline.css")
    for address in ('href="/"', 'href="/timeline/"', 'href="/articles/"'):
        assert address in html
