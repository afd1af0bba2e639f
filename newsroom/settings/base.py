"""Settings shared by every environment; each environment's module overrides a few.

Everything that differs between machines comes from the environment, never from editing files.
"""

import os
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

from .env import env_bool, env_list, object_storage, parse_database_url

BASE_DIR = Path(__file__).resolve().parent.parent.parent

DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "newsroom.apps.DeskAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "newsroom",
    "newsroom.sources",
    "timeline",
    "newsroom.articles",
    "newsroom.moderation",
    "newsroom.revisions",
    "newsroom.previews",
    "newsroom.translations",
    "django_filters",
    "axes",
]

MIDDLEWARE = [
    # First: the language, from the address (the desk's from the browser), which the page
    # cache below looks pages up and keys them by (newsroom/locale_urls.py).
    "newsroom.locale_urls.AddressLocaleMiddleware",
    # Then a stored page, the same for every reader, carrying every header below.
    "newsroom.caching.StoredPageMiddleware",
    "newsroom.embeds.EmbedsSetNoCookieMiddleware",
    # A view that cannot reach the database answers 503 with Retry-After, not the 500 page.
    "newsroom.outages.DatabaseOutageMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last: turns a refused staff login into the lockout answer (newsroom/staff_login.py).
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "newsroom.urls"
WSGI_APPLICATION = "newsroom.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.csp",
            ],
        },
    },
]

DATABASES = {
    "default": parse_database_url(
        os.environ.get("DATABASE_URL", "sqlite:///db.sqlite3"), base_dir=BASE_DIR
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # A fresh connection per request costs an order of magnitude in throughput: keep them open,
    # and check them before reuse so a restarted server does not surface as an error page.
    DATABASES["default"]["CONN_MAX_AGE"] = int(os.environ.get("CONN_MAX_AGE", "600"))
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
else:
    # SQLite builds covering indexes without their included columns, which only PostgreSQL's
    # index-only scans read (timeline.Event's "event_place_in_order"): nothing to warn of.
    SILENCED_SYSTEM_CHECKS = ["models.W040"]

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "newsroom.redis_cache.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
            # A stopped or unreachable Redis is a cache miss (newsroom/caching.py), soon.
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# The rate limits' counts, in the same Redis through Django's own client, which raises when
# Redis is down: the limits then refuse rather than count nothing (moderation/ratelimit.py).
CACHES["ratelimit"] = (
    {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": os.environ["REDIS_URL"]}
    if os.environ.get("REDIS_URL")
    else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "ratelimit"}
)

# Staff logins are throttled by django-axes, counting failures in the database (so on every app
# server, with or without Redis): after AXES_FAILURE_LIMIT for one account, or from one address
# (REMOTE_ADDR only, as for submissions), no password is checked for AXES_COOLOFF_TIME.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("STAFF_LOGIN_FAILURE_LIMIT", "20"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("STAFF_LOGIN_LOCKOUT_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_CLIENT_IP_CALLABLE = "newsroom.staff_login.client_address"
# Refused tries do not push the end of a lockout back, so the time the page gives holds.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_LOCKOUT_CALLABLE = "newsroom.staff_login.locked_out"
# Only the failures are kept (until their cool-off ends), not a log of every login.
AXES_DISABLE_ACCESS_LOG = True
AXES_VERBOSE = False

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
# The story is written in English and translated into Ukrainian and Russian (newsroom/languages.py).
LANGUAGES = [("en-gb", "English"), ("uk", "Українська"), ("ru", "Русский")]
USE_I18N = True
USE_TZ = True
# The desk writes times on the 24-hour clock, as the reader's site does (newsroom/formats).
FORMAT_MODULE_PATH = ["newsroom.formats"]
# With the admin's clock picker, whose "6 a.m." and "6 p.m." read "06:00" and "18:00" here.
LOCALE_PATHS = [BASE_DIR / "newsroom" / "locale"]
# The zone the newsroom works in. Date-only events never pass through it (see timeline.dates).
TIME_ZONE = os.environ.get("TIME_ZONE", "Europe/Kyiv")
# The zone in which an event's clock time is given when the editor does not say otherwise.
NEWSROOM_EVENT_TIME_ZONE = "Europe/Kyiv"

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
MEDIA_URL = os.environ.get("MEDIA_URL", "media/")
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
# Readers' photos: never under MEDIA_ROOT, never served by the web server (newsroom/storage.py).
PRIVATE_MEDIA_ROOT = Path(os.environ.get("PRIVATE_MEDIA_ROOT", BASE_DIR / "private-media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": {"BACKEND": "newsroom.storage.PrivateStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Several app servers share uploads in two buckets of an object store (docs/deploy.md).
if object_store := object_storage(os.environ.get("MEDIA_URL")):
    object_storages, MEDIA_URL = object_store
    STORAGES |= object_storages

# Nothing on the public site loads from anywhere but this site, and the media's own address.
SECURE_CSP = {
    "default-src": ["'self'"],
    "img-src": ["'self'", "data:", *([MEDIA_URL] if "://" in MEDIA_URL else [])],
    "object-src": ["'none'"],
    "base-uri": ["'none'"],
    "frame-ancestors": ["'none'"],
    "form-action": ["'self'"],
}

X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
}

# Reader submissions (/submit/). A sender is known only by a salted hash of their network address
# (REMOTE_ADDR: behind a proxy, the proxy must set it), counted in the cache above, so the limits
# hold across workers when REDIS_URL is set.
SUBMISSION_RATE_LIMIT = int(os.environ.get("SUBMISSION_RATE_LIMIT", "5"))
# Tries, refused ones included, so a sender cannot make the server decode photos without end.
SUBMISSION_ATTEMPT_LIMIT = int(os.environ.get("SUBMISSION_ATTEMPT_LIMIT", "30"))
SUBMISSION_RATE_WINDOW_SECONDS = int(os.environ.get("SUBMISSION_RATE_WINDOW_SECONDS", "3600"))
# The whole request: a 10 MB photo (newsroom.images) and the form around it.
SUBMISSION_MAX_BODY_BYTES = 12 * 1024 * 1024
# Contact details and sender hashes of decided submissions are kept this long.
SUBMISSION_CONTACT_RETENTION_DAYS = int(os.environ.get("SUBMISSION_CONTACT_RETENTION_DAYS", "90"))

# How often the live timeline (newest first) asks whether events went public since it loaded.
TIMELINE_POLL_SECONDS = int(os.environ.get("TIMELINE_POLL_SECONDS", "30"))

# The map (/map/) is drawn from borders kept in the repository, and loads nothing from elsewhere.
# With MAP_TILE_URL (a {z}/{x}/{y} template of raster tiles in Web Mercator), its pan-and-zoom
# view lays the map over those tiles, and the CSP lets images come from that host alone.
MAP_TILE_URL = os.environ.get("MAP_TILE_URL", "")
MAP_TILE_ATTRIBUTION = os.environ.get("MAP_TILE_ATTRIBUTION", "")
if MAP_TILE_URL:
    _tiles = urlsplit(MAP_TILE_URL)
    SECURE_CSP["img-src"].append(f"{_tiles.scheme}://{_tiles.netloc.replace('{s}', '*')}")
