"""An image an editor uploads is cleaned like any other (docs/design.md, rule 7)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from newsroom.articles.models import Article
from tests.factories import make_user
from tests.newsroom.test_images import photo_with_metadata

pytestmark = pytest.mark.django_db


def article_form(**overrides):
    return {
        "headline": "Bridge destroyed",
        "slug": "bridge",
        "standfirst": "A bridge near Glushkovo is down.",
        "body": "",
        "lead_image_alt": "A collapsed bridge",
        "event_links-TOTAL_FORMS": 0,
        "event_links-INITIAL_FORMS": 0,
        **overrides,
    }


def test_a_lead_image_is_stored_without_its_metadata(client):
    client.force_login(make_user("reporter", group="reporter"))
    upload = SimpleUploadedFile("IMG_0001.jpg", photo_with_metadata().getvalue(), "image/jpeg")
    response = client.post("/admin/articles/article/add/", article_form(lead_image=upload))
    assert response.status_code == 302
    article = Article.objects.get(slug="bridge")
    assert "IMG_0001" not in article.lead_image.name
    with Image.open(article.lead_image.path) as image:
        assert not image.getexif()
        assert (article.lead_image_width, article.lead_image_height) == image.size == (200, 300)


def test_a_file_that_is_not_an_image_is_a_form_error(client):
    client.force_login(make_user("reporter", group="reporter"))
    upload = SimpleUploadedFile("photo.jpg", b"%PDF-1.7 not a photo", "image/jpeg")
    response = client.post("/admin/articles/article/add/", article_form(lead_image=upload))
    assert response.status_code == 200
    assert not Article.objects.exists()
