"""WSGI entry point; served by gunicorn in production (see docs/deploy.md)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings.production")
django_application = get_wsgi_application()

from newsroom.revalidation import NotModifiedAgain  # noqa: E402 -- once Django is set up

# A revalidation the site answered 304 is answered again before Django's handler while current.
application = NotModifiedAgain(django_application)
