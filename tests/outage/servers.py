"""Servers that the outage tests and ``bench/outage.py`` start for themselves and stop at will.

A PostgreSQL cluster in a temporary folder on a port of its own, a Redis server likewise, and
gunicorn run as the README runs it, with the production settings. Nothing here touches the
machine's own PostgreSQL or Redis service.
"""

import http.client
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
POSTGRES_BINARIES = sorted(Path("/usr/lib/postgresql").glob("*/bin"))


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for_port(port, seconds=30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.1)
    raise TimeoutError(f"nothing answered on port {port} within {seconds} s")


def run(command, **kwargs):
    """Run a program; when it fails, say what it wrote."""
    try:
        return subprocess.run(command, check=True, capture_output=True, **kwargs)
    except subprocess.CalledProcessError as error:
        raise RuntimeError(f"{command} failed: {error.stderr}") from None


def postgres_binary(name):
    """A PostgreSQL server program: on PATH, else Debian's newest under /usr/lib/postgresql."""
    found = shutil.which(name) or next(
        (str(folder / name) for folder in reversed(POSTGRES_BINARIES) if (folder / name).exists()),
        None,
    )
    return found


class PostgresCluster:
    """A cluster of our own; as root, run as the ``postgres`` user, since initdb refuses root."""

    def __init__(self):
        self.folder = Path(tempfile.mkdtemp(prefix="newsroom-pg-"))
        self.data = self.folder / "data"
        self.port = free_port()
        self.url = f"postgres://postgres@127.0.0.1:{self.port}/newsroom"
        if os.geteuid() == 0:
            shutil.chown(self.folder, "postgres", "postgres")
        self._run("initdb", "-D", self.data, "-U", "postgres", "--auth=trust", "--no-sync")

    def _run(self, program, *args, **kwargs):
        command = [postgres_binary(program), *map(str, args)]
        if os.geteuid() == 0:
            command = ["runuser", "-u", "postgres", "--", *command]
        return run(command, cwd=self.folder, **kwargs)

    def start(self):
        options = f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 -c fsync=off"
        log = self.folder / "server.log"
        self._run("pg_ctl", "-D", self.data, "-o", options, "-l", log, "-w", "start")

    def stop(self):
        """Stop as an administrator restarting it would: open connections are cut."""
        self._run("pg_ctl", "-D", self.data, "-m", "fast", "-w", "stop")

    def load(self, source_url):
        """Create the database ``newsroom`` with a copy of another database's tables and rows."""
        self._run("createdb", "-h", "127.0.0.1", "-p", self.port, "-U", "postgres", "newsroom")
        dump = run([postgres_binary("pg_dump"), "--no-owner", "--no-privileges", source_url]).stdout
        self._run("psql", "-q", "-v", "ON_ERROR_STOP=1", self.url, input=dump)

    def query(self, sql):
        return self._run("psql", "-tA", "-c", sql, self.url, text=True).stdout.splitlines()

    def remove(self):
        try:
            self.stop()
        except RuntimeError:
            pass  # already stopped
        shutil.rmtree(self.folder, ignore_errors=True)


class RedisServer:
    def __init__(self, *settings):
        self.folder = Path(tempfile.mkdtemp(prefix="newsroom-redis-"))
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.settings = settings
        self.process = None

    def start(self):
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", ""]
            + ["--appendonly", "no", "--dir", str(self.folder), *self.settings],
            stdout=subprocess.DEVNULL,
        )
        wait_for_port(self.port)

    def stop(self):
        self.process.terminate()
        self.process.wait(10)

    def remove(self):
        if self.process and self.process.poll() is None:
            self.stop()
        shutil.rmtree(self.folder, ignore_errors=True)


class Gunicorn:
    """The site under gunicorn with the production settings, over plain HTTP on its own port."""

    def __init__(self, database_url, redis_url, *, workers=3, root=ROOT, **environment):
        self.root = Path(root)  # the checkout whose code it runs
        self.port = free_port()
        self.static = Path(tempfile.mkdtemp(prefix="newsroom-static-"))
        self.environment = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "newsroom.settings.production",
            "SECRET_KEY": "outage-test-key-not-secret",
            "DATABASE_URL": database_url,
            "REDIS_URL": redis_url,
            "ALLOWED_HOSTS": "127.0.0.1",
            "SECURE_SSL_REDIRECT": "0",
            "STATIC_ROOT": str(self.static),
            **environment,
        }
        self.workers = workers
        self.process = None

    def manage(self, *args, **environment):
        environment = {**self.environment, **environment}
        run([sys.executable, "manage.py", *args], cwd=self.root, env=environment)

    def start(self):
        self.manage("collectstatic", "--no-input", "-v0")
        gunicorn = Path(sys.executable).with_name("gunicorn")
        self.log = open(self.static / "gunicorn.log", "wb")  # noqa: SIM115
        self.process = subprocess.Popen(
            [gunicorn, "newsroom.wsgi", "--workers", str(self.workers)]
            + ["--bind", f"127.0.0.1:{self.port}", "--log-level", "error"]
            # Longer than gunicorn's 30 s: on a busy machine a worker's first page takes that.
            + ["--timeout", "300", "--no-control-socket"],
            cwd=self.root,
            env=self.environment,
            stderr=self.log,
        )
        wait_for_port(self.port)

    def remove(self):
        if self.process:
            self.process.terminate()
            try:
                self.process.wait(60)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
            self.log.close()
        shutil.rmtree(self.static, ignore_errors=True)


class Client:
    """One keep-alive connection, as a browser's; it reconnects when the server drops it."""

    def __init__(self, port):
        self.port = port
        self.connection = None

    def request(self, method, path, body=None, headers=None):
        for attempt in range(2):
            if self.connection is None:
                # Long: on a busy machine a worker's first page can take a minute.
                self.connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)
            try:
                self.connection.request(method, path, body=body, headers=headers or {})
                response = self.connection.getresponse()
                return response, response.read()
            except (http.client.HTTPException, OSError):
                self.connection.close()
                self.connection = None
                if attempt:
                    raise
        raise AssertionError("unreachable")


class Submitter:
    """Sends reader submissions with a CSRF token fetched once, each text marked by a number."""

    def __init__(self, port, mark):
        self.client = Client(port)
        self.mark = mark
        response, _ = self.client.request("GET", "/submit/")
        cookie = response.getheader("Set-Cookie").split(";")[0]
        self.token = cookie.partition("=")[2]
        self.headers = {"Cookie": cookie, "Content-Type": "application/x-www-form-urlencoded"}

    def send(self, number):
        text = f"{self.mark} {number}: smoke over the bridge"
        fields = {"csrfmiddlewaretoken": self.token, "kind": "new_development", "text": text}
        body = urllib.parse.urlencode(fields)
        response, content = self.client.request("POST", "/submit/", body, self.headers)
        return response.status, text, response, content


class Load:
    """Readers asking for pages of each kind in turn, and one sending submissions, until told to
    stop.

    ``statuses`` counts answers by (kind, status); ``accepted`` and ``refused`` hold the texts
    of submissions answered with a receipt and with a 503.
    """

    def __init__(self, port, pages, *, readers=4, mark="load"):
        self.port = port
        self.pages = pages  # {kind: [path, ...]}
        self.kinds = sorted(pages)
        self.readers = readers
        self.submitter = Submitter(port, mark)
        self.statuses = Counter()
        self.accepted, self.refused, self.failures = [], [], []
        self.running = threading.Event()
        self.lock = threading.Lock()
        self.threads = []

    def __enter__(self):
        self.running.set()
        self.threads = [threading.Thread(target=self._read, args=(n,)) for n in range(self.readers)]
        self.threads.append(threading.Thread(target=self._submit))
        for thread in self.threads:
            thread.start()
        return self

    def __exit__(self, *exc):
        self.running.clear()
        for thread in self.threads:
            thread.join()

    def count(self, kind, status):
        with self.lock:
            self.statuses[kind, status] += 1

    def check_retry_after(self, path, response):
        if response.status >= 500 and response.getheader("Retry-After") is None:
            self.failures.append((path, response.status))

    def _read(self, offset):
        client = Client(self.port)
        number = offset
        while self.running.is_set():
            # Each kind in turn, and within a kind each page in turn.
            kind = self.kinds[number % len(self.kinds)]
            path = self.pages[kind][number // len(self.kinds) % len(self.pages[kind])]
            number += 1
            try:
                response, _ = client.request("GET", path)
            except OSError as error:
                self.count(kind, type(error).__name__)
                continue
            self.count(kind, response.status)
            self.check_retry_after(path, response)

    def _submit(self):
        number = 0
        while self.running.is_set():
            number += 1
            status, text, response, _ = self.submitter.send(number)
            self.count("submission", status)
            self.check_retry_after("/submit/", response)
            if status == 303:
                self.accepted.append(text)
            elif status == 503:
                self.refused.append(text)
            time.sleep(0.05)

    def fivexx(self):
        return sum(n for (_, status), n in self.statuses.items() if str(status).startswith("5"))
