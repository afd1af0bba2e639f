from django.views.generic import DetailView, ListView

from newsroom.sources.attribution import by_stance

from .models import Event


class EventListView(ListView):
    """The public timeline: published events, oldest first."""

    template_name = "timeline/event_list.html"
    context_object_name = "events"

    def get_queryset(self):
        return Event.objects.published().chronological().with_related()


class EventDetailView(DetailView):
    template_name = "timeline/event_detail.html"
    context_object_name = "event"

    def get_queryset(self):
        return Event.objects.published().with_related()

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            citation_groups=by_stance(self.object.citations.all()), **kwargs
        )
