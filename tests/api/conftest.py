import datetime

import pytest

from newsroom.articles.models import ArticleCorrection
from newsroom.publishing import PublicationStatus
from newsroom.sources.models import Citation
from tests.factories import (
    make_article,
    make_citation,
    make_event,
    make_party,
    make_place,
    make_source,
    make_storyline,
    make_user,
)
from tests.timeline.factories import make_correction

CORRECTED_AT = datetime.datetime(2024, 9, 3, 9, 30, tzinfo=datetime.UTC)


@pytest.fixture
def story():
    """A small published story, and unpublished work beside it that must never show."""
    russia = make_party(name="Russia", slug="russia")
    ministry = make_source(name="Russian defence ministry", slug="ru-mod", party=russia)
    reuters = make_source(name="Reuters", slug="reuters", url="https://www.reuters.com/")
    incursion = make_storyline(title="The Kursk incursion", slug="incursion")
    diplomacy = make_storyline(title="Diplomacy", slug="diplomacy")
    sudzha = make_place(
        name="Sudzha", slug="sudzha", region="Kursk region", latitude="51.19", longitude="35.27"
    )
    crossing = make_event(
        slug="crossing",
        title="Forces cross the border",
        start_day=6,
        storylines=[incursion],
        place=sudzha,
        verification="confirmed",
    )
    make_citation(crossing, reuters, url="https://example.org/report", title="The report")
    bridge = make_event(
        slug="bridge",
        title="Seym bridge destroyed",
        start_day=16,
        start_hour=14,
        start_minute=20,
        storylines=[incursion],
        kind="infrastructure",
        verification="claimed",
    )
    make_citation(bridge, ministry, stance=Citation.Stance.CLAIMS, speaker="A spokesperson")
    make_correction(bridge, note="The bridge is over the Seym.", published_at=CORRECTED_AT)
    talks = make_event(
        slug="talks",
        title="Talks on prisoner exchange",
        summary="Envoys meet about an exchange.",
        start_month=None,
        is_approximate=True,
        storylines=[diplomacy],
        kind="diplomatic",
    )
    make_citation(talks, reuters, stance=Citation.Stance.CONFIRMS)
    # Unpublished work: neither it nor what only it uses may show anywhere.
    hidden_storyline = make_storyline(title="Hidden storyline", slug="hidden")
    hidden_place = make_place(name="Hidden place", slug="hidden-place")
    leaky = make_source(name="Leaky source", slug="leaky")
    draft = make_event(
        slug="draft",
        title="Draft about a plant",
        start_day=25,
        status=PublicationStatus.DRAFT,
        publish_at=None,
        storylines=[hidden_storyline],
        place=hidden_place,
    )
    make_citation(draft, leaky)
    make_citation(draft, reuters)  # a draft's citation must not count towards Reuters
    soon = datetime.datetime.now(tz=datetime.UTC) + datetime.timedelta(hours=1)
    make_event(slug="scheduled", title="Scheduled item", status="scheduled", publish_at=soon)
    writer = make_user("writer", first_name="Alex", last_name="Doe")
    article = make_article(
        slug="pushes", headline="Ukraine pushes on", bylines=[writer], events=[crossing, draft]
    )
    ArticleCorrection.objects.create(article=article, note="A date was wrong.")
    ArticleCorrection.objects.create(article=article, note="Not yet public.", published_at=soon)
    make_article(slug="draft-article", status=PublicationStatus.DRAFT, publish_at=None)
    return {"crossing": crossing, "bridge": bridge, "talks": talks, "article": article}
