"""Revalidations answered before Django's handler, by giving again a 304 the site gave.

Public pages are sent ``max-age=0, must-revalidate`` (newsroom/caching.py), so most of what a
busy page serves to returning readers and to caches in front is a 304. The 304 itself is a few
headers, and under Redis knowing it is current costs no round trip; what is left is Django's
handler around it (the request object, the signals, the middleware), which cost as much as
serving the whole page from the process's copy.

So the WSGI application is wrapped: a conditional request identical to one the site answered
304, in its address and every header, is answered with that 304's status and headers again,
as long as the validator it carried is still the current one (``caching.kept_etag()``, read
from what the process holds). Nothing here composes an answer: it repeats one the whole stack
made, and only a 304 that the page cache made under the current validator
(``caching.NOT_MODIFIED_UNDER``). Whenever the validator cannot be known without asking the
database (at most once a second per process), or the cache cannot track the version (no
Redis), the request goes down the stack as any other.
"""

import threading
from collections import OrderedDict

from newsroom import caching

# How many answers each process keeps: one per distinct request, so per reader and address.
ANSWERS_KEPT = 4096
# What differs between two readers' identical requests without changing any answer.
IGNORED = {"REMOTE_PORT"}


class NotModifiedAgain:
    """WSGI middleware: see the module's docstring."""

    def __init__(self, application):
        self.application = application
        self.answers = OrderedDict()  # {request: (etag, headers)}, most recently used last
        self.lock = threading.Lock()  # for threaded workers

    def __call__(self, environ, start_response):
        if "HTTP_IF_NONE_MATCH" not in environ or environ["REQUEST_METHOD"] not in ("GET", "HEAD"):
            return self.application(environ, start_response)
        request = _request_of(environ)
        with self.lock:
            answer = self.answers.get(request)
            if answer is not None:
                self.answers.move_to_end(request)
        if answer is not None and answer[0] == caching.kept_etag():
            start_response("304 Not Modified", list(answer[1]))
            return []

        def remembering_start_response(status, headers, exc_info=None):
            etag = environ.get(caching.NOT_MODIFIED_UNDER)
            if status.startswith("304 ") and etag and ("ETag", etag) in headers:
                self._keep(request, etag, tuple(headers))
            return start_response(status, headers, exc_info)

        return self.application(environ, remembering_start_response)

    def _keep(self, request, etag, headers):
        with self.lock:
            self.answers[request] = (etag, headers)
            self.answers.move_to_end(request)
            while len(self.answers) > ANSWERS_KEPT:
                self.answers.popitem(last=False)


def _request_of(environ):
    """Everything about a request that an answer could depend on: the method, the address, the
    scheme, the client's address, and every header (the CGI names, all in capitals), sorted."""
    return tuple(
        sorted(
            (name, value)
            for name, value in environ.items()
            if (name.isupper() and name not in IGNORED) or name == "wsgi.url_scheme"
        )
    )
