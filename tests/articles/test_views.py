"""The reader's article pages: what they show, in what order, and that nothing unpublished leaks."""

import datetime

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from newsroom.articles.forms import ArticleForm
from newsroom.articles.models import Article
from newsroom.publishing import PublicationStatus
from tests.articles.factories import (
    UNPUBLISHED,
    count_page_queries,
    image_file,
    make_correction,
    page_html,
)
from tests.factories import (
    make_article,
    make_citation,
    make_event,
    make_source,
    make_storyline,
    make_user,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def hidden_articles():
    return [
        make_article(headline=f"Hidden {label} article", **v) for label, v in UNPUBLISHED.items()
    ]


def test_the_list_shows_published_articles_newest_first(client, hidden_articles):
    make_article(
        headline="Older story", publish_at=datetime.datetime(2024, 8, 7, tzinfo=datetime.UTC)
    )
    make_article(
        headline="Newer story", publish_at=datetime.datetime(2024, 8, 9, tzinfo=datetime.UTC)
    )
    html = page_html(client, "/articles/")
    assert html.count("<h1") == 1
    assert html.index("Newer story") < html.index("Older story")
    assert '<time datetime="2024-08-09T03:00:00+03:00">9 August 2024</time>' in html
    assert "Hidden" not in html


def test_unpublished_articles_have_no_page(client, hidden_articles):
    for article in hidden_articles:
        assert client.get(f"/articles/{article.slug}/").status_code == 404, article.status


def test_a_scheduled_article_is_public_from_its_time(client):
    article = make_article(status=PublicationStatus.SCHEDULED, headline="Now due")
    assert "Now due" in page_html(client, "/articles/")
    assert "Now due" in page_html(client, f"/articles/{article.slug}/")


def test_the_article_page_shows_headline_standfirst_byline_and_times(client):
    alex = make_user("alex", first_name="Alex", last_name="Doe")
    nameless = make_user("login-name-only")
    sam = make_user("sam", first_name="Sam", last_name="Roe")
    article = make_article(
        headline="A headline", standfirst="The summary.", bylines=[sam, nameless, alex]
    )
    html = page_html(client, f"/articles/{article.slug}/")
    assert html.count("<h1") == 1 and ">A headline</h1>" in html
    assert "The summary." in html
    assert "By Alex Doe and Sam Roe" in html
    assert "login-name-only" not in html
    published = '<time datetime="2024-09-01T15:00:00+03:00">1 September 2024, 15:00 Kyiv time'
    assert f"Published {published}</time>" in html
    assert "Updated" not in html


def test_the_body_is_markdown_made_safe(client):
    body = (
        "# A heading\n\nSome *emphasis* and [a link](https://example.org/x).\n\n"
        "<script>alert(1)</script>\n\n[bad](javascript:alert(2))\n\n"
        '<img src="https://evil.example/x.png" onerror="alert(3)">\n\n'
        '<p style="color:red" onclick="alert(4)">Styled</p>'
    )
    html = page_html(client, f"/articles/{make_article(body=body).slug}/")
    assert "<h2>A heading</h2>" in html and html.count("<h1") == 1
    assert "<em>emphasis</em>" in html
    assert '<a href="https://example.org/x" rel="noopener nofollow">a link</a>' in html
    for unsafe in (
        "<script",
        "javascript:",
        "onerror",
        "onclick",
        "style=",
        "evil.example",
        "alert(",
    ):
        assert unsafe not in html.split('<div class="body">')[1].split("</div>")[0], unsafe


def test_linked_events_are_published_ones_in_the_article_order(client):
    source = make_source(name="A cited outlet")
    second = make_event(title="Told second", start_day=1)
    first = make_event(title="Told first", start_day=20)
    hidden = [
        make_event(title=f"Hidden {label} event", **values) for label, values in UNPUBLISHED.items()
    ]
    for event in (first, second, *hidden):
        make_citation(event, source)
    article = make_article(events=[first, *hidden, second])
    html = page_html(client, f"/articles/{article.slug}/")
    assert html.index("Told first") < html.index("Told second")
    assert "Hidden" not in html
    assert "Reported by A cited outlet" in html


def test_a_staff_preview_of_a_draft_still_links_only_published_events(client):
    """The preview subclass changes only the article's queryset; the rest stays public-only."""
    client.force_login(make_user("editor", group="editor"))
    shown, hidden = (
        make_event(title="A published event"),
        make_event(title="A draft event", status=PublicationStatus.DRAFT, publish_at=None),
    )
    article = make_article(
        headline="A draft article", events=[shown, hidden], **UNPUBLISHED["draft"]
    )
    response = client.get(reverse("previews:item", args=["articles.article", article.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "A draft article" in html and "Preview — not published" in html
    assert "A published event" in html and "A draft event" not in html


def test_corrections_show_newest_first_and_date_the_update(client):
    article = make_article()
    make_correction(
        article, note="First fix.", published_at=datetime.datetime(2024, 9, 2, tzinfo=datetime.UTC)
    )
    make_correction(
        article, note="Second fix.", published_at=datetime.datetime(2024, 9, 5, tzinfo=datetime.UTC)
    )
    make_correction(
        article, note="Not yet public.", published_at=timezone.now() + datetime.timedelta(days=1)
    )
    html = page_html(client, f"/articles/{article.slug}/")
    assert html.index("Second fix.") < html.index("First fix.")
    assert "Not yet public." not in html
    assert 'Updated <time datetime="2024-09-05T03:00:00+03:00">' in html


def test_bad_page_numbers_get_a_clear_answer(client):
    make_article()
    for bad in ("abc", "0", "-1", "1.5", "%C2%B2", ""):
        response = client.get(f"/articles/?page={bad}")
        assert response.status_code == 400, bad
        assert "is not a page number" in response.content.decode()
        assert response.content.decode().count("<h1") == 1
    assert client.get("/articles/?page=2").status_code == 404
    assert client.get("/articles/?page=99999999999999999999").status_code == 404
    assert client.get(f"/articles/?page={'9' * 5000}").status_code == 404  # past int()'s limit


def test_the_list_is_paginated(client):
    for day in range(1, 23):
        make_article(
            headline=f"Story of day {day}",
            publish_at=datetime.datetime(2024, 8, day, tzinfo=datetime.UTC),
        )
    first, second = page_html(client, "/articles/"), page_html(client, "/articles/?page=2")
    assert "Story of day 22" in first and "Story of day 3<" in first
    assert "Story of day 2<" in second and "Story of day 1<" in second
    assert 'href="?page=2" rel="next"' in first


def test_pages_touch_no_session_and_answer_conditional_requests(client):
    article = make_article()
    for path in ("/articles/", f"/articles/{article.slug}/"):
        response = client.get(path)
        assert not response.cookies and "Cookie" not in response.get("Vary", ""), path
        assert client.get(path, headers={"if-none-match": response["ETag"]}).status_code == 304


# Lead image renditions, made when the desk saves the image through the article form.


def save_through_form(instance=None, *, image, commit=False, **data):
    values = {
        "headline": "With a picture",
        "slug": "with-a-picture",
        "standfirst": "A story with a lead image.",
        "lead_image_alt": "Smoke over a river",
        "status": PublicationStatus.PUBLISHED,
        "publish_at": "2024-09-01 12:00",
        **data,
    }
    form = ArticleForm(values, {"lead_image": image} if image else {}, instance=instance)
    assert form.is_valid(), form.errors
    article = form.save(commit=commit)
    if not commit:  # as the admin does: save the object, then the relations
        article.save()
        form.save_m2m()
    return article


def test_a_saved_image_gets_renditions_no_wider_than_itself(client):
    article = save_through_form(image=image_file(1000, 500))
    stem = article.lead_image.name.removeprefix("articles/").rsplit(".", 1)[0]
    for width, height in ((480, 240), (800, 400), (1000, 500)):
        for extension in ("webp", "jpg"):
            with default_storage.open(f"articles/renditions/{stem}-{width}.{extension}") as file:
                assert Image.open(file).size == (width, height)
    assert not default_storage.exists(f"articles/renditions/{stem}-1200.jpg")
    html = page_html(client, "/articles/with-a-picture/")
    assert f'srcset="/media/articles/renditions/{stem}-480.webp 480w, ' in html
    assert f'src="/media/articles/renditions/{stem}-1000.jpg"' in html
    assert 'width="1000" height="500" alt="Smoke over a river"' in html
    assert "sizes=" in html


def test_the_admin_makes_renditions_of_an_uploaded_image(client):
    client.force_login(make_user("reporter", group="reporter"))
    upload = SimpleUploadedFile("IMG_1.jpg", image_file(900, 600).read(), "image/jpeg")
    data = {
        "headline": "Bridge destroyed",
        "slug": "bridge",
        "standfirst": "A bridge near Glushkovo is down.",
        "lead_image": upload,
        "lead_image_alt": "A collapsed bridge",
        "event_links-TOTAL_FORMS": 0,
        "event_links-INITIAL_FORMS": 0,
    }
    assert client.post("/admin/articles/article/add/", data).status_code == 302
    stem = Article.objects.get().lead_image.name.removeprefix("articles/").rsplit(".", 1)[0]
    assert sorted(default_storage.listdir("articles/renditions")[1]) == [
        f"{stem}-{width}.{extension}" for width in (480, 800, 900) for extension in ("jpg", "webp")
    ]


def test_renditions_are_made_with_commit_too_and_a_small_image_is_not_enlarged():
    article = save_through_form(
        image=image_file(300, 200, format="PNG", name="x.png", mode="RGBA"), commit=True
    )
    stem = article.lead_image.name.removeprefix("articles/").rsplit(".", 1)[0]
    renditions = sorted(default_storage.listdir("articles/renditions")[1])
    assert renditions == [f"{stem}-300.jpg", f"{stem}-300.webp"]


def test_replacing_the_image_replaces_its_renditions():
    article = save_through_form(image=image_file(600, 300))
    old = article.lead_image.name.removeprefix("articles/").rsplit(".", 1)[0]
    article = save_through_form(Article.objects.get(pk=article.pk), image=image_file(500, 500))
    new = article.lead_image.name.removeprefix("articles/").rsplit(".", 1)[0]
    assert all(name.startswith(new) for name in default_storage.listdir("articles/renditions")[1])
    assert old != new


def test_an_image_without_renditions_falls_back_to_the_original(client):
    article = make_article(slug="imported")
    article.lead_image.save("photo.jpg", image_file(640, 480))
    html = page_html(client, "/articles/imported/")
    assert f'src="/media/{article.lead_image.name}"' in html and "srcset" not in html
    assert 'width="640" height="480"' in html


# A fixed number of queries, none repeated, whatever the size of the story.


def grow(count):
    storyline, source = make_storyline(), make_source()
    people = [
        make_user(f"writer-{Article.objects.count()}-{n}", first_name="W", last_name=str(n))
        for n in range(2)
    ]
    for _ in range(count):
        event = make_event(storylines=[storyline])
        make_citation(event, source)
        article = make_article(bylines=people, events=[event])
        make_correction(article)
    return article


# Each language's pages run the same queries as the English ones.
@pytest.mark.parametrize("prefix", ["", "/uk", "/ru"])
@pytest.mark.parametrize(("path", "expected"), [("/articles/", 4), ("detail", 7)])
def test_query_counts_do_not_grow(client, path, expected, prefix):
    def address(article):
        return prefix + (f"/articles/{article.slug}/" if path == "detail" else path)

    few = grow(2)
    first = count_page_queries(client, address(few))
    many = grow(60)
    for article in Article.objects.all():
        article.events.add(*few.events.all())
    second = count_page_queries(client, address(many))
    assert first == second == expected


@pytest.mark.skipif(connection.vendor != "postgresql", reason="a PostgreSQL plan")
def test_the_list_reads_the_newest_articles_down_an_index(client):
    """At thousands of articles, sorting every published one cost more than the rest of the
    page: the list's order is an index, so its page is the first rows read."""
    for _ in range(3):
        make_article()
    with connection.cursor() as cursor:
        # A tiny table is cheaper to scan and sort: make the planner show what it can use.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_sort = off")
        cursor.execute("SET LOCAL enable_incremental_sort = off")
    plan = Article.objects.published()[:20].explain()
    assert "articles_article_newest" in plan and "Sort" not in plan
