"""What a stored public page costs against the physical limit of the same server, in one run.

Run on demand, never in the test suite (needs `redis-server`, `wrk` and PostgreSQL):

    .venv/bin/python bench/throughput.py [--sizes 1000 10000 100000] [--seconds 5] [--rounds 3]
        [--database postgres://postgres@127.0.0.1:5432/mine_{size}] [--code DIR]

For each size it uses the database named (``{size}`` replaced), or makes and seeds one like
bench/reader_pages.py; then, with the production settings (DEBUG off, behind a TLS proxy), a
Redis of its own (``redis-server --port N``, stopped by its pid) and gunicorn as the README
runs it (sync workers, 2 by default), it measures with wrk:

1. the stored /timeline/ page, and a 304 answer to a request that sends its ETag;
2. the physical limit: a minimal WSGI app under the same gunicorn that answers the same status,
   headers and bytes (a 200 with the page, a 304 with the 304's headers), with nothing else;
   both servers run at once and each comparison is a few pairs of runs back to back, since on
   a shared machine the ratio of neighbouring runs is steadier than either rate;
3. a stampede: the content version is replaced, as a publish does, and 16 readers ask for
   /timeline/ at once; their rate over the first 2 seconds against the warm rate.
"""

import argparse
import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAGE = "/timeline/"
# Headers gunicorn writes itself: the minimal app must not send them twice.
SERVER_HEADERS = {"date", "server", "connection", "transfer-encoding"}


# -- the minimal app: gunicorn imports this module as throughput:minimal_app ---------------------


def _recorded(name):
    """The status, headers and body recorded in the JSON file named by an environment variable."""
    path = os.environ.get(name)
    if not path:
        return None
    data = json.loads(Path(path).read_text())
    return data["status"], [tuple(pair) for pair in data["headers"]], data["body"].encode("latin-1")


PAGE_ANSWER = _recorded("BENCH_PAGE")
NOT_MODIFIED_ANSWER = _recorded("BENCH_NOT_MODIFIED")
ETAG = os.environ.get("BENCH_ETAG")


def minimal_app(environ, start_response):
    """The same answer the site gives, with no work but choosing between the 200 and the 304."""
    answer = PAGE_ANSWER
    if environ.get("HTTP_IF_NONE_MATCH") == ETAG:
        answer = NOT_MODIFIED_ANSWER
    status, headers, body = answer
    start_response(status, headers)
    return [body]


# -- the run ------------------------------------------------------------------------------------


def wait_for(port, process):
    for _ in range(300):
        if process.poll() is not None:
            raise RuntimeError(f"{process.args[0]} exited with {process.returncode}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"nothing listens on port {port}")


def stop(process):
    process.terminate()
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def start_redis():
    from reader_pages import free_port

    port = free_port()
    redis = subprocess.Popen(
        ["redis-server", "--port", str(port), "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
    )
    wait_for(port, redis)
    return redis, port


def site_env(database, redis_port, static_root):
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "newsroom.settings.production",
        "SECRET_KEY": "benchmark-only-key-" + "x" * 40,
        "DATABASE_URL": database,
        "ALLOWED_HOSTS": "127.0.0.1",
        "REDIS_URL": f"redis://127.0.0.1:{redis_port}/0",
        "BEHIND_TLS_PROXY": "1",
        "STATIC_ROOT": static_root,
        "LOG_LEVEL": "WARNING",
    }


def gunicorn(app, env, workers, *extra, code=ROOT):
    """gunicorn as the README runs it from checkout ``code``, on a free port; returns the
    process and the port."""
    from reader_pages import free_port

    port = free_port()
    command = [str(Path(sys.executable).parent / "gunicorn"), app, *extra]
    command += ["--workers", str(workers), "--bind", f"127.0.0.1:{port}", "--no-control-socket"]
    server = subprocess.Popen(command, cwd=code, env=env)
    wait_for(port, server)
    return server, port


# What the TLS proxy in front adds to every request it passes on.
PROXY_HEADERS = {"Host": "127.0.0.1", "X-Forwarded-Proto": "https"}


def fetch(port, headers=None):
    import http.client

    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    connection.request("GET", PAGE, headers={**PROXY_HEADERS, **(headers or {})})
    response = connection.getresponse()
    body = response.read()
    connection.close()
    return response, body


def record(response, body, folder, name):
    """Write an answer for the minimal app to repeat; returns the file's path."""
    headers = [(k, v) for k, v in response.getheaders() if k.lower() not in SERVER_HEADERS]
    path = Path(folder) / f"{name}.json"
    path.write_text(
        json.dumps(
            {
                "status": f"{response.status} {response.reason}",
                "headers": headers,
                "body": body.decode("latin-1"),
            }
        )
    )
    return str(path)


def wrk(port, seconds, connections, headers=None):
    """Requests per second that completed, and how many answered other than expected."""
    command = ["wrk", "-t1", f"-c{connections}", f"-d{seconds}s", "--timeout", "30s"]
    for name, value in {**PROXY_HEADERS, **(headers or {})}.items():
        command += ["-H", f"{name}: {value}"]
    output = subprocess.run(
        [*command, f"http://127.0.0.1:{port}{PAGE}"], capture_output=True, text=True, check=True
    ).stdout
    total = int(re.search(r"(\d+) requests in", output).group(1))
    wrong = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    errors = re.search(r"Socket errors: (.*)", output)
    if wrong or errors:
        print(f"    wrk: {(wrong or errors).group(0)}", flush=True)
    return total / seconds


def publish():
    """What ``public_content_changed()`` does: replace the content version in the shared cache."""
    from django.core.cache import cache

    from newsroom.caching import VERSION_KEY

    cache.set(VERSION_KEY, uuid.uuid4().hex, None)


def prepare(size, template):
    from reader_pages import analyze, database_url, event_count, fresh_database, manage

    url = template.format(size=size) if template else database_url(size, "throughput")
    if event_count(url) != size:
        fresh_database(url)
        manage(url, "migrate", "--no-input", "-v", "0")
        manage(url, "seed_synthetic", "--events", str(size), "--batch-size", "1000")
        analyze(url)
    return url


def measure(url, redis_port, options, folder):
    static_root = str(Path(folder) / "static")
    env = site_env(url, redis_port, static_root)
    code = options.code
    manage = [sys.executable, "manage.py"]
    subprocess.run(
        [*manage, "collectstatic", "--no-input", "-v", "0"], cwd=code, env=env, check=True
    )
    subprocess.run([*manage, "migrate", "--check", "-v", "0"], cwd=code, env=env, check=True)
    servers = []
    try:
        site, port = gunicorn("newsroom.wsgi", env, options.workers, code=code)
        servers.append(site)
        started = time.perf_counter()
        fetch(port)
        results = {"first render s": time.perf_counter() - started}
        response, body = fetch(port)
        assert response.status == 200, response.status
        results["bytes"] = len(body)
        etag = response.getheader("ETag")
        not_modified, _ = fetch(port, {"If-None-Match": etag})
        assert not_modified.status == 304, not_modified.status
        minimal_env = {
            **env,
            "BENCH_PAGE": record(response, body, folder, "page"),
            "BENCH_NOT_MODIFIED": record(not_modified, b"", folder, "not-modified"),
            "BENCH_ETAG": etag,
        }
        app, app_port = gunicorn(
            "throughput:minimal_app", minimal_env, options.workers, "--chdir", str(ROOT / "bench")
        )
        servers.append(app)
        for warm_up in (port, app_port):  # every worker's first requests, not measured
            wrk(warm_up, 2, options.connections)
        # Each pair of runs back to back, a few times: on a shared machine the load changes
        # between runs, and the ratio of neighbours is steadier than either rate.
        conditional = {"If-None-Match": etag}
        for _ in range(options.rounds):
            for label, headers in [("", {}), (" 304", conditional)]:
                for name, server_port in [("site", port), ("minimal", app_port)]:
                    rate = wrk(server_port, options.seconds, options.connections, headers)
                    results.setdefault(f"{name}{label}", []).append(rate)
        results["warm, 16 readers"] = wrk(port, options.seconds, 16)
        publish()
        results["after a publish, 16 readers, first 2 s"] = wrk(port, 2, 16)
    finally:
        for server in servers:
            stop(server)
    return results


def report(size, results, options):
    print(
        f"== {size:,} events: /timeline/ {results['bytes']:,} bytes, first render "
        f"{results['first render s']:.2f} s; gunicorn {options.workers} sync workers, wrk "
        f"{options.connections} connections, {options.rounds} rounds of {options.seconds} s runs",
        flush=True,
    )
    for label, site, limit in [
        ("stored /timeline/", "site", "minimal"),
        ("304", "site 304", "minimal 304"),
    ]:
        ratios = [ours / theirs for ours, theirs in zip(results[site], results[limit], strict=True)]
        print(
            f"  {label:<18} req/s {' '.join(f'{rate:6.0f}' for rate in results[site])}"
            f"   minimal app {' '.join(f'{rate:6.0f}' for rate in results[limit])}"
            f"   ratios {' '.join(f'{ratio:.2f}' for ratio in ratios)}"
            f"   median {statistics.median(ratios):.2f}"
        )
    warm, after = results["warm, 16 readers"], results["after a publish, 16 readers, first 2 s"]
    print(
        f"  stampede: 16 readers after a publish {after:8.0f} req/s over the first 2 s, "
        f"warm {warm:8.0f} req/s, ratio {after / warm:.2f}",
        flush=True,
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    parser.add_argument("--seconds", type=int, default=5, help="length of each wrk run")
    parser.add_argument("--connections", type=int, default=8, help="wrk's open connections")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn's sync workers")
    parser.add_argument("--rounds", type=int, default=3, help="pairs of runs per comparison")
    parser.add_argument("--database", help="a database URL per size, with {size} in it")
    parser.add_argument("--code", default=str(ROOT), help="the checkout whose site is measured")
    options = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is missing: apt-get install -y wrk")
    sys.path[:0] = [str(ROOT), str(ROOT / "bench")]
    redis, redis_port = start_redis()
    try:
        from django.conf import settings

        location = f"redis://127.0.0.1:{redis_port}/0"
        backend = "django.core.cache.backends.redis.RedisCache"
        settings.configure(CACHES={"default": {"BACKEND": backend, "LOCATION": location}})
        from django.core.cache import cache

        for size in options.sizes:
            url = prepare(size, options.database)
            cache.clear()  # this Redis is the benchmark's own
            with tempfile.TemporaryDirectory() as folder:
                report(size, measure(url, redis_port, options, folder), options)
    finally:
        stop(redis)


if __name__ == "__main__":
    main()
