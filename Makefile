# The two commands a newcomer needs: `make demo` and `make test`.

UV_VERSION := 0.13.8
PYTHON := .venv/bin/python
# uv finds the Python that .python-version names; it must never try to download one.
export UV_PYTHON_DOWNLOADS := never

.PHONY: demo test lint env

# The virtual environment, from the lock file; rebuilt when the lock changes.
env: .venv/.synced
.venv/.synced: pyproject.toml uv.lock
	@python3 -m uv --version >/dev/null 2>&1 || python3 -m pip install --quiet --root-user-action=ignore "uv==$(UV_VERSION)"
	python3 -m uv sync --locked
	@touch $@

# A fresh clone to the running site at http://127.0.0.1:8000 with the story loaded.
demo: env
	DEBUG=1 $(PYTHON) manage.py migrate --no-input
	DEBUG=1 $(PYTHON) manage.py load_demo
	DEBUG=1 $(PYTHON) manage.py runserver 127.0.0.1:8000

# The whole suite, on SQLite unless DATABASE_URL names another database.
test: env
	$(PYTHON) -m pytest

lint: env
	.venv/bin/ruff check .
	.venv/bin/ruff format --check .
