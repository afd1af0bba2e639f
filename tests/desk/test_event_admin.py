"""Recording an event on the desk: dates at their precision, sources, the verification guard."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from newsroom.publishing import PublicationStatus
from newsroom.sources.models import Citation, Source
from tests.desk.forms import add_inline_rows, admin_form_data
from tests.factories import make_citation, make_event, make_party, make_source
from tests.newsroom.test_images import photo_with_metadata
from timeline.models import Event

pytestmark = pytest.mark.django_db

ADD_URL = "/admin/timeline/event/add/"


def change_url(event):
    return f"/admin/timeline/event/{event.pk}/change/"


def new_event_data(client, **changes):
    values = {
        "title": "Talks postponed",
        "slug": "talks",
        "summary": "Postponed.",
        "kind": "diplomatic",
        "start": "August 2024",
        "verification": "reported",
    }
    return admin_form_data(client.get(ADD_URL), **{**values, **changes})


@pytest.fixture
def russia_mod():
    return make_source(name="Russian MoD", party=make_party(name="Russia"))


def test_a_reporter_drafts_an_event_with_its_date_at_month_precision(client, reporter):
    client.force_login(reporter)
    response = client.post(ADD_URL, new_event_data(client))
    assert response.status_code == 302, response.context["adminform"].form.errors
    event = Event.objects.get(slug="talks")
    assert (event.status, event.created_by, event.date_label) == ("draft", reporter, "August 2024")


def test_an_event_is_recorded_with_its_citations(client, reporter, russia_mod):
    client.force_login(reporter)
    outlet = make_source(name="The Independent")
    data = add_inline_rows(
        new_event_data(client),
        "citations",
        [
            {"source": russia_mod.pk, "stance": "claims", "quote": "Repelled", "position": 0},
            {
                "source": outlet.pk,
                "stance": "reports",
                "url": "https://example.org/a",
                "position": 1,
            },
        ],
    )
    assert client.post(ADD_URL, data).status_code == 302
    event = Event.objects.get(slug="talks")
    assert [(c.source.name, c.stance) for c in event.citations.order_by("position")] == [
        ("Russian MoD", "claims"),
        ("The Independent", "reports"),
    ]


def test_an_impossible_date_is_a_form_error_not_a_crash(client, editor):
    client.force_login(editor)
    response = client.post(ADD_URL, new_event_data(client, start="31 Feb 2024"))
    assert response.status_code == 200
    assert "There is no 31 February." in response.content.decode()
    assert not Event.objects.exists()


def test_an_unknown_time_zone_is_a_form_error_not_a_crash(client, editor):
    client.force_login(editor)
    response = client.post(ADD_URL, new_event_data(client, time_zone="Kyiv"))
    assert response.status_code == 200
    assert "Kyiv is not one of the available choices" in response.content.decode()
    assert not Event.objects.exists()


def test_a_javascript_link_in_a_citation_is_a_form_error(client, editor):
    client.force_login(editor)
    data = add_inline_rows(
        new_event_data(client),
        "citations",
        [
            {
                "source": make_source().pk,
                "stance": "reports",
                "url": "javascript:alert(1)",
                "position": 0,
            }
        ],
    )
    response = client.post(ADD_URL, data)
    assert response.status_code == 200
    # After the empty row the form offers, left as it was.
    assert "url" in response.context["inline_admin_formsets"][0].formset.errors[1]
    assert not Event.objects.exists()


class TestVerificationGuard:
    """docs/design.md, rule 3: confirmed on one party's word alone needs an override note."""

    def test_confirmed_on_one_partys_word_is_refused_without_a_note(
        self, client, editor, russia_mod
    ):
        client.force_login(editor)
        data = add_inline_rows(
            new_event_data(client, verification="confirmed"),
            "citations",
            [{"source": russia_mod.pk, "stance": "confirms", "position": 0}],
        )
        response = client.post(ADD_URL, data)
        assert response.status_code == 200
        assert "Every citation comes from Russia, a party to the conflict" in (
            response.content.decode()
        )
        assert not Event.objects.exists()
        assert not Citation.objects.exists()

    def test_an_override_note_lets_it_through_and_the_list_shows_it(
        self, client, editor, russia_mod
    ):
        client.force_login(editor)
        data = add_inline_rows(
            new_event_data(
                client, verification="confirmed", verification_note="Seen by our reporter."
            ),
            "citations",
            [{"source": russia_mod.pk, "stance": "confirms", "position": 0}],
        )
        assert client.post(ADD_URL, data).status_code == 302
        assert Event.objects.get(slug="talks").verification_note == "Seen by our reporter."
        listing = client.get("/admin/timeline/event/").content.decode()
        assert "Confirmed (override note)" in listing

    def test_an_independent_source_beside_the_party_needs_no_note(self, client, editor, russia_mod):
        client.force_login(editor)
        independent = make_source(affiliation=Source.Affiliation.INDEPENDENT)
        data = add_inline_rows(
            new_event_data(client, verification="confirmed"),
            "citations",
            [
                {"source": russia_mod.pk, "stance": "confirms", "position": 0},
                {"source": independent.pk, "stance": "confirms", "position": 0},
            ],
        )
        assert client.post(ADD_URL, data).status_code == 302

    def test_editing_an_existing_event_to_confirmed_is_held_up_too(
        self, client, editor, russia_mod
    ):
        event = make_event(status=PublicationStatus.DRAFT, publish_at=None)
        make_citation(event, russia_mod, stance=Citation.Stance.CLAIMS)
        client.force_login(editor)
        data = admin_form_data(client.get(change_url(event)), verification="confirmed")
        response = client.post(change_url(event), data)
        assert response.status_code == 200
        event.refresh_from_db()
        assert event.verification == "reported"


class TestCorrections:
    def test_a_draft_offers_no_correction_form(self, client, editor):
        event = make_event(status=PublicationStatus.DRAFT, publish_at=None)
        client.force_login(editor)
        response = client.get(change_url(event))
        assert "corrections-TOTAL_FORMS" not in response.content.decode()

    def test_an_editor_adds_a_dated_correction_to_a_published_event(self, client, editor):
        event = make_event()
        client.force_login(editor)
        data = add_inline_rows(
            admin_form_data(client.get(change_url(event))),
            "corrections",
            [
                {
                    "note": "An earlier version gave the wrong bridge.",
                    "published_at_0": "2024-08-20",
                    "published_at_1": "09:00:00",
                }
            ],
        )
        assert client.post(change_url(event), data).status_code == 302
        correction = event.corrections.get()
        assert (correction.note, correction.created_by) == (
            "An earlier version gave the wrong bridge.",
            editor,
        )

    def test_a_reporter_cannot_add_one(self, client, reporter):
        event = make_event()
        client.force_login(reporter)
        data = add_inline_rows(
            admin_form_data(client.get(change_url(event))),
            "corrections",
            [{"note": "Forged.", "published_at_0": "2024-08-20", "published_at_1": "09:00:00"}],
        )
        client.post(change_url(event), data)
        assert not event.corrections.exists()


def test_preview_and_share_buttons_follow_the_users_rights(client, reporter, editor):
    event = make_event(status=PublicationStatus.DRAFT, publish_at=None)
    preview, share = f"/preview/timeline.event/{event.pk}/", "links/"
    client.force_login(editor)
    page = client.get(change_url(event)).content.decode()
    assert f'href="{preview}"' in page and f'href="{preview}{share}"' in page
    client.force_login(reporter)  # neither the author nor an editor
    page = client.get(change_url(event)).content.decode()
    assert preview not in page


def test_citations_are_searchable_across_events_but_edited_only_on_their_event(client, editor):
    event = make_event(title="Bridge destroyed")
    citation = make_citation(event, make_source(name="Russian MoD"), quote="Destroyed")
    client.force_login(editor)
    listing = client.get("/admin/sources/citation/", {"q": "Russian"})
    assert listing.context["cl"].result_count == 1
    url = f"/admin/sources/citation/{citation.pk}/change/"
    assert client.post(url, {"quote": "Forged"}).status_code == 403
    citation.refresh_from_db()
    assert citation.quote == "Destroyed"


def test_an_event_image_is_cleaned_on_upload_and_shown_with_its_credit(client, editor):
    event = make_event(slug="bridge")
    client.force_login(editor)
    upload = SimpleUploadedFile("IMG_0001.jpg", photo_with_metadata().getvalue(), "image/jpeg")
    data = admin_form_data(
        client.get(change_url(event)),
        image=upload,
        image_alt="The collapsed bridge",
        image_credit="A reader",
    )
    assert client.post(change_url(event), data).status_code == 302
    event.refresh_from_db()
    with Image.open(event.image.path) as image:
        assert not image.getexif()
    page = client.get("/events/bridge/").content.decode()
    assert 'alt="The collapsed bridge"' in page and "Photo: A reader" in page


def test_the_events_list_shows_fifty_a_page(client, editor):
    for day in range(1, 29):
        for hour in (8, 20):
            make_event(start_day=day, start_hour=hour, start_minute=0)
    client.force_login(editor)
    first = client.get("/admin/timeline/event/").context["cl"]
    assert first.result_count == 56 and len(first.result_list) == 50
    second = client.get("/admin/timeline/event/", {"p": 2}).context["cl"]
    assert len(second.result_list) == 6
    shown = [*first.result_list, *second.result_list]
    assert len({event.pk for event in shown}) == 56
