"""What the export tests share: the addresses, and the way to empty the story for a re-import."""

import io

from django.core.management import call_command

from newsroom.revisions.models import Revision
from newsroom.sources.models import Party, Source
from timeline.models import Event, Place, Storyline

TIMELINEJS = "/api/exports/timelinejs.json"
CSV = "/api/exports/events.csv"
GEOJSON = "/api/exports/events.geojson"
EXPORTS = [TIMELINEJS, CSV, GEOJSON]


def empty_the_story():
    """Leave no event, place, storyline, source or party: the empty database an import meets."""
    Revision.objects.all().delete()
    Event.objects.all().delete()
    for model in (Source, Party, Place, Storyline):
        model.objects.all().delete()


def import_file(path, *args):
    """Run import_events; return what it wrote to stdout."""
    out = io.StringIO()
    call_command("import_events", str(path), *args, stdout=out)
    return out.getvalue()
