"""The exports: every published event the address's filters select, in one response.

Not paginated, and streamed: the events are read CHUNK_SIZE at a time, each chunk in a fixed
number of queries, and sent as they are written, so a worker's memory stays the same however
long the story (a whole export of 100,000 events is hundreds of megabytes). Being streamed, an
export is never stored in the page cache; the ETag and its 304 still spare a reader the download.
The filters are the timeline's own (``EventFilter``), and a bad value answers 400 before
anything is sent.
"""

import itertools

from django.http import HttpResponseBadRequest, StreamingHttpResponse
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.translation import gettext
from django.views import View

from newsroom.languages import made_in, speaking
from newsroom.translations.overlay import LANGUAGE_PARAMETER, asked_language

from . import exports
from .filters import EventFilter
from .models import Event
from .views import form_problems

# Events read, with their storylines, citations and corrections, per round of queries.
CHUNK_SIZE = 1000
# The first round reads fewer, so the first bytes go out before a thousand events are made.
FIRST_CHUNK_SIZE = 100
# About how many characters go out in one write: a few writes per chunk, not one per event.
BLOCK_SIZE = 64 * 1024


class ExportView(View):
    content_type = "application/json"
    filename = None  # set for a download

    def get(self, request):
        base = Event.objects.published().chronological()
        self.filterset = EventFilter(request.GET, queryset=base, request=request)
        problems = form_problems(self.filterset.form)
        try:
            self.language = asked_language(request.GET)
        except ValueError as error:
            problems.append(f"Lang: {error}")
        if problems:
            return HttpResponseBadRequest(
                "\n".join(problems), content_type="text/plain; charset=utf-8"
            )
        with speaking(self.language):
            blocks = made_in(self.language, in_blocks(self.render(self.events())))
        # The first block is written before the status line goes out, so the events' query has
        # run: should it fail, the reader gets a 500 rather than a 200 cut short.
        first = next(blocks)
        response = StreamingHttpResponse(
            itertools.chain([first], blocks), content_type=self.content_type
        )
        # Partners load these from their own pages (TimelineJS embeds, maps): open for reads.
        response["Access-Control-Allow-Origin"] = "*"
        if self.filename:
            response["Content-Disposition"] = f'attachment; filename="{self.download_name()}"'
        return response

    def events(self):
        return exports.exported(
            self.filterset.qs,
            chunk_size=CHUNK_SIZE,
            first_chunk_size=min(FIRST_CHUNK_SIZE, CHUNK_SIZE),
            language=self.language,
        )

    def absolute(self, item):
        """A full URL for an exported event or a path: exports are read away from the site."""
        if isinstance(item, str):
            return self.request.build_absolute_uri(item)
        before, after = self.event_address
        return before + item.slug + after

    @cached_property
    def event_address(self):
        """An event's full URL, before and after its slug: reversed once, not once per event.

        A slug is letters, digits, hyphens and underscores, which a URL carries as they are.
        """
        marker = "the-slug"
        url = self.request.build_absolute_uri(reverse("timeline:event_detail", args=[marker]))
        before, _, after = url.rpartition(marker)
        return before, after

    def storyline_title(self):
        """The chosen storyline's title, from the filter's choices (no query), or None."""
        slug = self.filterset.form.cleaned_data.get("storyline")
        return dict(self.filterset.form.fields["storyline"].choices).get(slug) if slug else None

    def download_name(self):
        """'events.csv', or 'events-<storyline>.csv' for one storyline."""
        stem, dot, extension = self.filename.partition(".")
        slug = self.filterset.form.cleaned_data.get("storyline")
        return f"{stem}-{slug}{dot}{extension}" if slug else self.filename

    def render(self, events):
        raise NotImplementedError


def in_blocks(pieces):
    """The pieces joined into blocks of at least BLOCK_SIZE characters, the last one shorter."""
    block, length = [], 0
    for piece in pieces:
        block.append(piece)
        length += len(piece)
        if length >= BLOCK_SIZE:
            yield "".join(block)
            block, length = [], 0
    yield "".join(block)


class TimelineJSExport(ExportView):
    """TimelineJS 3 JSON, for partners embedding Knight Lab's TimelineJS."""

    def render(self, events):
        storyline = self.storyline_title()
        # The readers' timeline in the same language (its address says it) and filters.
        query = self.request.GET.copy()
        query.pop(LANGUAGE_PARAMETER, None)
        query = query.urlencode()
        timeline = self.absolute(reverse("timeline:event_list") + (f"?{query}" if query else ""))
        return exports.timelinejs(
            events,
            headline=storyline or gettext("The story so far"),
            text=format_html(
                "<p>{}</p>",
                format_html(
                    gettext(
                        "Published events, each dated as precisely as it is known. "
                        '<a href="{url}">The timeline</a>.'
                    ),
                    url=timeline,
                ),
            ),
            absolute=self.absolute,
        )


class CSVExport(ExportView):
    """One row per event, in the format ``manage.py import_events`` reads back."""

    content_type = "text/csv; charset=utf-8"
    filename = "events.csv"

    def render(self, events):
        return exports.write_csv(events, absolute=self.absolute)


class GeoJSONExport(ExportView):
    """Events whose place has coordinates, as points."""

    content_type = "application/geo+json"
    filename = "events.geojson"

    def events(self):
        chunks = exports.placed(
            self.filterset.qs.filter(place__latitude__isnull=False),
            chunk_size=CHUNK_SIZE,
            first_chunk_size=min(FIRST_CHUNK_SIZE, CHUNK_SIZE),
            language=self.language,
        )
        return itertools.chain.from_iterable(chunks)

    def render(self, events):
        return exports.geojson(events, absolute=self.absolute)
