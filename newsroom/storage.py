"""Where uploads are kept: editors' media in the default storage, readers' photos in "private".

Both are entries of ``STORAGES``: folders on the local disk by default, or two buckets of an
S3-compatible object store when several app servers must share them (newsroom/object_store.py,
docs/deploy.md).

A reader's photo must never be public. On disk it is kept outside MEDIA_ROOT, so a web server
serving MEDIA_ROOT at /media/ cannot reach it whatever its name; on an object store it is in a
bucket of its own that grants nobody anonymous reads. Either way it has no address: it is only
ever handed out by the admin's photo view, to moderators and editors.
"""

import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages
from django.utils.deconstruct import deconstructible


class NoAddress:
    """For a storage whose files must only be read through a view that checks permissions."""

    def url(self, name, *args, **kwargs):
        raise ValueError("Private files have no public address; serve them through a view.")


@deconstructible
class PrivateStorage(NoAddress, FileSystemStorage):
    """Readers' photos on the local disk, in PRIVATE_MEDIA_ROOT."""

    # Read from the settings on each use, so a test (or a deployment) can move the folder.
    @property
    def base_location(self):
        return settings.PRIVATE_MEDIA_ROOT

    @property
    def location(self):
        return os.path.abspath(self.base_location)


def private_storage():
    """The storage of readers' photos, as STORAGES["private"] configures it."""
    return storages["private"]
