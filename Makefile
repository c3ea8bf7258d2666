PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
RUN_STAMP := $(VENV)/.runtime-stamp
STAMP := $(VENV)/.installed-stamp
NODE_STAMP := node_modules/.installed-stamp
# The interface's translations: each language's .po is written by hand (from messages.pot, made
# by `make messages`) and compiled here into the .mo that Flask-Babel reads.
CATALOGS := $(patsubst %.po,%.mo,$(wildcard events_app/translations/*/LC_MESSAGES/messages.po))

.PHONY: run test lint format bench migrate score train messages

$(BIN)/python:
	$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11) and "Python 3.11 or newer is needed")'
	$(PYTHON) -m venv $(VENV)

# `make run` installs what running needs; the test tools come with `make test` (and lint).
$(RUN_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(STAMP): $(RUN_STAMP)
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

%.mo: %.po $(RUN_STAMP)
	$(BIN)/pybabel compile --statistics -i $< -o $@

# Extract every translatable string into messages.pot and merge it into each language's .po.
messages: $(RUN_STAMP)
	$(BIN)/pybabel extract -F babel.cfg --add-comments=Translators: --no-location -k lazy_gettext \
		--project=events_app -o events_app/translations/messages.pot .
	$(BIN)/pybabel update --no-fuzzy-matching -i events_app/translations/messages.pot \
		-d events_app/translations

run: $(RUN_STAMP) $(CATALOGS)
	$(BIN)/events-app migrate
	$(BIN)/events-app seed-demo
	$(BIN)/events-app serve

$(NODE_STAMP): package.json package-lock.json
	@if command -v npm >/dev/null 2>&1; then npm ci --no-audit --no-fund && touch $@; \
	else echo "npm not found: the ical.js cross-check will be skipped"; fi

test: $(STAMP) $(NODE_STAMP) $(CATALOGS)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python -m pytest -n auto --cov --cov-report=term

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

migrate: $(RUN_STAMP)
	$(BIN)/events-app migrate

bench: $(STAMP)
	$(BIN)/python bench/parse_bench.py

# The parser's figures on the shared corpora (../shared or $$EVENTS_SHARED_DIR); V=1 lists the misses.
score: $(STAMP)
	$(BIN)/python bench/score_parser.py $(if $(V),-v) $(ARGS)

# Refit events_app/parsing/weights.json from the shared corpora (deterministic); make score after.
train: $(STAMP)
	$(BIN)/python bench/train_parser.py
