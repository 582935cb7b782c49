# Two commands do everything:  make serve  and  make test
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: serve test install lint lock clean messages screenshots

PO_FILES := $(wildcard locale/*/LC_MESSAGES/django.po)
MO_FILES := $(PO_FILES:.po=.mo)

install: $(VENV)/.installed $(MO_FILES) node_modules/.installed

# axe-core for the accessibility tests, pinned in package-lock.json. Without npm those
# tests skip with a reason; .ci/run installs Node.js when it is missing.
node_modules/.installed: package-lock.json
	@if command -v npm >/dev/null; then \
		npm ci --no-audit --no-fund --loglevel=error && touch $@; \
	else \
		echo "npm not found: the accessibility tests will be skipped (apt-get install npm)"; \
	fi

# Interface translations, compiled in pure Python (no GNU gettext needed).
$(MO_FILES): %.mo: %.po $(VENV)/.installed
	$(BIN)/python manage.py compile_translations

$(VENV)/.installed: requirements.lock pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
		{ echo "Python 3.11 or newer is needed (found: $$($(PYTHON) --version))."; exit 1; }
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV) || { \
		rm -rf $(VENV); \
		if command -v apt-get >/dev/null && [ "$$(id -u)" = 0 ]; then \
			apt-get update -qq && apt-get install -y -qq python3-venv && $(PYTHON) -m venv $(VENV); \
		else \
			echo "Python's venv module is missing. On Debian or Ubuntu: sudo apt-get install python3-venv"; \
			exit 1; \
		fi; }
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.lock
	@touch $@

serve: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_demo_content --if-empty
	$(BIN)/python manage.py ensure_local_admin --url http://$(HOST):$(PORT)/admin/
	@echo "Serving the library at http://$(HOST):$(PORT)/  (Ctrl+C to stop)"
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

# Uses DATABASE_URL when it is set (PostgreSQL in CI), else SQLite in memory.
test: install
	$(BIN)/python -m pytest -n auto --dist loadfile $(PYTEST_ARGS)

# The staff guide's screenshots (docs/images/staff-guide/), retaken by the browser story.
screenshots: install
	STAFF_GUIDE_SCREENSHOTS=docs/images/staff-guide $(BIN)/python -m pytest tests/test_staff_story.py -p no:randomly

lint: install
	$(BIN)/ruff check .
	$(BIN)/python manage.py check
	$(BIN)/python manage.py makemigrations --check --dry-run

# Re-resolve the pinned versions after changing pyproject.toml.
lock: install
	$(BIN)/python -m pip install --quiet pip-tools
	$(BIN)/pip-compile --quiet --extra dev --strip-extras --no-emit-index-url \
		--no-emit-find-links -o requirements.lock pyproject.toml

# Re-extract interface strings after changing templates or help texts (needs GNU gettext).
messages: install
	$(BIN)/python manage.py makemessages -l es --add-location file \
		--ignore ".venv/*" --ignore "static_collected/*" --ignore "tests/*" --ignore "bench/*"

clean:
	rm -rf $(VENV) static_collected .pytest_cache
