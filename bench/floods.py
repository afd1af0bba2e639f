"""How the site holds against a password guesser and a flood of reader submissions.

Run on demand, never in the test suite (needs `redis-server` and PostgreSQL):

    .venv/bin/python bench/floods.py [--database postgres://postgres@127.0.0.1:5432/mine]
        [--code DIR] [--workers 4] [--guesses 200] [--burst 30] [--submissions 50]

It migrates the database named (by default ``floods_1000``, a fresh copy of
``newsroom_bench_flat_1000`` each run), then serves the checkout ``--code`` (this one by default)
as production does: gunicorn with sync workers and the production settings, sharing a Redis of its
own
(``redis-server --port N``, stopped by its pid). Each part speaks from an address of its own on
the loopback network (127.0.0.2, .3, ...), so one part's counts never hold back the next.

1. **Guessing, one at a time**: wrong passwords for a staff account from one address until the
   site refuses to check one (or ``--guesses`` of them), then the right password.
2. **Guessing, all at once**: ``--burst`` wrong passwords for another account, sent together.
3. **A flood of submissions**: ``--submissions`` valid submissions from one address, released
   together by a barrier; the rows stored against the limit (``SUBMISSION_RATE_LIMIT``, 5).
"""

import argparse
import http.client
import signal
import subprocess
import sys
import tempfile
import threading
import urllib.parse
from collections import Counter
from pathlib import Path

import psycopg

sys.path.insert(0, str(Path(__file__).resolve().parent))
import throughput  # noqa: E402
from reader_pages import free_port  # noqa: E402
from throughput import start_redis, stop, wait_for  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "flood-bench-password-7"
WRONG_PASSWORD = "Please enter the correct"  # the admin's answer to a wrong password
SUBMISSION = {
    "kind": "new_development",
    "text": "A column of armour crossed at Sudzha this morning.",
    "occurred_on": "2024-08-06",
    "location": "Sudzha border crossing",
    "website": "",
}


class Browser:
    """One visitor from one loopback address, keeping its cookies."""

    def __init__(self, port, address):
        self.port, self.address, self.cookies = port, address, {}

    def request(self, method, path, fields=None):
        connection = http.client.HTTPConnection(
            "127.0.0.1", self.port, timeout=600, source_address=(self.address, 0)
        )
        headers = {"Host": "127.0.0.1"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if fields is not None:
            token = self.cookies.get("csrftoken", "")
            body = urllib.parse.urlencode({**fields, "csrfmiddlewaretoken": token})
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        text = response.read().decode("utf-8", "replace")
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name] = rest.split(";", 1)[0]
        connection.close()
        return response.status, text


def login_answer(status, text):
    if status == 302:
        return "logged in"
    if status == 200 and WRONG_PASSWORD in text:
        return "checked, wrong"
    return f"refused ({status})"


def guess_in_turn(port, username, guesses):
    browser = Browser(port, "127.0.0.2")
    browser.request("GET", "/admin/login/")
    checked = 0
    for _ in range(guesses):
        answer = login_answer(
            *browser.request("POST", "/admin/login/", {"username": username, "password": "no"})
        )
        if answer != "checked, wrong":
            break
        checked += 1
    right = browser.request("POST", "/admin/login/", {"username": username, "password": PASSWORD})
    return checked, login_answer(*right)


def all_at_once(count, make_call):
    """Run ``count`` calls, each prepared first and then released together by a barrier."""
    barrier = threading.Barrier(count)
    results = [None] * count

    def run(index):
        try:
            call = make_call()
            barrier.wait(timeout=300)
            results[index] = call()
        except Exception as error:  # noqa: BLE001 -- counted by kind, as an answer is
            results[index] = type(error).__name__

    threads = [threading.Thread(target=run, args=(index,)) for index in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def guess_at_once(port, username, count):
    def make_call():
        browser = Browser(port, "127.0.0.3")
        browser.request("GET", "/admin/login/")
        fields = {"username": username, "password": "no"}
        return lambda: login_answer(*browser.request("POST", "/admin/login/", fields))

    return Counter(all_at_once(count, make_call))


def submit_at_once(port, count):
    def make_call():
        browser = Browser(port, "127.0.0.4")
        browser.request("GET", "/submit/")
        return lambda: browser.request("POST", "/submit/", SUBMISSION)[0]

    return Counter(all_at_once(count, make_call))


def submissions_stored(database):
    with psycopg.connect(database) as connection:
        return connection.execute("SELECT count(*) FROM moderation_submission").fetchone()[0]


def prepare(database):
    """A fresh copy of the 1,000-event bench database for each run, when none is named."""
    if database:
        return database
    with psycopg.connect("postgres://postgres@127.0.0.1:5432/postgres", autocommit=True) as db:
        db.execute("DROP DATABASE IF EXISTS floods_1000")
        db.execute("CREATE DATABASE floods_1000 TEMPLATE newsroom_bench_flat_1000")
    return "postgres://postgres@127.0.0.1:5432/floods_1000"


def site_env(database, redis_port):
    """The throughput bench's production environment, speaking plain HTTP to the clients here."""
    env = throughput.site_env(database, redis_port, tempfile.mkdtemp())
    return {**env, "SECURE_SSL_REDIRECT": "0", "LOG_LEVEL": "ERROR"}


def manage(code, env, *args):
    subprocess.run([sys.executable, "manage.py", *args], cwd=code, env=env, check=True)


STAFF = f"""
PASSWORD = {PASSWORD!r}
from django.contrib.auth.models import Group, User
for name in ("flood-editor", "flood-reporter"):
    user, _ = User.objects.update_or_create(username=name, defaults={{"is_staff": True}})
    user.set_password(PASSWORD)
    user.save()
    user.groups.add(Group.objects.get(name="editor"))
"""


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--database")
    parser.add_argument("--code", type=Path, default=ROOT)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--guesses", type=int, default=200)
    parser.add_argument("--burst", type=int, default=30)
    parser.add_argument("--submissions", type=int, default=50)
    options = parser.parse_args()
    # Stopped (by timeout, say), it still stops the Redis and gunicorn it started.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))
    database = prepare(options.database)
    redis, redis_port = start_redis()
    env = site_env(database, redis_port)
    server = None
    try:
        manage(options.code, env, "migrate", "--no-input", "-v", "0")
        manage(options.code, env, "collectstatic", "--no-input", "-v", "0")
        manage(options.code, env, "shell", "-c", STAFF)
        port = free_port()
        server = subprocess.Popen(
            [str(Path(sys.executable).parent / "gunicorn"), "newsroom.wsgi"]
            + ["--workers", str(options.workers), "--bind", f"127.0.0.1:{port}"]
            + ["--timeout", "300", "--no-control-socket"],
            cwd=options.code,
            env=env,
        )
        wait_for(port, server)
        checked, then = guess_in_turn(port, "flood-editor", options.guesses)
        print(f"one at a time: {checked} wrong passwords checked, then the right one: {then}")
        burst = guess_at_once(port, "flood-reporter", options.burst)
        print(f"{options.burst} wrong passwords at once: {dict(burst)}")
        before = submissions_stored(database)
        statuses = submit_at_once(port, options.submissions)
        stored = submissions_stored(database) - before
        print(f"{options.submissions} submissions at once: {dict(statuses)}, {stored} stored")
    finally:
        if server:
            stop(server)
        stop(redis)


if __name__ == "__main__":
    main()
