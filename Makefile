# The two commands a newcomer needs: `make demo` and `make test`.

UV_VERSION := 0.13.8
PYTHON := .venv/bin/python
# Where `make demo` serves the site: PORT=8001 make demo.
PORT ?= 8000
SITE := http://127.0.0.1:$(PORT)
# uv takes the Python that .python-version names from the machine when one is installed, and
# downloads it only when none is.
export UV_PYTHON_PREFERENCE ?= system
export UV_PYTHON_DOWNLOADS ?= automatic

# uv itself: the one on PATH or in ~/.local/bin, else a Python's uv module, else a copy of our
# own in .tools/. That copy lives in a virtual environment of its own, because pip may install
# there even where the system's Python is externally managed (PEP 668: Debian 12, Ubuntu 24.04).
TOOLS := .tools
# The first that answers: a pyenv shim, say, may name a uv its current Python lacks.
FOUND_UV := $(shell for uv in "$$(command -v uv)" "$$HOME/.local/bin/uv"; do \
	"$$uv" --version >/dev/null 2>&1 && echo "$$uv" && break; done)
ifneq ($(FOUND_UV),)
UV := $(FOUND_UV)
else ifeq ($(shell python3 -m uv --version >/dev/null 2>&1 && echo found),found)
UV := python3 -m uv
else
UV := $(TOOLS)/bin/uv
endif

.PHONY: demo test lint env vendor messages

# The virtual environment, from the lock file; rebuilt when the lock changes.
env: .venv/.synced
.venv/.synced: pyproject.toml uv.lock | $(filter $(TOOLS)/%,$(UV))
	$(UV) sync --locked
	@touch $@

$(TOOLS)/bin/uv:
	python3 -m venv $(TOOLS)
	@echo '*' > $(TOOLS)/.gitignore
	$(TOOLS)/bin/python -m pip install --quiet --disable-pip-version-check "uv==$(UV_VERSION)"

# A fresh clone to the running site at $(SITE) with the story loaded.
demo: env
	DEBUG=1 $(PYTHON) manage.py migrate --no-input
	DEBUG=1 $(PYTHON) manage.py load_demo --site $(SITE)
	DEBUG=1 $(PYTHON) manage.py runserver 127.0.0.1:$(PORT)

# The whole suite, on SQLite unless DATABASE_URL names another database.
test: env
	$(PYTHON) -m pytest

lint: env
	.venv/bin/ruff check .
	.venv/bin/ruff format --check .

# The map's pan and zoom: Leaflet's files, committed under static/vendor/ so the site serves them
# itself and `make demo` needs no npm. Run after changing Leaflet's version in package.json
# (then `npm ci --ignore-scripts`); tests/timeline/test_maps.py checks the copy matches.
LEAFLET := node_modules/leaflet
vendor:
	mkdir -p static/vendor/leaflet/images
	cp $(LEAFLET)/dist/leaflet.js $(LEAFLET)/dist/leaflet.js.map $(LEAFLET)/dist/leaflet.css \
		$(LEAFLET)/LICENSE static/vendor/leaflet/
	cp $(LEAFLET)/dist/images/*.png static/vendor/leaflet/images/

# The Ukrainian and Russian catalogues (newsroom/locale/): every marked string of the templates,
# the Python and the JavaScript, then compiled. Commit the .po and .mo files together;
# tests/project/test_catalogues.py checks that nothing is missing, untranslated or uncompiled.
MAKEMESSAGES := $(PYTHON) manage.py makemessages --locale uk --locale ru --no-obsolete \
	--add-location file --ignore .venv --ignore node_modules --ignore tests --ignore bench \
	--ignore static/vendor --ignore .tools
messages: env
	$(MAKEMESSAGES) --extension html,txt,py
	$(MAKEMESSAGES) --domain djangojs --extension js
	$(PYTHON) manage.py compilemessages --locale uk --locale ru --ignore .venv --ignore node_modules \
		--ignore .tools
