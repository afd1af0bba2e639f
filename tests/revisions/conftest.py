import pytest
from django.urls import clear_url_caches

from newsroom.admin import PublishableAdmin
from newsroom.revisions.admin import RevisionAdminMixin


@pytest.fixture
def revision_admin(settings):
    """The admin with the revision pages, until PublishableAdmin includes the mixin itself."""
    if not issubclass(PublishableAdmin, RevisionAdminMixin):
        settings.ROOT_URLCONF = "tests.revisions.urls"
        clear_url_caches()
        yield
        clear_url_caches()
    else:
        yield
