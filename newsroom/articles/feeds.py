"""The feed of published articles."""

from django.db.models import Prefetch
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from newsroom.feeds import PublishedFeed
from timeline.models import Event

from .models import Article
from .views import for_readers, with_bylines


class ArticleFeed(PublishedFeed):
    title = _("Newsroom: articles")
    description = _("Our articles on the story as they are published, with any correction.")
    subtitle = description
    item_template = "feeds/article.html"

    def link(self):
        return reverse("articles:article_list")

    def items(self):
        # Tagged with the storylines of the article's published events only (docs/design.md,
        # rule 4).
        events = Prefetch(
            "events",
            queryset=Event.objects.published().prefetch_related("storylines"),
            to_attr="public_events",
        )
        return for_readers(self.latest(with_bylines(Article.objects.prefetch_related(events))))

    def item_title(self, article):
        return article.headline

    def item_link(self, article):
        return reverse("articles:article_detail", kwargs={"slug": article.slug})

    def item_author_name(self, article):
        return article.byline or None

    def item_categories(self, article):
        titles = (s.title for event in article.public_events for s in event.storylines.all())
        return list(dict.fromkeys(titles))

    def item_extra_kwargs(self, article):
        # JSON Feed names each author; Atom and RSS take the byline as one name.
        names = [name for user in article.bylines.all() if (name := user.get_full_name())]
        return {"summary": article.standfirst, "authors": names}
