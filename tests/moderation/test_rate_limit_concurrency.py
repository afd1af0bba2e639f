"""Fifty valid submissions from one sender at once store exactly the limit.

They go to the live test server, which answers each request in a thread of its own with its own
database connection, so the count and the rows race as they would between a server's workers;
with Redis, the counts race in one Redis as they would between servers. On PostgreSQL only:
SQLite takes one writer at a time and would serialise the race away.
"""

import http.client
import re
import shutil
import socket
import subprocess
import threading
import time
import urllib.parse

import pytest
from django.db import connection

from newsroom.moderation.models import Submission
from tests.moderation.factories import form_data

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs a server database taking writes at once: run with a PostgreSQL "
        "DATABASE_URL (CI does)",
    ),
]

AT_ONCE = 50
LIMIT = 5


class Reader:
    """One reader's browser: the form fetched first, its cookie and token kept for the send."""

    def __init__(self, live_server):
        self.address = urllib.parse.urlsplit(live_server.url).netloc
        status, body, cookie = self.request("GET", "/submit/")
        assert status == 200
        self.cookie = cookie
        self.token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', body).group(1)

    def request(self, method, path, body=None, headers=None, server=None):
        server = server or self.connect()
        server.request(method, path, body=body, headers=headers or {})
        response = server.getresponse()
        text = response.read().decode()
        cookie = response.getheader("Set-Cookie", "").split(";", 1)[0]
        server.close()
        return response.status, text, cookie

    def connect(self):
        server = http.client.HTTPConnection(self.address, timeout=60)
        server.connect()
        return server

    def send(self, server):
        fields = {**form_data(), "csrfmiddlewaretoken": self.token}
        headers = {"Cookie": self.cookie, "Content-Type": "application/x-www-form-urlencoded"}
        body = urllib.parse.urlencode(fields)
        return self.request("POST", "/submit/", body, headers, server)[0]


def send_at_once(live_server, count):
    readers = [Reader(live_server) for _ in range(count)]
    # Connected first, each in turn (the test server's queue of waiting connections is short),
    # so that the barrier releases the requests themselves.
    servers = [reader.connect() for reader in readers]
    barrier = threading.Barrier(count)
    statuses = [None] * count

    def run(index):
        barrier.wait(timeout=30)
        statuses[index] = readers[index].send(servers[index])

    threads = [threading.Thread(target=run, args=(index,)) for index in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return statuses


@pytest.fixture
def limits(settings):
    settings.SUBMISSION_RATE_LIMIT = LIMIT
    settings.SUBMISSION_ATTEMPT_LIMIT = 100
    settings.SUBMISSION_RATE_WINDOW_SECONDS = 3600


@pytest.fixture
def redis_counts(settings):
    """A Redis of the test's own, on a free port, holding the counts; stopped by its pid."""
    if not shutil.which("redis-server"):
        pytest.skip("redis-server is not installed")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(
        ["redis-server", "--port", str(port), "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
    )
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            break
        except OSError:
            time.sleep(0.05)
    settings.CACHES = {
        **settings.CACHES,
        "ratelimit": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{port}/0",
        },
    }
    yield
    server.terminate()
    server.wait(timeout=10)


def test_fifty_at_once_in_one_process_store_exactly_the_limit(live_server, limits):
    statuses = send_at_once(live_server, AT_ONCE)
    assert sorted(statuses) == [303] * LIMIT + [429] * (AT_ONCE - LIMIT)
    assert Submission.objects.count() == LIMIT


def test_fifty_at_once_counted_in_redis_store_exactly_the_limit(live_server, limits, redis_counts):
    statuses = send_at_once(live_server, AT_ONCE)
    assert sorted(statuses) == [303] * LIMIT + [429] * (AT_ONCE - LIMIT)
    assert Submission.objects.count() == LIMIT
