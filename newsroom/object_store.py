"""Uploads on an S3-compatible object store, through django-storages.

Imported only when the settings name a bucket (newsroom/settings/env.py), so a site on the
local disk never loads boto3.
"""

from storages.backends.s3 import S3Storage

from newsroom.storage import NoAddress


class PrivateS3Storage(NoAddress, S3Storage):
    """Readers' photos, in a bucket that must not be public: no address, signed or not."""
