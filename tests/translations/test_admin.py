"""The translators' desk: what a translator may do (server-enforced), the form beside the
original with the diff of an outdated one, marking ready, and the desk's counts."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.test import Client

from newsroom.publishing import PublicationStatus as Status
from newsroom.translations.models import Translation
from tests.desk.forms import admin_form_data
from tests.desk.test_permissions import NEW, admin_url, make_item
from tests.factories import make_article, make_citation, make_event, make_source, make_user
from timeline.models import Event

from .factories import translate

pytestmark = pytest.mark.django_db


@pytest.fixture
def desk():
    client = Client()
    client.force_login(make_user("desk-editor", group="editor"))
    return client


@pytest.fixture
def translator():
    client = Client()
    client.force_login(make_user("the-translator", group="translator"))
    return client


@pytest.fixture(params=[Event, "article"], ids=["event", "article"])
def model(request):
    from newsroom.articles.models import Article

    return Event if request.param is Event else Article


def test_a_translator_reads_an_original_but_cannot_change_it(desk, translator, model):
    item = make_item(model, status=Status.DRAFT)
    url = admin_url(model, "change", item)
    assert translator.get(url).status_code == 200
    field = "title" if model is Event else "headline"
    data = admin_form_data(desk.get(url), **{field: "Edited"})
    assert translator.post(url, data).status_code == 403
    assert not model.objects.filter(**{field: "Edited"}).exists()


def test_a_translator_cannot_publish(desk, translator, model):
    item = make_item(model, status=Status.IN_REVIEW)
    url = admin_url(model, "change", item)
    data = admin_form_data(desk.get(url), _transition="publish")
    assert translator.post(url, data).status_code == 403
    bulk = {"action": "publish_selected", "_selected_action": [item.pk]}
    assert translator.post(admin_url(model, "add").replace("add/", ""), bulk).status_code == 403
    item.refresh_from_db()
    assert item.status == Status.IN_REVIEW


def test_a_translator_cannot_create_an_original(desk, translator, model):
    data = admin_form_data(desk.get(admin_url(model, "add")), **NEW[model])
    assert translator.post(admin_url(model, "add"), data).status_code == 403
    assert not model.objects.filter(slug="new-item").exists()


def test_a_translator_cannot_delete_a_translation(translator):
    translation = translate(make_event())
    url = f"/admin/translations/translation/{translation.pk}/delete/"
    assert translator.post(url, {"post": "yes"}).status_code == 403
    assert Translation.objects.filter(pk=translation.pk).exists()


def test_the_originals_form_links_to_its_translations(translator):
    event = make_event()
    translate(event, "ru", title="Мост")
    html = translator.get(admin_url(Event, "change", event)).content.decode()
    assert 'Translate into <span lang="uk">Українська</span></a> (not started)' in html
    assert 'Translate into <span lang="ru">Русский</span></a> (ready)' in html


def test_a_translator_starts_a_translation_from_the_link(translator):
    event = make_event(title="Bridge destroyed")
    content_type = ContentType.objects.get_for_model(Event)
    link = f"/admin/translations/translation/translate/{content_type.pk}/{event.pk}/uk/"
    add = translator.get(link, follow=True)
    assert add.status_code == 200 and "English: Bridge destroyed" in add.content.decode()
    data = admin_form_data(add, title="Міст зруйновано", summary="Міст упав.", ready="on")
    assert (
        translator.post(
            add.request["PATH_INFO"] + "?" + add.request["QUERY_STRING"], data
        ).status_code
        == 302
    )
    translation = Translation.objects.get()
    assert translation.fields == {"title": "Міст зруйновано", "summary": "Міст упав."}
    assert translation.ready and translation.made_from["title"] == "Bridge destroyed"
    # The same link now leads to the translation made.
    assert translator.get(link)["Location"].endswith(f"/{translation.pk}/change/")


def test_the_add_form_refuses_an_address_naming_no_original(translator):
    assert translator.get("/admin/translations/translation/add/").status_code == 400
    query = "?content_type=1&object_id=x&language=uk"
    assert translator.get("/admin/translations/translation/add/" + query).status_code == 400
    assert translator.get("/admin/translations/translation/translate/1/1/xx/").status_code == 400


def test_an_outdated_translation_shows_the_diff_and_is_marked_ready_again(translator):
    event = make_event(summary="Talks will be held later in the month.")
    translation = translate(event, "ru", summary="Переговоры пройдут позже в этом месяце.")
    event.summary = "Talks will be held on 22 August."
    event.save()
    url = f"/admin/translations/translation/{translation.pk}/change/"
    page = translator.get(url)
    html = page.content.decode()
    assert "<del>later in the month.</del> <ins>on 22 August.</ins>" in html
    # Outdated, it is offered unticked: ready again only when the translator says so.
    assert page.context["adminform"].form["ready"].value() is False
    data = admin_form_data(page, summary="Переговоры пройдут 22 августа.", ready="on")
    assert translator.post(url, data).status_code == 302
    translation.refresh_from_db()
    assert translation.ready and not translation.outdated
    assert translation.made_from["summary"] == "Talks will be held on 22 August."


def test_saving_without_ready_takes_a_translation_off_the_site(translator):
    translation = translate(make_event(), "uk", title="Назва")
    url = f"/admin/translations/translation/{translation.pk}/change/"
    data = admin_form_data(translator.get(url), title="Інша назва")
    data.pop("ready", None)
    assert translator.post(url, data).status_code == 302
    translation.refresh_from_db()
    assert not translation.ready and translation.fields == {"title": "Інша назва"}


def test_the_list_filters_by_language_readiness_and_outdating(translator):
    event = make_event()
    translate(event, "uk")
    translate(event, "ru", ready=False)
    listing = translator.get("/admin/translations/translation/?language__exact=ru&ready__exact=0")
    assert listing.status_code == 200 and listing.context["cl"].result_count == 1


def tallies(client):
    response = client.get("/admin/")
    assert response.status_code == 200
    return {tally.label: (tally.count, tally.url) for tally in response.context["tallies"]}


def test_the_desk_counts_what_waits_for_translation(translator):
    events = [make_event() for _ in range(4)]
    for event in events:
        make_citation(event, make_source())
    make_event(status=Status.DRAFT, publish_at=None)  # not published: waits for nobody
    translate(events[0], "uk")
    translate(events[1], "uk", ready=False)
    outdated = translate(events[2], "uk")
    events[2].title = "Changed"
    events[2].save()
    make_article()
    counts = tallies(translator)
    assert counts["Published events with no Ukrainian translation"][0] == 1
    assert counts["Published events with no Russian translation"][0] == 4
    assert counts["Published articles with no Ukrainian translation"][0] == 1
    assert counts["Ukrainian translations not ready"][0] == 1
    assert counts["Ukrainian translations outdated"][0] == 1
    assert outdated.pk
    for label, (count, url) in counts.items():
        listing = translator.get(url)
        assert listing.status_code == 200, (label, url)
        assert listing.context["cl"].result_count == count, label


def test_reporters_see_no_translation_counts(client):
    client.force_login(make_user("reporter", group="reporter"))
    assert not any("translation" in label for label in tallies(client))


@pytest.mark.parametrize(
    ("path", "maker"),
    [
        ("timeline/storyline", "make_storyline"),
        ("timeline/place", "make_place"),
        ("sources/source", "make_source"),
        ("sources/party", "make_party"),
    ],
)
def test_shared_rows_link_to_their_translations_too(translator, path, maker):
    import tests.factories

    item = getattr(tests.factories, maker)()
    html = translator.get(f"/admin/{path}/{item.pk}/change/").content.decode()
    assert html.count('Translate into <span lang="uk">Українська</span>') == 1
    content_type = ContentType.objects.get_for_model(item)
    add = translator.get(
        f"/admin/translations/translation/translate/{content_type.pk}/{item.pk}/ru/", follow=True
    )
    assert add.status_code == 200 and "English:" in add.content.decode()


def test_the_originals_text_is_shown_escaped_beside_its_input(translator):
    event = make_event(title="<script>alert(1)</script>")
    translation = translate(event, "uk", title="Назва")
    html = translator.get(f"/admin/translations/translation/{translation.pk}/change/").text
    assert "English: &lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script>alert(1)" not in html


def test_the_translators_desk_speaks_the_staff_members_language(translator):
    event = make_event(summary="Old words.")
    make_citation(event, make_source())
    translation = translate(event, "ru", summary="Старые слова.")
    event.summary = "New words."
    event.save()
    ukrainian = {"HTTP_ACCEPT_LANGUAGE": "uk"}
    front = translator.get("/admin/", **ukrainian).text
    assert "Опубліковані події без українського перекладу" in front
    assert "Застарілі російські переклади" in front
    form = translator.get(
        f"/admin/translations/translation/{translation.pk}/change/", **ukrainian
    ).text
    assert "Що змінилося в оригіналі відтоді, як його переклали" in form
    assert "Англійською: New words." in form
    links = translator.get(admin_url(Event, "change", event), **{"HTTP_ACCEPT_LANGUAGE": "ru"})
    assert 'Перевод: <span lang="ru">Русский</span></a> (устаревший)' in links.text
