"""Read settings from the environment, failing loudly on values that make no sense."""

import os
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

SUPPORTED_ENGINES = {"django.db.backends.sqlite3", "django.db.backends.postgresql"}

TRUE_VALUES = {"1", "true", "yes", "on"}
FALSE_VALUES = {"0", "false", "no", "off", ""}


def env_bool(name, default):
    value = os.environ.get(name)
    if value is None:
        return default
    if value.strip().lower() in TRUE_VALUES:
        return True
    if value.strip().lower() in FALSE_VALUES:
        return False
    raise ImproperlyConfigured(
        f"{name} must be one of 1/0, true/false, yes/no, on/off; got {value!r}."
    )


def env_list(name, default=()):
    value = os.environ.get(name)
    if value is None:
        return list(default)
    return [item.strip() for item in value.split(",") if item.strip()]


def env_required(name):
    value = os.environ.get(name, "")
    if not value:
        raise ImproperlyConfigured(
            f"The {name} environment variable is required with these settings."
        )
    return value


def parse_database_url(url, *, base_dir):
    """Turn ``sqlite:///path`` or ``postgres://user:pass@host:port/name`` into a DATABASES entry.

    dj-database-url reads the address, so a socket folder given as the host
    (``postgres://user@%2Fvar%2Frun%2Fpostgresql/name``) works as Django users expect. A relative
    SQLite path is taken from the project's root, so the default file lands beside manage.py
    whatever the working directory.
    """
    unsupported = ImproperlyConfigured(
        f"DATABASE_URL scheme {url.partition(':')[0]!r} is not supported; "
        "use sqlite:// or postgres://."
    )
    try:
        config = dj_database_url.parse(url)
    except dj_database_url.UnknownSchemeError:
        raise unsupported from None
    except ValueError:
        raise ImproperlyConfigured(
            "DATABASE_URL is not a valid address; quote any reserved character in its parts "
            "(a socket folder as the host is written %2Fvar%2Frun%2Fpostgresql)."
        ) from None
    engine = config["ENGINE"]
    if engine not in SUPPORTED_ENGINES:
        raise unsupported
    if engine == "django.db.backends.sqlite3":
        # sqlite:///db.sqlite3 is relative, sqlite:////abs/db.sqlite3 is absolute.
        name = config["NAME"]
        if name != ":memory:" and not Path(name).is_absolute():
            config["NAME"] = str(base_dir / name)
    elif not config["NAME"]:
        raise ImproperlyConfigured("DATABASE_URL for PostgreSQL must name a database.")
    else:
        config["PORT"] = str(config["PORT"])
    return config


def object_storage(media_url):
    """STORAGES entries and the MEDIA_URL for uploads on an S3-compatible object store, or None.

    ``S3_MEDIA_BUCKET`` holds editors' media, read by anyone at ``MEDIA_URL`` (the bucket's own
    address unless the environment gives another, a CDN's say); ``S3_PRIVATE_BUCKET`` holds
    readers' photos and must grant no public reads. The keys come from boto3's usual places
    (``AWS_ACCESS_KEY_ID`` and ``AWS_SECRET_ACCESS_KEY``, or the machine's role), never from here.
    """
    media = os.environ.get("S3_MEDIA_BUCKET", "")
    private = os.environ.get("S3_PRIVATE_BUCKET", "")
    if not media and not private:
        return None
    if not media or not private or media == private:
        raise ImproperlyConfigured(
            "S3_MEDIA_BUCKET and S3_PRIVATE_BUCKET are set together, and name two buckets: "
            "readers' photos never share the public media's bucket."
        )
    endpoint = os.environ.get("S3_ENDPOINT_URL") or None
    if media_url is None:
        bucket_address = (
            f"{endpoint.rstrip('/')}/{media}" if endpoint else f"https://{media}.s3.amazonaws.com"
        )
        media_url = bucket_address + "/"
    public = urlsplit(media_url)
    if public.scheme not in ("http", "https") or not public.netloc:
        raise ImproperlyConfigured(
            "With an object store, MEDIA_URL is the full address its files are read from, "
            f"such as https://media.example.org/; got {media_url!r}."
        )
    shared = {
        "endpoint_url": endpoint,
        "region_name": os.environ.get("S3_REGION") or None,
        # As on disk: a name already taken gets another, never an overwrite.
        "file_overwrite": False,
        # What a bucket grants is the bucket's own policy, set once by whoever makes it.
        "default_acl": None,
    }
    storages = {
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                **shared,
                "bucket_name": media,
                # Plain, lasting addresses that a page or a CDN can keep.
                "querystring_auth": False,
                "url_protocol": f"{public.scheme}:",
                "custom_domain": public.netloc + public.path.rstrip("/"),
            },
        },
        "private": {
            "BACKEND": "newsroom.object_store.PrivateS3Storage",
            "OPTIONS": {**shared, "bucket_name": private},
        },
    }
    return storages, media_url.rstrip("/") + "/"
