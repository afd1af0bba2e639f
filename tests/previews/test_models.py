import datetime

import pytest
from django.db import IntegrityError
from django.utils import timezone

from newsroom.previews import services
from newsroom.previews.models import PreviewLink, unsign_link_id
from tests.factories import make_event

pytestmark = pytest.mark.django_db

HOUR = datetime.timedelta(hours=1)


def test_a_link_is_live_until_it_expires_or_is_revoked(editor):
    event = make_event()
    link = services.preview_link_create(item=event, lifetime=HOUR, created_by=editor)
    assert link.item == event
    assert list(PreviewLink.objects.live()) == [link]
    assert list(PreviewLink.objects.live(at=link.expires_at)) == []
    assert not link.is_live(at=link.expires_at)

    services.preview_link_revoke(link=link, revoked_by=editor)
    assert (link.is_live(), link.revoked_by) == (False, editor)
    assert list(PreviewLink.objects.live()) == []
    assert list(PreviewLink.objects.for_item(event)) == [link]


def test_a_token_reads_back_as_its_link_id(editor):
    link = services.preview_link_create(item=make_event(), lifetime=HOUR, created_by=editor)
    assert unsign_link_id(link.token) == link.pk
    assert link.get_absolute_url() == f"/preview/s/{link.token}/"


def test_a_link_cannot_expire_before_it_is_made(editor):
    with pytest.raises(IntegrityError):
        services.preview_link_create(item=make_event(), lifetime=-HOUR, created_by=editor)


def test_expiry_is_counted_from_now(editor):
    before = timezone.now()
    link = services.preview_link_create(item=make_event(), lifetime=HOUR, created_by=editor)
    assert link.expires_at - link.created_at == HOUR
    assert link.created_at >= before
