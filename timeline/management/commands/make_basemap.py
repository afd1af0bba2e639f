"""Regenerate timeline/data/basemap.json from the world-atlas package in node_modules."""

import json
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from timeline import basemap
from timeline.maps import BOUNDS

TOPOLOGY = Path("node_modules") / "world-atlas" / "countries-10m.json"


class Command(BaseCommand):
    help = (
        "Cut the map's country borders to the story's region from world-atlas's Natural Earth "
        "TopoJSON (npm ci first) and write them to timeline/data/basemap.json, which the site "
        "reads. Run it after changing the region (timeline.maps.BOUNDS) or world-atlas."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--topology",
            default=str(Path(settings.BASE_DIR) / TOPOLOGY),
            help="The TopoJSON file to read (default: world-atlas's countries-10m.json).",
        )

    def handle(self, *args, topology, **options):
        try:
            data = json.loads(Path(topology).read_text())
        except OSError as error:
            raise CommandError(f"Cannot read {topology}: {error.strerror}. Run npm ci.") from None
        built = basemap.build(data, BOUNDS)
        basemap.BASEMAP.parent.mkdir(exist_ok=True)
        basemap.BASEMAP.write_text(json.dumps(built, separators=(",", ":")) + "\n")
        names = ", ".join(country["name"] for country in built["countries"])
        self.stdout.write(f"Wrote {basemap.BASEMAP.name}: {names}.")
