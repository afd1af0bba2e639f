"""Settings come from the environment; production refuses to run half-configured."""

import os
import socket
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote

import pytest
from django.core.exceptions import ImproperlyConfigured

from newsroom.settings.env import env_bool, parse_database_url

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION = {
    "DJANGO_SETTINGS_MODULE": "newsroom.settings.production",
    "SECRET_KEY": "a-long-random-production-secret-0123456789-abcdefghijklmnopqrstuvwxyz",
    "ALLOWED_HOSTS": "news.example.org",
    "DATABASE_URL": "postgres://newsroom@db.example.org:5432/newsroom",
}


def manage(*args, **env):
    """Run manage.py in a fresh process, with only the environment given here."""
    clean = {key: value for key, value in os.environ.items() if key not in PRODUCTION}
    for name in ("DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE"):
        clean.pop(name, None)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_sqlite_urls():
    base = Path("/srv/app")
    assert (
        parse_database_url("sqlite:///db.sqlite3", base_dir=base)["NAME"] == "/srv/app/db.sqlite3"
    )
    assert (
        parse_database_url("sqlite:////var/db.sqlite3", base_dir=base)["NAME"] == "/var/db.sqlite3"
    )
    assert parse_database_url("sqlite://", base_dir=base)["NAME"] == ":memory:"


def test_without_database_url_development_uses_sqlite_beside_manage_py():
    result = manage(
        "shell",
        "--no-imports",
        "-c",
        "from django.db import connection as c; "
        "print(c.settings_dict['NAME'], c.settings_dict['CONN_MAX_AGE'])",
        DJANGO_SETTINGS_MODULE="newsroom.settings.dev",
        DEBUG="1",
    )
    assert result.stdout.split() == [str(ROOT / "db.sqlite3"), "0"], result.stderr


def test_postgres_urls():
    config = parse_database_url(
        "postgres://news%40desk:p%2Fss@db:6432/newsroom?sslmode=require", base_dir=Path("/")
    )
    assert config["ENGINE"] == "django.db.backends.postgresql"
    assert {key: config[key] for key in ("NAME", "USER", "PASSWORD", "HOST", "PORT")} == {
        "NAME": "newsroom",
        "USER": "news@desk",
        "PASSWORD": "p/ss",
        "HOST": "db",
        "PORT": "6432",
    }
    assert config["OPTIONS"] == {"sslmode": "require"}


def test_a_socket_folder_is_a_host():
    config = parse_database_url("postgres://news@%2Fvar%2Frun%2Fpostgresql/newsroom", base_dir=ROOT)
    assert config["HOST"] == "/var/run/postgresql"
    assert (config["USER"], config["NAME"], config["PORT"]) == ("news", "newsroom", "")


def socket_folder():
    """Where the local PostgreSQL server listens on a Unix socket, if it does."""
    for folder in ("/var/run/postgresql", "/run/postgresql", "/tmp"):
        if any(Path(folder).glob(".s.PGSQL.*")):
            return folder
    return None


@pytest.mark.skipif(not socket_folder(), reason="no PostgreSQL server on a local Unix socket")
def test_django_connects_through_the_socket():
    # The user the suite's own PostgreSQL address names, else the usual superuser.
    configured = parse_database_url(os.environ.get("DATABASE_URL", "sqlite://"), base_dir=ROOT)
    user = configured["USER"] if "postgresql" in configured["ENGINE"] else "postgres"
    url = f"postgres://{quote(user, safe='')}@{quote(socket_folder(), safe='')}/postgres"
    result = manage(
        "shell",
        "--no-imports",
        "-c",
        # A connection over a Unix socket has no server address.
        "from django.db import connection as c; cursor = c.cursor(); "
        "cursor.execute('SELECT inet_server_addr() IS NULL'); print(cursor.fetchone()[0])",
        DJANGO_SETTINGS_MODULE="newsroom.settings.dev",
        DEBUG="1",
        DATABASE_URL=url,
    )
    assert result.stdout.split() == ["True"], result.stderr


@pytest.mark.parametrize(
    "url, message",
    [
        ("mysql://db/newsroom", "scheme 'mysql' is not supported"),
        ("postgis://db/newsroom", "scheme 'postgis' is not supported"),
        ("newsroom", "scheme 'newsroom' is not supported"),
        ("postgres://db/", "must name a database"),
        ("postgres://db:port/newsroom", "not a valid address"),
    ],
)
def test_unsupported_database_urls_are_refused(url, message):
    with pytest.raises(ImproperlyConfigured, match=message):
        parse_database_url(url, base_dir=Path("/"))


def test_booleans_must_be_booleans(monkeypatch):
    monkeypatch.setenv("DEBUG", "maybe")
    with pytest.raises(ImproperlyConfigured, match="DEBUG"):
        env_bool("DEBUG", False)


def test_production_settings_pass_the_deployment_check():
    result = manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize("missing", ["SECRET_KEY", "DATABASE_URL", "ALLOWED_HOSTS"])
def test_production_refuses_to_start_without(missing):
    env = {key: value for key, value in PRODUCTION.items() if key != missing}
    result = manage("check", **env)
    assert result.returncode != 0
    assert f"The {missing} environment variable is required" in result.stderr


def test_development_without_debug_needs_a_secret_key():
    result = manage("check", DJANGO_SETTINGS_MODULE="newsroom.settings.dev", DEBUG="0")
    assert result.returncode != 0
    assert "The SECRET_KEY environment variable is required" in result.stderr


def test_postgres_connections_persist_with_health_checks():
    result = manage(
        "shell",
        "--no-imports",
        "-c",
        "from django.db import connection as c; "
        "print(c.settings_dict['CONN_MAX_AGE'], c.settings_dict['CONN_HEALTH_CHECKS'])",
        **PRODUCTION,
    )
    assert result.stdout.split() == ["600", "True"], result.stderr


def redis_is_up():
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=1).close()
    except OSError:
        return False
    return True


@pytest.mark.skipif(not redis_is_up(), reason="no Redis server on 127.0.0.1:6379")
def test_redis_url_selects_a_shared_cache():
    result = manage(
        "shell",
        "--no-imports",
        "-c",
        "from django.core.cache import caches; cache = caches['default']; "
        "cache.set('newsroom-test', 'shared', 5); "
        "print(type(cache).__name__, cache.get('newsroom-test')); cache.delete('newsroom-test')",
        DJANGO_SETTINGS_MODULE="newsroom.settings.dev",
        REDIS_URL="redis://127.0.0.1:6379/15",
    )
    assert result.stdout.split() == ["RedisCache", "shared"], result.stderr
