"""An event's citations on the desk, one line each: the empty line, the order, new sources and
places from the event form, and the source box's search and answers."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from lxml import html

from newsroom.publishing import PublicationStatus
from newsroom.sources.models import Source
from tests.desk.forms import add_inline_rows, admin_form_data
from tests.desk.test_event_admin import ADD_URL, change_url, new_event_data
from tests.factories import make_citation, make_event, make_party, make_place, make_source
from timeline.models import Event, Place

pytestmark = pytest.mark.django_db


def order(event):
    return list(event.citations.order_by("position", "pk").values_list("source__name", flat=True))


def line(source, position=""):
    return {"source": source.pk, "stance": "reports", "position": position}


class TestTheLines:
    def test_the_form_offers_one_empty_line_with_its_position_hidden(self, client, reporter):
        client.force_login(reporter)
        response = client.get(ADD_URL)
        formset = response.context["inline_admin_formsets"][0].formset
        assert (formset.total_form_count(), formset.initial_form_count()) == (1, 0)
        page = html.fromstring(response.content)
        [position] = page.xpath('//input[@name="citations-0-position"]')
        assert (position.get("type"), position.get("value")) == ("hidden", None)
        assert page.xpath('//tr[@id="citations-0"]//select[@name="citations-0-source"]')

    @pytest.mark.parametrize("numbered", ["", "0"], ids=["as served", "numbered by the script"])
    def test_the_empty_line_is_ignored(self, client, reporter, numbered):
        client.force_login(reporter)
        data = new_event_data(client, **{"citations-0-position": numbered})
        response = client.post(ADD_URL, data)
        assert response.status_code == 302, response.context["inline_admin_formsets"][
            0
        ].formset.errors
        assert not Event.objects.get(slug="talks").citations.exists()

    def test_lines_are_kept_in_the_order_of_their_positions(self, client, reporter):
        client.force_login(reporter)
        alpha, bravo, charlie = (make_source(name=n) for n in ["Alpha", "Bravo", "Charlie"])
        data = new_event_data(client)
        add_inline_rows(data, "citations", [line(alpha, 2), line(bravo, 0), line(charlie, 1)])
        assert client.post(ADD_URL, data).status_code == 302
        assert order(Event.objects.get(slug="talks")) == ["Bravo", "Charlie", "Alpha"]

    def test_a_reordered_line_is_saved_where_it_was_moved(self, client, reporter):
        # A draft: a reporter's save of a live event waits for an editor (rule 5).
        event = make_event(status=PublicationStatus.DRAFT)
        for position, name in enumerate(["Alpha", "Bravo", "Charlie"]):
            make_citation(event, make_source(name=name), position=position)
        client.force_login(reporter)
        url = change_url(event)
        # The script numbers every line as shown, the empty one included.
        moved = {"citations-0-position": "2", "citations-1-position": "0"}
        moved |= {"citations-2-position": "1", "citations-3-position": "3"}
        response = client.post(url, admin_form_data(client.get(url), **moved))
        assert response.status_code == 302
        assert order(event) == ["Bravo", "Charlie", "Alpha"]

    def test_without_the_script_new_lines_go_after_the_stored_ones(self, client, reporter):
        event = make_event(status=PublicationStatus.DRAFT)
        make_citation(event, make_source(name="Alpha"), position=0)
        make_citation(event, make_source(name="Bravo"), position=5)
        client.force_login(reporter)
        url = change_url(event)
        data = admin_form_data(client.get(url))
        # The empty line filled in, and one more added after it, neither with a position.
        data |= {
            f"citations-2-{name}": value for name, value in line(make_source(name="C")).items()
        }
        add_inline_rows(data, "citations", [line(make_source(name="D"))])
        assert client.post(url, data).status_code == 302
        assert order(event) == ["Alpha", "Bravo", "C", "D"]
        assert list(event.citations.values_list("position", flat=True)) == [0, 5, 6, 7]

    def test_a_forged_position_is_a_form_error(self, client, reporter):
        client.force_login(reporter)
        data = add_inline_rows(new_event_data(client), "citations", [line(make_source(), "x")])
        response = client.post(ADD_URL, data)
        assert response.status_code == 200
        assert "Enter a whole number." in response.content.decode()
        assert not Event.objects.exists()

    def test_a_chosen_source_names_its_party_for_the_live_warning(self, client, editor):
        event = make_event()
        make_citation(event, make_source(name="TASS", party=make_party(name="Russia")))
        make_citation(event, make_source(name="The Independent"), position=1)
        client.force_login(editor)
        page = html.fromstring(client.get(change_url(event)).content)
        chosen = page.xpath('//select[contains(@name, "-source")]/option[@selected]')
        assert [(option.text, option.get("data-party")) for option in chosen] == [
            ("TASS", "Russia"),
            ("The Independent", ""),
        ]

    def test_a_moderator_reads_the_lines_without_controls(self, client, moderator):
        event = make_event()
        make_citation(event, make_source(name="TASS"), quote="Repelled", title="Statement")
        client.force_login(moderator)
        response = client.get(change_url(event))
        assert response.status_code == 200
        page = html.fromstring(response.content)
        assert page.xpath('string(//tr[@id="citations-0"]/td[@class="field-source"])').strip() == (
            "TASS"
        )
        assert not page.xpath('//input[contains(@name, "-position")]')


class TestNewSourcesAndPlaces:
    """A reporter adds a source or a place from the event form; only editors change one."""

    def test_the_event_form_offers_the_reporter_to_add_a_source_and_a_place(self, client, reporter):
        client.force_login(reporter)
        page = html.fromstring(client.get(ADD_URL).content)
        assert page.xpath('//a[@id="add_id_citations-0-source"]')
        assert page.xpath('//a[@id="add_id_place"]')
        assert not page.xpath('//a[@id="change_id_place"]')

    def test_a_reporter_adds_a_source_through_the_popup(self, client, reporter):
        client.force_login(reporter)
        data = {"name": "Seym Valley Herald", "slug": "seym-valley-herald", "kind": "news_outlet"}
        data |= {"affiliation": "independent", "_popup": "1"}
        response = client.post("/admin/sources/source/add/?_popup=1", data)
        assert response.status_code == 200
        assert "data-popup-response" in response.content.decode()
        assert Source.objects.filter(name="Seym Valley Herald").exists()

    def test_a_reporter_adds_a_place(self, client, reporter):
        client.force_login(reporter)
        data = {"name": "Karyzh", "slug": "karyzh", "country": "Russia"}
        data |= {"location_precision": Place._meta.get_field("location_precision").default}
        response = client.post("/admin/timeline/place/add/", data)
        assert response.status_code == 302, response.context["adminform"].form.errors
        assert Place.objects.filter(slug="karyzh").exists()

    @pytest.mark.parametrize(
        ("make", "url", "changes"),
        [
            (make_source, "/admin/sources/source/{}/", {"name": "Renamed", "kind": "other"}),
            (make_place, "/admin/timeline/place/{}/", {"name": "Renamed", "country": "X"}),
        ],
        ids=["source", "place"],
    )
    def test_a_reporter_may_not_change_or_delete_one(self, client, reporter, make, url, changes):
        item = make()
        client.force_login(reporter)
        base = url.format(item.pk)
        assert client.post(f"{base}change/", {"slug": "renamed", **changes}).status_code == 403
        assert client.post(f"{base}delete/", {"post": "yes"}).status_code == 403
        item.refresh_from_db()
        assert item.name != "Renamed"


class TestTheSourceBox:
    def autocomplete(self, client, term):
        params = {"term": term, "app_label": "sources", "model_name": "citation"}
        response = client.get("/admin/autocomplete/", {**params, "field_name": "source"})
        assert response.status_code == 200
        return response.json()["results"]

    def test_names_come_before_descriptions(self, client, reporter):
        make_source(name="Social media videos", description="Not independently verified.")
        make_source(name="The Independent")
        make_source(name="Independent Monitor")
        make_source(name="Kyiv Post", short_name="The Windmill")  # inside a word
        client.force_login(reporter)
        assert [result["text"] for result in self.autocomplete(client, "ind")] == [
            "Independent Monitor",  # the name starts with it
            "The Independent",  # a word in the name starts with it
            "Kyiv Post",
            "Social media videos",  # only the description has it
        ]

    def test_the_source_list_ranks_a_search_the_same_until_a_column_is_sorted(self, client, editor):
        make_source(name="Social media videos", description="Not independently verified.")
        make_source(name="The Independent")
        client.force_login(editor)

        def listed(**params):
            response = client.get("/admin/sources/source/", {"q": "ind", **params})
            return [source.name for source in response.context["cl"].result_list]

        assert listed() == ["The Independent", "Social media videos"]
        by_name = client.get("/admin/sources/source/").context["cl"].list_display.index("name")
        assert listed(o=str(by_name)) == ["Social media videos", "The Independent"]

    def test_each_answer_names_its_party_in_one_query(self, client, reporter):
        russia = make_party(name="Russia")
        make_source(name="TASS", party=russia)
        make_source(name="Meduza")
        client.force_login(reporter)
        assert self.autocomplete(client, "a") == [
            {"id": str(Source.objects.get(name="Meduza").pk), "text": "Meduza", "party": ""},
            {"id": str(Source.objects.get(name="TASS").pk), "text": "TASS", "party": "Russia"},
        ]
        make_source(party=make_party())  # named "Source <n>", as the ten below
        with CaptureQueriesContext(connection) as few:
            assert len(self.autocomplete(client, "source")) == 1
        for _ in range(10):
            make_source(party=make_party())
        with CaptureQueriesContext(connection) as many:
            assert len(self.autocomplete(client, "source")) == 11
        assert len(many) == len(few)
