"""The test suite: fast hashing, a private cache, a temporary media folder."""

import tempfile
from pathlib import Path

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-key-not-secret"
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "ratelimit": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "ratelimit",
    },
}
# Each test gets a folder of its own (tests/conftest.py); this is only the fallback.
MEDIA_ROOT = Path(tempfile.gettempdir()) / "newsroom-test-media"

if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":  # noqa: F405
    # A test whose connection waits on a lock a stray connection holds fails after two minutes,
    # naming the statement, instead of hanging the whole run.
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c lock_timeout=120s"  # noqa: F405
