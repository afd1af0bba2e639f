import datetime

import pytest

from newsroom.articles.models import ArticleCorrection
from newsroom.publishing import PublicationStatus
from newsroom.sources.models import Citation, Source
from tests.factories import make_article, make_citation, make_event, make_user
from tests.timeline.factories import make_correction, make_filter_story
from timeline.models import Place

CORRECTED_AT = datetime.datetime(2024, 9, 3, 9, 30, tzinfo=datetime.UTC)


@pytest.fixture
def story():
    """The timeline filters' story (so both can be compared), with what the API adds to show:
    a timed, corrected party claim, a year-precision approximate event, coordinates, articles,
    and more unpublished work (a scheduled event, a draft article, a draft's citation)."""
    story = make_filter_story()
    Place.objects.filter(slug="sudzha").update(
        region="Kursk region", latitude="51.19", longitude="35.27"
    )
    Source.objects.filter(slug="reuters").update(url="https://www.reuters.com/")
    statement = make_event(
        slug="statement",
        title="Ministry says the bridge fell",
        start_day=16,
        start_hour=14,
        start_minute=20,
        kind="statement",
        verification="claimed",
    )
    make_citation(
        statement,
        Source.objects.get(slug="ru-mod"),
        stance=Citation.Stance.CLAIMS,
        speaker="A spokesperson",
    )
    make_correction(statement, note="The bridge is over the Seym.", published_at=CORRECTED_AT)
    make_event(slug="planned", title="Talks planned", start_month=None, is_approximate=True)
    make_citation(story["draft"], Source.objects.get(slug="reuters"))  # must not count
    soon = datetime.datetime.now(tz=datetime.UTC) + datetime.timedelta(hours=1)
    make_event(slug="scheduled", title="Scheduled item", status="scheduled", publish_at=soon)
    make_correction(statement, note="Dated ahead: not public yet.", published_at=soon)
    writer = make_user("writer", first_name="Alex", last_name="Doe")
    article = make_article(
        slug="pushes",
        headline="Ukraine pushes on",
        bylines=[writer],
        events=[story["crossing"], story["draft"]],
    )
    ArticleCorrection.objects.create(article=article, note="A date was wrong.")
    ArticleCorrection.objects.create(article=article, note="Not yet public.", published_at=soon)
    make_article(slug="draft-article", status=PublicationStatus.DRAFT, publish_at=None)
    return {**story, "statement": statement, "article": article}
