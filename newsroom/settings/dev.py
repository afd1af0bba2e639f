"""Local development: debug on by default, a throwaway key, SQLite unless DATABASE_URL says."""

import os

from .base import *  # noqa: F403
from .env import env_bool, env_list, env_required

DEBUG = env_bool("DEBUG", True)
# A fixed key is fine for a developer's own machine, and only there.
SECRET_KEY = os.environ.get("SECRET_KEY") or (
    "django-insecure-dev-only-key" if DEBUG else env_required("SECRET_KEY")
)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
