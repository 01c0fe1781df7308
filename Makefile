# The README's commands. Only Python 3.11+ and make are needed: the first run creates .venv.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PIP := $(BIN)/python -m pip --disable-pip-version-check -q

.PHONY: demo test test-postgres lint format bench clean messages

$(VENV)/.base: requirements/base.lock pyproject.toml
	@echo "Installing Éclaire into $(VENV) (first run only)…"
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@$(PIP) install -r requirements/base.lock
	@$(PIP) install --no-deps -e .
	@touch $@

$(VENV)/.dev: $(VENV)/.base requirements/dev.lock
	@echo "Installing the test tools…"
	@$(PIP) install -r requirements/dev.lock
	@touch $@

## make demo: build the demo organization and serve it on http://127.0.0.1:8000
demo: $(VENV)/.base
	@$(BIN)/eclaire demo

tests/browser/node_modules/axe-core/axe.min.js: tests/browser/package-lock.json
	@if command -v npm >/dev/null; then npm ci --silent --no-audit --no-fund --prefix tests/browser; \
	else echo "npm not found: the browser tests will be skipped (they need Chromium and axe-core)"; fi

## make test: the whole test suite (SQLite by default; DATABASE_URL selects another database)
test: $(VENV)/.dev tests/browser/node_modules/axe-core/axe.min.js
	@$(BIN)/pytest

lint: $(VENV)/.dev
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	ECLAIRE_DEBUG=true $(BIN)/mypy

format: $(VENV)/.dev
	$(BIN)/ruff check --fix src tests bench
	$(BIN)/ruff format src tests bench

## make messages: refresh and compile the French translations (needs GNU gettext)
# Every gettext call lives under src/eclaire/web (core, report and the CLI take their words from
# the bilingual data files; tests/web/test_translations.py checks it), so the scan starts there.
# --no-obsolete drops the strings no code uses any more instead of keeping them as "#~" entries;
# a reworded string still gets its old translation as a fuzzy suggestion. compilemessages runs
# msgfmt --check-format.
messages: $(VENV)/.dev
	cd src/eclaire/web && ECLAIRE_DEBUG=true ../../../$(BIN)/django-admin makemessages -l fr --no-obsolete --settings eclaire.web.settings
	cd src/eclaire/web && ECLAIRE_DEBUG=true ../../../$(BIN)/django-admin compilemessages --settings eclaire.web.settings

bench: $(VENV)/.dev
	@for script in bench/*.py; do echo "== $$script"; $(BIN)/python $$script || exit 1; done

clean:
	rm -rf $(VENV) .static demo .pytest_cache .mypy_cache .ruff_cache
