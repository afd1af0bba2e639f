"""What readers get while the database cannot answer: a 503 that says so, never the 500 page.

Stored public pages are still served meanwhile (``newsroom.caching``); this is for everything
else. Nothing needs restarting afterwards: a connection that failed is dropped at the end of its
request (``CONN_HEALTH_CHECKS``), and the next request connects again.
"""

import logging

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.cache import add_never_cache_headers

# Raised when the server is down, restarting or unreachable, or drops the connection.
DATABASE_UNAVAILABLE = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 30

logger = logging.getLogger(__name__)


def database_unavailable(template_name="503.html", context=None, request=None):
    """A 503 telling the reader (and any crawler or client) to come back shortly."""
    content = render_to_string(template_name, context, request)
    response = HttpResponse(content, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    add_never_cache_headers(response)
    return response


class DatabaseOutageMiddleware:
    """Answer a view that could not reach the database with the 503 page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, DATABASE_UNAVAILABLE):
            return None
        logger.warning("Database unavailable for %s: %s", request.path, exception)
        # Rendered without the request: its session and user would need the database.
        return database_unavailable()
