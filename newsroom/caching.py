"""HTTP caching for public pages: validators, conditional requests and a rendered-page cache.

Every public page shares one validator, built from two things:

* a *content version* kept in the cache framework, replaced whenever anything public changes:
  after commit, by signals for ordinary saves and deletes of rows readers can see (a draft and
  everything only a draft uses change no page, so they leave the stored pages alone; see
  ``SEEN_THROUGH``), and by an explicit call to
  ``public_content_changed()`` from code that writes with ``QuerySet.update()`` (which sends no
  signal), such as the editors' bulk publish;
* a cheap fingerprint of what is public, read from the database at most about once a second
  per process, in one query down indexes: the revision of public content, which every write
  readers see advances in its own transaction (``advance_revision``), and the latest publish
  time that has passed. A scheduled item goes public when its time comes, with no save and no
  signal, and this is what makes the validator change then (within a second). It also keeps
  processes that do not share a cache (the default per-process memory cache under several
  gunicorn workers) from serving a page older than the last write; set ``REDIS_URL`` so they
  share the version too.

Wrap the public views in ``urls.py`` (``public_page(View.as_view(), reads=[...])``), never the
class, so that a staff preview subclass of a public view is never cached.
"""

import functools
import hashlib
import logging
import pickle
import threading
import time
import uuid
from collections import OrderedDict

from django.apps import apps
from django.conf import settings
from django.core.cache import cache as shared_cache
from django.core.signals import setting_changed
from django.db import connection, transaction
from django.db.models import F
from django.db.models.signals import (
    m2m_changed,
    post_delete,
    post_save,
    pre_delete,
    pre_save,
)
from django.dispatch import receiver
from django.http import HttpResponse, QueryDict
from django.urls import Resolver404, get_urlconf, resolve
from django.utils import timezone, translation
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import urlencode

from newsroom.outages import DATABASE_UNAVAILABLE
from newsroom.redis_cache import CACHE_UNAVAILABLE

VERSION_KEY = "public-content-version"
PAGE_TIMEOUT = 60 * 60 * 24
# Redis and memcached handle large values badly: nothing bigger goes into the cache as one value.
MAX_VALUE_BYTES = 1_000_000
# How long one request may hold the right to render a page that others missed too; a crashed
# worker's lock expires after it. Others serve the previous copy or wait meanwhile.
RENDER_LOCK_SECONDS = 10
WAIT_SECONDS = 0.05  # how often a request waiting for another's render looks for the page
# Each process keeps copies of the pages it served last, up to this size (see ProcessCopies).
PROCESS_COPIES_BYTES = 32 * 1024 * 1024
# Addresses whose route each process keeps (the public pages', and the others', as "not one").
RESOLVED_ADDRESSES = 4096
# The apps whose rows the public site shows; a write to one of their rows may change a page.
# Translations are shown with their originals: any write to one may change a public page.
PUBLIC_APPS = {"timeline", "sources", "articles", "translations"}
# Where readers see each model's rows: a row is on a public page only when the rows these paths
# reach (path: their model) are published. A model of PUBLIC_APPS not listed is always seen.
SEEN_THROUGH = {
    "timeline.Event": {"pk": "timeline.Event"},
    "articles.Article": {"pk": "articles.Article"},
    "sources.Citation": {"event": "timeline.Event"},
    "timeline.EventCorrection": {"event": "timeline.Event"},
    "timeline.Event_storylines": {"event": "timeline.Event"},
    "articles.ArticleCorrection": {"article": "articles.Article"},
    "articles.Article_bylines": {"article": "articles.Article"},
    # An article lists only published events, and an event only published articles.
    "articles.ArticleEvent": {"article": "articles.Article", "event": "timeline.Event"},
    # Shared rows are shown only with a published event that uses them (timeline/filters.py).
    "timeline.Storyline": {"events": "timeline.Event"},
    "timeline.Place": {"events": "timeline.Event"},
    "sources.Source": {"citations__event": "timeline.Event"},
    "sources.Party": {"sources__citations__event": "timeline.Event"},
}
PUBLISHED_MODELS = ["timeline.Event", "articles.Article"]
# Ends that change what readers see with no save, as a publish time passing does: the latest
# of each that has passed joins the fingerprint. A hold on a place's location (timeline/geo.py).
EXPIRING = [("timeline.Place", "location_held_until")]
# Where the revision of public content is kept: a model with a ``revision`` column, row 1.
REVISION_MODEL = "timeline.StorySummary"
CODE_FOLDERS = ["newsroom", "timeline", "templates", "static"]
RECHECK_SECONDS = 1.0
_remembered = None  # (monotonic deadline, fingerprint) kept by this process
# A cache that cannot be reached is said in the log at most this often per process.
REPORT_EVERY_SECONDS = 60
# Marks a page served while the database cannot say whether it is still current.
STALE_WITHOUT_DATABASE = "newsroom; hit; detail=stale-database-unavailable"

logger = logging.getLogger(__name__)


class TolerantCache:
    """The cache as the page cache uses it: a cache that cannot answer (Redis stopped, or full
    and refusing writes) is a miss on every read and skips every write, so readers get pages
    rendered afresh rather than errors. Only the operations this module uses."""

    _reported_at = None

    def get(self, key):
        return self._try(shared_cache.get, None, key)

    def get_tracked(self, key):
        """As ``get``, from this process's copy while Redis says it stands; only on a cache
        that ``tracks()``."""
        return self._try(shared_cache.get_tracked, None, key)

    def get_many(self, keys):
        return self._try(shared_cache.get_many, {}, keys)

    def set(self, key, value, timeout):
        self._try(shared_cache.set, None, key, value, timeout)

    def add(self, key, value, timeout):
        # With no cache shared between them, no other request holds the lock.
        return self._try(shared_cache.add, True, key, value, timeout)

    def delete(self, key):
        self._try(shared_cache.delete, None, key)

    def _try(self, operation, unavailable, *args):
        try:
            return operation(*args)
        except CACHE_UNAVAILABLE as error:
            now = time.monotonic()
            if self._reported_at is None or now - self._reported_at > REPORT_EVERY_SECONDS:
                self._reported_at = now
                logger.warning("The cache is unavailable; pages are served uncached: %s", error)
            return unavailable


cache = TolerantCache()


def public_content_changed():
    """Tell the caches that public content changed; call after writes that send no signal."""
    forget_fingerprint()
    _process_copies.clear()
    advance_revision()
    cache.set(VERSION_KEY, uuid.uuid4().hex, None)


def public_content_changing():
    """Call inside the transaction of a write readers will see, signal or none: the revision
    moves with the write, and the caches are told once it is committed."""
    forget_fingerprint()
    advance_revision()
    transaction.on_commit(public_content_changed)


def advance_revision():
    """Move the revision of public content kept in the database (REVISION_MODEL's one row), so
    every process and the story-wide summary see the write, in its transaction or after it."""
    model = apps.get_model(REVISION_MODEL)
    if not model.objects.filter(pk=1).update(revision=F("revision") + 1):
        # bulk_create sends no signal, so making the row is not itself a public write.
        model.objects.bulk_create([model(pk=1, revision=1)], ignore_conflicts=True)


def tracks():
    """Whether the cache keeps values in the process and drops them when told they changed
    (Redis, newsroom/redis_cache.py): then reading the content version costs no round trip
    while it stands."""
    return hasattr(shared_cache, "get_tracked")


def content_version():
    version = _read_version()
    if version is None:
        # The cache was emptied (or never filled): what this process kept goes with it, since
        # the version starts again from the same value.
        _process_copies.clear()
        cache.add(VERSION_KEY, code_version(), None)
        version = _read_version()
    return version


def _read_version():
    return cache.get_tracked(VERSION_KEY) if tracks() else cache.get(VERSION_KEY)


@functools.cache
def code_version():
    """The starting version: the same in every process running the same code and templates,
    so workers that do not share a cache still agree on validators, and a deploy that changes
    how pages look changes them too."""
    newest = max(
        (path.stat().st_mtime_ns, str(path))
        for folder in CODE_FOLDERS
        for path in (settings.BASE_DIR / folder).rglob("*")
        if path.suffix in {".py", ".html", ".css"}
    )
    return hashlib.blake2b(repr(newest).encode(), digest_size=8).hexdigest()


def published_fingerprint():
    """What is public now, in one query that costs the same at any size of story.

    Outside a transaction the answer is kept for RECHECK_SECONDS, so a busy process asks the
    database about once a second rather than on every request; this bounds how late a process
    notices a change it was not told about (another process's bulk update, a scheduled time
    passing). Inside a transaction it is always read afresh and never kept: it may include
    writes that nobody else can see yet.
    """
    global _remembered
    in_transaction = connection.in_atomic_block
    remembered = _remembered
    if not in_transaction and remembered and time.monotonic() < remembered[0]:
        return remembered[1]
    # The revision moves with every write readers see; the latest publish time that has
    # passed moves when a scheduled item's time comes. Each is read down an index, in one query.
    revision = apps.get_model(REVISION_MODEL).objects.filter(pk=1).values("revision")
    latest_times = [
        apps.get_model(label).objects.published().order_by("-publish_at").values("publish_at")[:1]
        for label in PUBLISHED_MODELS
    ]
    now = timezone.now()
    ended = [
        apps.get_model(label)
        .objects.filter(**{f"{field}__lte": now})
        .values(field)
        .order_by(f"-{field}")[:1]
        for label, field in EXPIRING
    ]
    revision, *latest = _select_together([revision, *latest_times, *ended])
    # No row yet is revision 0, which is what the row starts at when a reader's page makes it.
    fingerprint = "/".join(map(str, [revision or 0, *latest]))
    if not in_transaction:
        _remembered = (time.monotonic() + RECHECK_SECONDS, fingerprint)
    return fingerprint


def _select_together(querysets):
    """The first value of each one-row queryset, all in one round trip."""
    parts, params = [], []
    for queryset in querysets:
        sql, values = queryset.query.get_compiler(queryset.db).as_sql()
        parts.append(f"({sql})")
        params.extend(values)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {', '.join(parts)}", params)
        return cursor.fetchone()


def forget_fingerprint():
    global _remembered
    _remembered = None


def public_etag():
    return _etag(content_version())


def _etag(version, fingerprint=None):
    # The code's own version too: the content version outlives a deploy in a shared cache.
    if fingerprint is None:
        fingerprint = published_fingerprint()
    digest = hashlib.blake2b(f"{code_version()}/{version}/{fingerprint}".encode(), digest_size=12)
    return f'"{digest.hexdigest()}"'


def kept_etag():
    """The validator from what this process holds, asking neither the database nor (while the
    version stands) the cache; None when it would have to: the fingerprint was read over
    RECHECK_SECONDS ago, or the cache does not track the version (``tracks()``)."""
    remembered = _remembered
    if not remembered or time.monotonic() >= remembered[0] or not tracks():
        return None
    version = cache.get_tracked(VERSION_KEY)
    return None if version is None else _etag(version, remembered[1])


def public_page(view, reads=()):
    """Send an ETag, answer a matching conditional request with 304, and reuse rendered pages.

    ``reads`` names the query parameters the view reads. A page is stored under its address
    with those parameters alone, sorted by name (a name's repeated values keep their order), so
    a tracking parameter or another order shares the stored page; and the view sees only those
    parameters, so what it makes cannot depend on anything the address of the stored page lacks.
    ``None`` is for a view that carries every parameter along: it is stored per whole query.

    Only a plain 200 that sets no cookie and does not vary by cookie is stored, so a page that
    (wrongly) touched the session or the CSRF token is never shared between readers. A stored
    page keeps the headers its view set (its type, and for example a CORS or download header).

    ``StoredPageMiddleware`` does the same for these views before the rest of the middleware
    runs; then the view only renders, and the middleware stores what the whole stack answered.
    """

    reads = None if reads is None else tuple(reads)  # a key of the kept queries (_query_read)

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        if request.method not in ("GET", "HEAD"):
            return view(request, *args, **kwargs)
        render = functools.partial(_rendered, view, request, *args, **kwargs)
        if getattr(request, "_page_served_by_middleware", False):
            return render()  # the middleware looked the page up, and stores what this makes
        return _serve(request, reads, render)

    _reads_of[wrapped] = reads
    return wrapped


# What each public page reads, by the function urls.py routes to. Not an attribute: a wrapper
# around it (the API's CORS, say) would copy that, and the middleware would answer for a view
# whose wrapper adds to its answers.
_reads_of = {}


class StoredPageMiddleware:
    """Answer a stored public page before the session, CSRF, auth and messages middleware run.

    A page that ``public_page`` wraps is the same for every reader, so none of them has anything
    to add to it; reading it costs one round trip to the cache. On a miss the request goes down
    the whole stack, and what comes back (with every header the middleware below added) is
    stored. It comes first, so that a stored page carries the headers of every middleware
    (SecurityMiddleware's too); a plain HTTP request that SecurityMiddleware redirects is left
    to it.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        reads = _reads_of_public_page(request)
        if reads is NOT_PUBLIC:
            return self.get_response(request)
        request._page_served_by_middleware = True
        return _serve(request, reads, functools.partial(self.get_response, request))


NOT_PUBLIC = object()
# Where a request's WSGI environment says it was answered 304 under the validator it names.
NOT_MODIFIED_UNDER = "newsroom.not_modified_under"


def _reads_of_public_page(request):
    if request.method not in ("GET", "HEAD"):
        return NOT_PUBLIC
    if settings.SECURE_SSL_REDIRECT and not request.is_secure():
        return NOT_PUBLIC  # SecurityMiddleware redirects it
    return _reads_of_address(request.path_info, translation.get_language(), get_urlconf())


@functools.lru_cache(maxsize=RESOLVED_ADDRESSES)
def _reads_of_address(path, language, urlconf):
    """What the public page at ``path`` reads, or NOT_PUBLIC; kept per address, language (the
    language prefixes of i18n_patterns match by it) and URLconf, since resolving walks every
    route and was a sixth of a stored page's time in the worker."""
    try:
        match = resolve(path, urlconf)
    except Resolver404:
        return NOT_PUBLIC
    return _reads_of.get(match.func, NOT_PUBLIC)


@receiver(setting_changed)
def _forget_addresses(setting, **kwargs):
    if setting == "ROOT_URLCONF":
        _reads_of_address.cache_clear()


def _serve(request, reads, render):
    """Answer from the cache in one round trip when it can; otherwise have one request render.

    The page is stored under its address alone, with the validator it was made under beside
    it, so that the copy made before the content changed is still there when it changes.
    Readers who miss the same page at once do not all render it: the first takes a short lock
    and renders; the others get that previous copy, marked stale, or else wait for the page.
    """
    key = _page_key(request, reads)
    try:
        etag, stored, answer = _from_cache(request, key)
    except DATABASE_UNAVAILABLE:
        return _served_without_database(request, key, render)
    request.public_etag = etag  # lets the view keep story-wide sums (see remembered())
    if answer is not None:
        if answer.status_code == 304:
            request.META[NOT_MODIFIED_UNDER] = etag  # newsroom/revalidation.py may give it again
        return answer
    lock = f"render-lock:{key}:{etag}"
    if cache.add(lock, True, RENDER_LOCK_SECONDS):
        try:
            return _store(key, etag, render())
        finally:
            cache.delete(lock)
    if stored is not None:
        response = _stored_response(stored)
        response["Cache-Status"] = "newsroom; hit; detail=stale"
        return response
    deadline = time.monotonic() + RENDER_LOCK_SECONDS
    while time.monotonic() < deadline:
        time.sleep(WAIT_SECONDS)
        found = cache.get_many([key, lock])
        stored = found.get(key)
        if stored is not None and stored[0] == etag:
            return _stored_response(stored)
        if lock not in found:
            break  # rendered but not stored: an error page, or too big a page
    return _store(key, etag, render())


def _served_without_database(request, key, render):
    """While the database cannot answer: the page as last stored, whatever it was made under,
    marked stale. With none stored, the rest of the stack answers, which is the outage page
    (``newsroom.outages``) unless the view needs no database."""
    request.public_etag = None
    stored = _process_copies.get(key) or cache.get(key)
    if stored is None:
        return render()
    etag = stored[0]
    not_modified = get_conditional_response(request, etag=etag)
    response = _validated(not_modified, etag) if not_modified else _stored_response(stored)
    response["Cache-Status"] = STALE_WITHOUT_DATABASE
    return response


def _from_cache(request, key):
    """The current validator, the stored page, and the answer they give alone, if any.

    At most one round trip to the cache. Where the cache ``tracks()`` the content version,
    none while it stands when the reader revalidates or this process holds a copy of the
    page, and else one, for the page. Elsewhere one: for the content version alone when the
    reader revalidates or this process holds a copy, so no page crosses the network then; else
    for the version and the page together.
    """
    copy = _process_copies.get(key)
    stored = NOT_FETCHED
    if tracks():
        version = cache.get_tracked(VERSION_KEY)
    elif copy is not None or "HTTP_IF_NONE_MATCH" in request.META:
        version = cache.get(VERSION_KEY)
    else:
        found = cache.get_many([VERSION_KEY, key])
        version, stored = found.get(VERSION_KEY), found.get(key)
    if version is None:  # the cache was emptied: this process's copy may predate that
        version, copy = content_version(), None
    etag = _etag(version)
    not_modified = get_conditional_response(request, etag=etag)
    if not_modified is not None:
        return etag, stored, _validated(not_modified, etag)
    if copy is not None and copy[0] == etag:
        return etag, copy, _stored_response(copy)
    if stored is NOT_FETCHED:
        stored = cache.get(key)
    if stored is not None and stored[0] == etag:
        _process_copies.put(key, stored)
        return etag, stored, _stored_response(stored)
    return etag, stored, None


class ProcessCopies:
    """The stored pages this process served last, up to a size, most recently used kept.

    Only ever served after the content version, read from the cache on the same request or
    kept while Redis says it stands, shows that the copy is current, so keeping them changes no
    answer; it spares sending the page from the cache to the process on every request.
    """

    def __init__(self, limit_bytes):
        self.limit_bytes = limit_bytes
        self.pages = OrderedDict()
        self.size = 0
        self.lock = threading.Lock()  # for threaded workers

    def get(self, key):
        with self.lock:
            page = self.pages.get(key)
            if page is not None:
                self.pages.move_to_end(key)
            return page

    def put(self, key, page):
        with self.lock:
            old = self.pages.pop(key, None)
            self.size += len(page[1]) - (len(old[1]) if old else 0)
            self.pages[key] = page
            while self.size > self.limit_bytes:
                _, dropped = self.pages.popitem(last=False)
                self.size -= len(dropped[1])

    def clear(self):
        with self.lock:
            self.pages.clear()
            self.size = 0


_process_copies = ProcessCopies(PROCESS_COPIES_BYTES)
NOT_FETCHED = object()


def _page_key(request, reads):
    """Where the page is stored; the view is left only the parameters it reads."""
    # As Django reads request.GET: the WSGI text back to its bytes, then decoded as UTF-8.
    query = _query_read(request.META.get("QUERY_STRING", "").encode("iso-8859-1"), reads)
    request.GET = QueryDict(query)
    # Host and scheme too: feeds and page metadata carry absolute links. And the language the
    # page is made in: a reader's address says it, but one page must never be served in
    # another's language even where the address does not (newsroom/locale_urls.py).
    language = translation.get_language()
    origin = f"{request.scheme}://{request.get_host()}"  # get_host() refuses a host not allowed
    address = f"{code_version()}{language}:{origin}{request.path}?{query}"
    return "page:" + hashlib.blake2b(address.encode(), digest_size=16).hexdigest()


@functools.lru_cache(maxsize=RESOLVED_ADDRESSES)
def _query_read(query_string, reads):
    """The parameters of a query string that a page reads (all for ``None``), sorted by name,
    each name's values in their order: one text for every address that differs only in
    parameters the page ignores or in their order. Kept per query, like the routes."""
    given = QueryDict(query_string)
    names = given if reads is None else reads
    return urlencode(
        [(name, given.getlist(name)) for name in sorted(names) if name in given], doseq=True
    )


def _rendered(view, request, *args, **kwargs):
    response = view(request, *args, **kwargs)
    if hasattr(response, "render"):
        response.render()
    if response.status_code != 200 or request.public_etag is None:
        return response  # an error, or made while the database could not give a validator
    return _validated(response, request.public_etag)


def _store(key, etag, response):
    """Keep a page that is the same for every reader, with the headers it was sent with."""
    if response.status_code == 200 and response.get("ETag") == etag and _is_shareable(response):
        page = (etag, response.content, dict(response.items()))
        if _keep(key, page, PAGE_TIMEOUT):
            _process_copies.put(key, page)
    return response


def _keep(key, value, timeout):
    """Store a value unless it is too big to be one value in the cache."""
    fits = len(pickle.dumps(value, pickle.HIGHEST_PROTOCOL)) <= MAX_VALUE_BYTES
    if fits:
        cache.set(key, value, timeout)
    return fits


def _stored_response(stored):
    _, content, headers = stored
    return HttpResponse(content, headers=headers)


def remembered(request, name, compute):
    """A value derived from public content, kept until that content changes.

    For sums over the whole story that many addresses share (per-day counts, the values in
    use), so a page not yet stored does not pay for them again. Only on a page that
    ``public_page`` wraps; elsewhere (a staff preview) it is computed each time.
    """
    etag = getattr(request, "public_etag", None)
    if etag is None:
        return compute()
    key = "derived:" + hashlib.blake2b(f"{etag}{name}".encode(), digest_size=16).hexdigest()
    value = cache.get(key)
    if value is None:
        value = compute()
        _keep(key, value, PAGE_TIMEOUT)
    return value


def _is_shareable(response):
    if response.streaming:
        return False  # an export, sent as it is made: it would be one huge value in the cache
    return not response.cookies and "Cookie" not in response.get("Vary", "")


def _validated(response, etag):
    response["ETag"] = etag
    # Caches may keep the page but must ask again each time; the 304 makes that cheap.
    patch_cache_control(response, public=True, max_age=0, must_revalidate=True)
    return response


def seen_by_readers(rows):
    """Whether any of these rows (of a model of PUBLIC_APPS) is on a public page: one query."""
    paths = SEEN_THROUGH.get(rows.model._meta.label)
    if paths is None:
        return True
    for path, label in paths.items():
        rows = rows.filter(**{f"{path}__in": apps.get_model(label).objects.published()})
    return rows.exists()


def _changed():
    # Derived data only: this process rereads at once; others learn with the commit.
    public_content_changing()


def _public(sender):
    return sender._meta.app_label in PUBLIC_APPS


def _row(sender, instance):
    return sender._base_manager.filter(pk=instance.pk)


# A write changes what readers see when its row is seen before it or after it. Before is read
# from the database, not the instance, which may be older than the row it overwrites.
def _before_write(sender, instance, **kwargs):
    if _public(sender) and instance.pk is not None:
        instance._seen_before_write = seen_by_readers(_row(sender, instance))


def _saved(sender, instance, **kwargs):
    seen_before = instance.__dict__.pop("_seen_before_write", False)
    if _public(sender) and (seen_before or seen_by_readers(_row(sender, instance))):
        _changed()


def _deleted(sender, instance, **kwargs):
    if _public(sender) and instance.__dict__.pop("_seen_before_write", False):
        _changed()


def _links_changed(sender, instance, action, model, pk_set, **kwargs):
    """Links are checked before they are removed and once they are added."""
    if not _public(sender) or action not in ("pre_remove", "pre_clear", "post_add"):
        return
    links = sender._base_manager.filter(**{_link_to(sender, instance._meta.model): instance.pk})
    if pk_set is not None:
        links = links.filter(**{f"{_link_to(sender, model)}__in": pk_set})
    if seen_by_readers(links):
        _changed()


def _link_to(through, model):
    return next(f.name for f in through._meta.fields if f.related_model is model)


pre_save.connect(_before_write, dispatch_uid="newsroom.caching.before_save")
pre_delete.connect(_before_write, dispatch_uid="newsroom.caching.before_delete")
post_save.connect(_saved, dispatch_uid="newsroom.caching.save")
post_delete.connect(_deleted, dispatch_uid="newsroom.caching.delete")
m2m_changed.connect(_links_changed, dispatch_uid="newsroom.caching.m2m")
