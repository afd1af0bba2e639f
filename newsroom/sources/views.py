from django.urls import reverse
from django.utils.translation import gettext
from django.views.generic import DetailView, ListView

from newsroom import structured_data
from newsroom.languages import content_language
from newsroom.pagination import page_of
from newsroom.translations.overlay import localize, with_translations

from .models import Citation, Source

EVENTS_PER_PAGE = 50

# This app imports no other (docs/design.md, "Layering"): it reaches events through the relation
# Citation declares.
Event = Citation._meta.get_field("event").related_model


def cited_by_published_events(request):
    """Sources that a published event cites. Only those have a public page: a source added for
    a draft must not reveal what the desk is working on. The story's summary counts those events
    for every source, kept true on every publish, unpublish and scheduled time: asking the
    citations would read every one of a source's, hundreds of milliseconds at 100,000 events."""
    return Source.objects.filter(pk__in=Event.objects.story_summary(request).uses["source"])


class SourceListView(ListView):
    template_name = "sources/source_list.html"
    context_object_name = "sources"

    def get_queryset(self):
        return with_translations(cited_by_published_events(self.request).select_related("party"))

    def get_context_data(self, **kwargs):
        page_meta = structured_data.collection_page(
            self.request,
            title=gettext("Sources"),
            description=gettext(
                "Everyone the timeline cites, and whether each is a party to the conflict."
            ),
            trail=[(gettext("Sources"), self.request.path)],
        )
        self.object_list = localize(self.object_list)
        return super().get_context_data(page_meta=page_meta, **kwargs)


class SourceDetailView(DetailView):
    """A source, and every published event that cites it, with what the source did."""

    template_name = "sources/source_detail.html"
    context_object_name = "source"

    def get_queryset(self):
        return with_translations(cited_by_published_events(self.request).select_related("party"))

    def get_context_data(self, **kwargs):
        source = self.object
        events = (
            Event.objects.published()
            .filter(pk__in=Citation.objects.filter(source=source).values("event"))
            .chronological()
            .with_related(content_language())
        )
        # How many: counted once for every source, in the story's summary.
        count = Event.objects.story_summary(self.request).uses["source"][source.pk].events
        page = page_of(self.request, events, EVENTS_PER_PAGE, count=count)
        page.object_list = localize([source, *page.object_list])[1:]
        # Each event with this source's own citations of it (read from the prefetched ones).
        cited = [
            (event, [c for c in event.citations.all() if c.source_id == source.pk])
            for event in page.object_list
        ]
        page_meta = structured_data.collection_page(
            self.request,
            title=source.name,
            description=source.description or source.name,
            trail=[
                (gettext("Sources"), reverse("sources:source_list")),
                (source.name, self.request.path),
            ],
            keep=["page"],
        )
        return super().get_context_data(page_obj=page, cited=cited, page_meta=page_meta, **kwargs)
