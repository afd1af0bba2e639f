"""Settings come from the environment; production refuses to run half-configured."""

import os
import socket
import subprocess
import sys
from pathlib import Path

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


def test_postgres_urls():
    config = parse_database_url(
        "postgres://news%40desk:p%2Fss@db:6432/newsroom?sslmode=require", base_dir=Path("/")
    )
    assert config == {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": "newsroom",
        "USER": "news@desk",
        "PASSWORD": "p/ss",
        "HOST": "db",
        "PORT": "6432",
        "OPTIONS": {"sslmode": "require"},
    }


@pytest.mark.parametrize("url", ["mysql://db/newsroom", "postgres://db/"])
def test_unsupported_database_urls_are_refused(url):
    with pytest.raises(ImproperlyConfigured):
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
