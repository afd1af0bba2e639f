"""Public detail pages that also show what is not published yet.

Each subclass changes only the queryset, so a preview is the public page to the byte, plus the
``preview`` flag the base template turns into a banner and a ``noindex``. Public caching wraps
the public views in their ``urls.py``, never the classes, so it never reaches these.
"""

from timeline.models import Event
from timeline.views import EventDetailView


class PreviewPage:
    extra_context = {"preview": True}


class EventPreview(PreviewPage, EventDetailView):
    def get_queryset(self):
        return Event.objects.with_related()
