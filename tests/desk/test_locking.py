"""docs/design.md, rule 5: two people save the same item; the second is refused and nothing is
lost."""

import pytest
from django.test import Client

from newsroom.articles.models import Article
from newsroom.publishing import PublicationStatus
from newsroom.revisions.models import Revision
from newsroom.revisions.services import record_revision
from tests.desk.forms import admin_form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def article(editor):
    article = Article.objects.create(
        headline="Ukrainian forces cross into Kursk",
        slug="kursk",
        standfirst="The first foreign incursion since 1941.",
        created_by=editor,
    )
    record_revision(item=article, user=editor, comment="Created")
    return article


def change_url(item):
    return f"/admin/articles/article/{item.pk}/change/"


@pytest.fixture
def two_desks(editor, second_editor):
    first, second = Client(), Client()
    first.force_login(editor)
    second.force_login(second_editor)
    return first, second


def test_the_second_save_is_refused_and_offers_a_merge_keeping_what_was_typed(two_desks, article):
    first, second = two_desks
    # Both open the article before either saves.
    first_form = first.get(change_url(article))
    second_form = second.get(change_url(article))

    response = first.post(
        change_url(article), admin_form_data(first_form, headline="Kursk: the first day")
    )
    assert response.status_code == 302

    response = second.post(
        change_url(article),
        admin_form_data(second_form, standfirst="Typed by the second editor."),
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Ed Itor changed “Kursk: the first day” at" in page
    # What the first editor changed is shown beside what the second typed, and nothing is lost.
    rows = {row["side"].key: row for row in response.context["rows"]}
    assert rows["headline"]["side"].theirs == "Kursk: the first day"
    assert rows["headline"]["taken"] == "theirs"
    assert rows["standfirst"]["side"].mine == "Typed by the second editor."
    assert rows["standfirst"]["taken"] == "mine"

    article.refresh_from_db()
    assert article.headline == "Kursk: the first day"
    assert article.standfirst == "The first foreign incursion since 1941."
    assert article.version == 2


def test_saving_again_after_the_warning_never_replaces_their_version_unseen(two_desks, article):
    first, second = two_desks
    first_form, second_form = first.get(change_url(article)), second.get(change_url(article))
    first.post(change_url(article), admin_form_data(first_form, standfirst="First"))
    # The refused form, sent again as it was, is refused again: it asks for a merge each time.
    data = admin_form_data(second_form, headline="Second")
    assert second.post(change_url(article), data).status_code == 200
    assert second.post(change_url(article), data).status_code == 200
    article.refresh_from_db()
    assert (article.headline, article.standfirst, article.version) == (
        "Ukrainian forces cross into Kursk",
        "First",
        2,
    )


def test_a_post_without_the_version_it_started_from_is_refused(client, editor, article):
    client.force_login(editor)
    data = admin_form_data(client.get(change_url(article)), headline="Forged")
    del data["seen_version"]
    assert client.post(change_url(article), data).status_code == 200
    article.refresh_from_db()
    assert article.headline == "Ukrainian forces cross into Kursk"


def test_every_save_keeps_a_revision_with_who_and_what(client, editor, article):
    client.force_login(editor)
    client.post(change_url(article), admin_form_data(client.get(change_url(article)), headline="A"))
    revision = Revision.objects.get(object_id=article.pk, version=2)
    assert (revision.created_by, revision.comment, revision.data["headline"]) == (
        editor,
        "Changed headline",
        "A",
    )


class TestBulkSteps:
    """A bulk step checks, for each item, the version the list showed."""

    def list_and_select(self, client, *items):
        listing = client.get("/admin/articles/article/")
        assert listing.status_code == 200
        data = {"action": "publish_selected", "_selected_action": [item.pk for item in items]}
        for item in items:
            data[f"version-{item.pk}"] = str(item.version)
        return data

    def test_an_item_changed_since_the_list_was_loaded_is_left_alone(
        self, two_desks, article, editor
    ):
        first, second = two_desks
        other = Article.objects.create(headline="Other", slug="other", standfirst="x")
        data = self.list_and_select(second, article, other)
        # Meanwhile the first editor edits the article.
        first.post(
            change_url(article), admin_form_data(first.get(change_url(article)), headline="New")
        )

        response = second.post("/admin/articles/article/", data, follow=True)
        messages = [str(m) for m in response.context["messages"]]
        assert any("Ed Itor changed “New”" in m for m in messages), messages
        article.refresh_from_db()
        other.refresh_from_db()
        assert article.status == PublicationStatus.DRAFT
        assert other.status == PublicationStatus.PUBLISHED

    def test_select_all_across_pages_is_refused(self, client, editor, article):
        client.force_login(editor)
        data = self.list_and_select(client, article)
        data["select_across"] = "1"
        client.post("/admin/articles/article/", data)
        article.refresh_from_db()
        assert article.status == PublicationStatus.DRAFT

    def test_the_list_carries_each_rows_version(self, client, editor, article):
        client.force_login(editor)
        page = client.get("/admin/articles/article/").content.decode()
        assert f'name="version-{article.pk}" value="1"' in page


def test_the_history_shows_the_diff_and_restores_an_earlier_revision(client, editor, article):
    client.force_login(editor)
    url = change_url(article)
    client.post(url, admin_form_data(client.get(url), headline="A wrong headline"))

    history = client.get(f"/admin/articles/article/{article.pk}/history/")
    assert "Changed headline" in history.content.decode()
    revision_page = client.get(f"/admin/articles/article/{article.pk}/history/1/")
    page = revision_page.content.decode()
    assert "A wrong headline" in page and "Ukrainian forces cross into Kursk" in page

    response = client.post(
        f"/admin/articles/article/{article.pk}/history/1/", {"version": "2"}, follow=True
    )
    assert response.status_code == 200
    article.refresh_from_db()
    assert (article.headline, article.version) == ("Ukrainian forces cross into Kursk", 3)
    assert Revision.objects.get(object_id=article.pk, version=3).comment == "Restored revision 1"
