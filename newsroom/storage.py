"""Files that must never be public: kept outside MEDIA_ROOT, with no address of their own.

A reader's photo is only ever handed out by the admin's photo view, to moderators; a web server
serving MEDIA_ROOT at /media/ cannot reach it, whatever its name.
"""

import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.utils.deconstruct import deconstructible


@deconstructible
class PrivateStorage(FileSystemStorage):
    # Read from the settings on each use, so a test (or a deployment) can move the folder.
    @property
    def base_location(self):
        return settings.PRIVATE_MEDIA_ROOT

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    def url(self, name):
        raise ValueError("Private files have no public address; serve them through a view.")
