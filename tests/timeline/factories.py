"""Builders the timeline's tests need beyond tests/factories.py."""

from newsroom.publishing import PublicationStatus
from newsroom.sources.models import Citation
from tests.factories import (
    make_citation,
    make_event,
    make_party,
    make_place,
    make_source,
    make_storyline,
)
from timeline.models import EventCorrection


def make_correction(event, **kwargs):
    return EventCorrection.objects.create(event=event, **{"note": "A correction.", **kwargs})


def make_filter_story():
    """Three published events that each filter tells apart, and a draft none may reveal.

    Shared by the timeline's filter tests and the API's, which must select alike.
    """
    russia = make_party(name="Russia", slug="russia")
    ministry = make_source(name="Russian defence ministry", slug="ru-mod", party=russia)
    reuters = make_source(name="Reuters", slug="reuters")
    incursion = make_storyline(title="The Kursk incursion", slug="incursion")
    diplomacy = make_storyline(title="Diplomacy", slug="diplomacy")
    sudzha = make_place(name="Sudzha", slug="sudzha")
    crossing = make_event(
        slug="crossing",
        title="Forces cross the border",
        start_day=6,
        storylines=[incursion],
        place=sudzha,
        verification="confirmed",
    )
    make_citation(crossing, reuters)
    bridge = make_event(
        slug="bridge",
        title="Seym bridge destroyed",
        start_day=16,
        storylines=[incursion],
        kind="infrastructure",
        verification="claimed",
    )
    make_citation(bridge, ministry, stance=Citation.Stance.CLAIMS)
    talks = make_event(
        slug="talks",
        title="Talks on prisoner exchange",
        summary="Envoys meet about an exchange.",
        start_day=20,
        storylines=[diplomacy],
        kind="diplomatic",
    )
    make_citation(talks, reuters)
    make_citation(talks, reuters, stance=Citation.Stance.CONFIRMS)  # cited twice: listed once
    # Unpublished work: none of its values may show up as a choice, or be accepted.
    hidden_storyline = make_storyline(title="Hidden storyline", slug="hidden")
    hidden_place = make_place(name="Hidden place", slug="hidden-place")
    leaky = make_source(name="Leaky source", slug="leaky")
    draft = make_event(
        slug="draft",
        title="Draft about a plant",
        start_day=25,
        kind="nuclear_safety",
        verification="false",
        status=PublicationStatus.DRAFT,
        publish_at=None,
        storylines=[hidden_storyline],
        place=hidden_place,
    )
    make_citation(draft, leaky)
    return {"crossing": crossing, "bridge": bridge, "talks": talks, "draft": draft}
