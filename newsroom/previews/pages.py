"""Public detail pages that also show what is not published yet.

Each subclass changes only the queryset, so a preview is the public page to the byte, plus the
``preview`` flag the base template turns into a banner and a ``noindex``. Public caching wraps
the public views in their ``urls.py``, never the classes, so it never reaches these.

Nothing imports this module before the first preview (see ``previewable.PREVIEWABLE``), so the
URLconf loads without the public views.
"""

from newsroom.articles.models import Article
from newsroom.articles.views import ArticleDetailView, with_bylines
from timeline.models import Event
from timeline.views import EventDetailView


class PreviewPage:
    extra_context = {"preview": True}


class EventPreview(PreviewPage, EventDetailView):
    def get_queryset(self):
        return Event.objects.with_related()


class ArticlePreview(PreviewPage, ArticleDetailView):
    def get_queryset(self):
        return with_bylines(Article.objects.all())
