"""Throughput of /timeline/ under gunicorn on PostgreSQL, with and without persistent connections.

Run on demand, never in the test suite:

    .venv/bin/python bench/connection_reuse.py [--requests 2000] [--concurrency 4]

It creates (or reuses) the database named by BENCH_DATABASE_URL, loads the demo story, then
serves the site with CONN_MAX_AGE=0 (a new connection per request) and CONN_MAX_AGE=600 and
reports requests per second for each.
"""

import argparse
import http.client
import os
import socket
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlsplit

import psycopg

ROOT = Path(__file__).resolve().parent.parent
DATABASE_URL = os.environ.get(
    "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/newsroom_bench"
)


def ensure_database():
    parts = urlsplit(DATABASE_URL)
    name = parts.path.lstrip("/")
    admin = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]
        ).fetchone()
        if not exists:
            connection.execute(f'CREATE DATABASE "{name}"')


def manage(*args, **env):
    subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**os.environ, "DATABASE_URL": DATABASE_URL, **env},
        check=True,
        stdout=subprocess.DEVNULL,
    )


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def serve(port, conn_max_age, workers):
    env = {
        **os.environ,
        "DATABASE_URL": DATABASE_URL,
        "DJANGO_SETTINGS_MODULE": "newsroom.settings.dev",
        "DEBUG": "0",
        "SECRET_KEY": "benchmark-only-key",
        "CONN_MAX_AGE": str(conn_max_age),
    }
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "newsroom.wsgi",
            "--workers",
            str(workers),
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return server
        except OSError:
            time.sleep(0.1)
    server.terminate()
    raise RuntimeError("gunicorn did not start")


def hammer(port, requests):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    for _ in range(requests):
        connection.request("GET", "/timeline/", headers={"Host": "127.0.0.1"})
        response = connection.getresponse()
        response.read()
        if response.status != 200:
            raise RuntimeError(f"/timeline/ answered {response.status}")
    connection.close()


def measure(conn_max_age, total, concurrency, workers):
    port = free_port()
    server = serve(port, conn_max_age, workers)
    try:
        hammer(port, 50)  # warm up every worker
        per_client = total // concurrency
        started = time.perf_counter()
        with ThreadPoolExecutor(concurrency) as pool:
            list(pool.map(lambda _: hammer(port, per_client), range(concurrency)))
        elapsed = time.perf_counter() - started
    finally:
        server.terminate()
        server.wait(timeout=10)
    return per_client * concurrency / elapsed


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument("--workers", type=int, default=2)
    options = parser.parse_args()

    ensure_database()
    manage("migrate", "--no-input", DJANGO_SETTINGS_MODULE="newsroom.settings.dev", DEBUG="1")
    manage("load_demo", DJANGO_SETTINGS_MODULE="newsroom.settings.dev", DEBUG="1")
    print(
        f"{options.requests} GET /timeline/, {options.concurrency} clients, "
        f"{options.workers} gunicorn workers, PostgreSQL"
    )
    for conn_max_age in (0, 600):
        rate = measure(conn_max_age, options.requests, options.concurrency, options.workers)
        print(f"CONN_MAX_AGE={conn_max_age:<4} {rate:8.0f} requests/s")


if __name__ == "__main__":
    main()
