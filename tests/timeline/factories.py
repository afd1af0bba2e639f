"""Builders the timeline's tests need beyond tests/factories.py."""

from timeline.models import EventCorrection


def make_correction(event, **kwargs):
    return EventCorrection.objects.create(event=event, **{"note": "A correction.", **kwargs})
