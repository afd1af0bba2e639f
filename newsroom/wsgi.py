"""WSGI entry point; served by gunicorn in production (see docs/deployment.md)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings.production")

django_application = get_wsgi_application()

from newsroom.caching import StoredPageApplication  # noqa: E402 (needs Django set up)

# Stored public pages and 304s are answered before Django's request handling starts.
application = StoredPageApplication(django_application)
