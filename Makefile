# Roder: `make demo` starts the demo, `make test` runs every test. See README.md.

PORT ?= 8000
VENV ?= .venv
BIN := $(VENV)/bin
# The first Python >= 3.12 on PATH (pyenv shims included); override with PYTHON=...
PYTHON ?= $(shell for p in python3.13 python3.12 python3; do \
	$$p -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null && { echo $$p; break; }; done)
DEMO_DB := var/demo.sqlite3
# pytest-xdist workers: one per core ("auto"); PYTEST_WORKERS=0 runs the tests in one process.
PYTEST_WORKERS ?= auto
# COVERAGE=1 measures roder/ and config/ (pyproject.toml) and prints the total (CI's SQLite pass).
COVERAGE ?=
COVERAGE_ARGS := $(if $(COVERAGE),--cov --cov-report=term:skip-covered)
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: serve demo test lint lint-imports typecheck templates check-migrations check-translations pytest messages guide install clean

$(BIN)/.installed: pyproject.toml
	@test -n "$(PYTHON)" || { echo "Roder needs Python 3.12 or newer (set PYTHON=/path/to/python3.12)."; exit 1; }
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $@

install: $(BIN)/.installed

demo: $(BIN)/.installed
	@if [ ! -f $(DEMO_DB) ]; then \
		DATABASE_URL=sqlite:///$(DEMO_DB) $(BIN)/python manage.py migrate --verbosity 0 && \
		DATABASE_URL=sqlite:///$(DEMO_DB) $(BIN)/python manage.py load_demo; \
	else \
		DATABASE_URL=sqlite:///$(DEMO_DB) $(BIN)/python manage.py migrate --verbosity 0; \
	fi
	@echo ""
	@echo "  Roder runs at http://127.0.0.1:$(PORT)/"
	@echo "  Log in as admin with password demo (the login page lists every demo account)."
	@echo ""
	@# The document worker produces PDF, Word and Excel files in the background; it stops
	@# together with the web server.
	@export DATABASE_URL=sqlite:///$(DEMO_DB) RODER_DEMO=true; \
	$(BIN)/python manage.py db_worker --verbosity 0 & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

# Roder as in production, locally: gunicorn (config/gunicorn.conf.py) and a task worker on
# PostgreSQL, DEBUG off, static files hashed and compressed by collectstatic and served by
# whitenoise. `make serve SERVE_DB=postgres://…` for another database; README "Production".
SERVE_DB ?= postgres://roder:roder@127.0.0.1:5432/roder
serve: $(BIN)/.installed
	@export DATABASE_URL=$(SERVE_DB) DEBUG=false RODER_STATIC_MANIFEST=true \
		ALLOWED_HOSTS=127.0.0.1,localhost PORT=$(PORT); \
	$(BIN)/python manage.py migrate --verbosity 0 && \
	$(BIN)/python manage.py collectstatic --noinput --verbosity 0 && \
	{ $(BIN)/python manage.py db_worker --verbosity 0 & worker=$$!; \
	  trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	  echo "  Roder (gunicorn) runs at http://127.0.0.1:$(PORT)/"; \
	  $(BIN)/gunicorn -c config/gunicorn.conf.py; }

test: $(BIN)/.installed lint lint-imports typecheck templates check-migrations check-translations pytest

lint: $(BIN)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# The floors of docs/architecture.md and no import cycles (pyproject.toml, [tool.importlinter]).
lint-imports: $(BIN)/.installed
	$(BIN)/lint-imports

# mypy with django-stubs over roder/ and config/ (pyproject.toml, [tool.mypy]).
typecheck: $(BIN)/.installed
	$(BIN)/mypy

# Templates formatted by djade; `make templates FIX=1` rewrites them.
TEMPLATES = $(shell git ls-files '*.html')
templates: $(BIN)/.installed
	@echo "$(BIN)/djade $(if $(FIX),,--check) <the $(words $(TEMPLATES)) templates>"
	@$(BIN)/djade $(if $(FIX),,--check) $(TEMPLATES)

check-migrations: $(BIN)/.installed
	$(BIN)/python manage.py makemigrations --check --dry-run

check-translations: $(BIN)/.installed
	$(BIN)/python scripts/check_translations.py

pytest: $(BIN)/.installed
	$(BIN)/python -m pytest -n $(PYTEST_WORKERS) $(COVERAGE_ARGS) $(PYTEST_ARGS)

# The user guides' screenshots (docs/guide/): the browser tests walk each persona's pages in the
# demo and write PNGs to var/guide/ (tests never change tracked files); this copies them into
# docs/guide/img/, to be committed with the guides.
guide: $(BIN)/.installed
	rm -rf var/guide
	$(BIN)/python -m pytest -n 0 tests/browser/test_guide.py
	mkdir -p docs/guide/img
	rm -f docs/guide/img/*.png
	cp var/guide/*.png docs/guide/img/

# Refresh the Swedish catalogue after changing strings, then translate what is new.
messages: $(BIN)/.installed
	$(BIN)/python manage.py makemessages --locale sv --no-obsolete --add-location file --ignore '.venv/*'
	$(BIN)/python scripts/compile_messages.py

clean:
	rm -rf $(VENV) var/
