"""What the in-process benchmarks share: the site as production runs it, for one measuring child.

The production settings (DEBUG off, the manifest of static files, Redis as the cache) need two
things a checkout lacks: a Redis and a collected static folder. `production()` gives both, for
the length of a `with` block, and the environment a measuring child runs in; `measured()` runs
that child.
"""

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "newsroom.settings.production",
    "SECRET_KEY": "benchmark-only-key",
    "ALLOWED_HOSTS": "127.0.0.1",
    "SECURE_SSL_REDIRECT": "0",
}


def start_redis(folder):
    """A Redis of the benchmark's own, on a socket in ``folder``, keeping nothing on disk."""
    socket_path = Path(folder) / "redis.sock"
    server = subprocess.Popen(
        ["redis-server", "--port", "0", "--unixsocket", str(socket_path), "--save", ""],
        stdout=subprocess.DEVNULL,
    )
    for _ in range(100):
        if socket_path.exists():
            return server, f"unix://{socket_path}"
        time.sleep(0.05)
    server.terminate()
    raise RuntimeError("redis-server did not start")


@contextmanager
def production(code, url):
    """Yield the environment of a child running checkout ``code`` against database ``url``.

    The environment names the database; the caller may point DATABASE_URL elsewhere later, as
    the static files' manifest does not depend on it.
    """
    folder = tempfile.mkdtemp(prefix="bench-production-")
    redis, redis_url = start_redis(folder)
    try:
        env = {
            **os.environ,
            **PRODUCTION_ENV,
            "DATABASE_URL": url,
            "REDIS_URL": redis_url,
            "STATIC_ROOT": str(Path(folder) / "static"),
            "PYTHONPATH": str(code),
        }
        subprocess.run(
            [sys.executable, "manage.py", "collectstatic", "--no-input", "-v", "0"],
            cwd=code,
            env=env,
            check=True,
        )
        yield env
    finally:
        redis.terminate()
        redis.wait(timeout=10)
        shutil.rmtree(folder, ignore_errors=True)


def measured(script, code, env, *arguments):
    """Run ``script`` in checkout ``code``; what its last line of output says, as JSON, if any."""
    child = subprocess.run(
        [sys.executable, script, *arguments], cwd=code, env=env, capture_output=True, text=True
    )
    if child.returncode:
        # The child's own traceback says why; the one from here would only say that it failed.
        sys.stderr.write(child.stderr)
        child.check_returncode()
    lines = child.stdout.strip().splitlines()
    return json.loads(lines[-1]) if lines else None


def machine_speed():
    """This machine's pace at the moment, for the figures beside it: "sum(range(10**6)) in 22 ms",
    the best of 5. Times in ms move with it, from one machine to the next and, on a shared one,
    from one minute to the next (17 to 41 ms seen here); ratios of sizes measured in turns
    barely do."""
    import timeit

    best = min(timeit.repeat("sum(range(10**6))", number=10, repeat=5)) / 10
    return f"sum(range(10**6)) in {best * 1000:.0f} ms"
