"""The site under gunicorn, on a PostgreSQL cluster and a Redis server of the tests' own."""

import shutil

import pytest
from django.db import connection

from tests.browser.conftest import browser  # noqa: F401 -- Chromium, for the reader's flow

from .servers import Gunicorn, PostgresCluster, RedisServer, postgres_binary


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/outage/" in str(item.path).replace("\\", "/"):
            item.add_marker(pytest.mark.outage)


@pytest.fixture(scope="module")
def cluster(django_db_setup):
    """A cluster holding a copy of the migrated test database (which exists only when the tests
    using this are marked ``django_db``), with a small story seeded."""
    if connection.vendor != "postgresql":
        pytest.skip("copies the PostgreSQL test database: run with DATABASE_URL=postgres://...")
    if not postgres_binary("initdb"):
        pytest.skip("PostgreSQL's server programs (initdb, pg_ctl) are not installed")
    settings = connection.settings_dict
    source = (
        f"postgres://{settings['USER']}:{settings['PASSWORD'] or ''}@{settings['HOST']}:"
        f"{settings['PORT']}/{settings['NAME']}"
    )
    cluster = PostgresCluster()
    try:
        cluster.start()
        cluster.load(source)
        yield cluster
    finally:
        cluster.remove()


@pytest.fixture(scope="module")
def redis_server():
    if not shutil.which("redis-server"):
        pytest.skip("redis-server is not installed")
    server = RedisServer("--maxmemory", "64mb", "--maxmemory-policy", "allkeys-lru")
    try:
        server.start()
        yield server
    finally:
        server.remove()


@pytest.fixture(scope="module")
def site(cluster, redis_server):
    """gunicorn as the README runs it; the submission limits are lifted for the load."""
    site = Gunicorn(
        cluster.url,
        redis_server.url,
        SUBMISSION_RATE_LIMIT="100000",
        SUBMISSION_ATTEMPT_LIMIT="100000",
    )
    try:
        site.manage(
            "seed_synthetic",
            "--events",
            "30",
            DJANGO_SETTINGS_MODULE="newsroom.settings.dev",
            DEBUG="1",
        )
        site.start()
        yield site
    finally:
        site.remove()
