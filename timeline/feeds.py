"""Feeds of the timeline's events: the whole story, and each storyline on its own."""

from django.db.models import Exists, OuterRef
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from newsroom.feeds import PublishedFeed
from newsroom.languages import content_language
from newsroom.translations.overlay import localize

from .models import Event, Storyline


class TimelineFeed(PublishedFeed):
    """Every published event, newest published first; the text says who says so.

    See docs/design.md, rule 2.
    """

    title = _("Newsroom: the timeline")
    description = _(
        "Each event as it is published, with its date, who reports or claims it, how far it is "
        "verified, and any correction."
    )
    subtitle = description
    item_template = "feeds/event.html"

    def link(self):
        return reverse("timeline:event_list")

    def items(self):
        return self.latest(Event.objects.with_related(content_language()))

    def item_title(self, event):
        return event.title

    def item_categories(self, event):
        # A kind and a storyline may share a name ("Nuclear safety"): name it once.
        titles = [storyline.title for storyline in event.storylines.all()]
        return list(dict.fromkeys([*titles, event.get_kind_display()]))

    def item_extra_kwargs(self, event):
        return {"summary": event.summary}


class StorylineFeed(TimelineFeed):
    """The published events of one storyline; a storyline with none is not found.

    See docs/design.md, rule 4.
    """

    def get_object(self, request, slug):
        in_use = Event.objects.published().filter(storylines=OuterRef("pk"))
        storyline = get_object_or_404(Storyline.objects.filter(Exists(in_use)), slug=slug)
        return localize([storyline])[0]

    def title(self, storyline):
        return gettext("Newsroom: %(storyline)s") % {"storyline": storyline.title}

    def description(self, storyline):
        return storyline.summary or gettext(
            "The events of “%(storyline)s” as they are published."
        ) % {"storyline": storyline.title}

    def subtitle(self, storyline):
        return self.description(storyline)

    def link(self, storyline):
        return f"{reverse('timeline:event_list')}?{urlencode({'storyline': storyline.slug})}"

    def items(self, storyline):
        return self.latest(storyline.events.with_related(content_language()))
