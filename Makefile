# Two commands on a fresh machine: `make run` (set up, build the demo shop, start the app) and
# `make test` (set up, then lint and the whole test suite).

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEMO_DB := .demo/shop.db
TS := resources/i18n/shopreel_zh_CN.ts
QM := resources/i18n/shopreel_zh_CN.qm
I18N_SOURCES := $(shell find app/views -name '*.py') app/tasks.py

.PHONY: run test test-pg setup lint i18n-update screenshots bench demo clean package package-smoke

run: setup $(DEMO_DB)
	$(BIN)/shopreel --db $(DEMO_DB)

test: setup
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .
	$(BIN)/lint-imports
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest

# The store-level tests (unit + GUI) again, against a throwaway local PostgreSQL server
# (tools/pg_server.sh; Debian's postgresql package). Tests not on a store fixture are deselected.
test-pg: setup
	url=$$(tools/pg_server.sh start) && SHOPREEL_TEST_PG_URL=$$url QT_QPA_PLATFORM=offscreen \
		$(BIN)/python -m pytest tests/unit tests/gui

setup: $(STAMP) $(QM)

$(STAMP): pyproject.toml
	$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11) and "ShopReel needs Python 3.11 or newer")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev,encryption,team]'
	touch $@

PACKAGE_STAMP := $(VENV)/.package-installed
PACKAGE := dist/shopreel/shopreel

$(PACKAGE_STAMP): $(STAMP) pyproject.toml
	$(BIN)/python -m pip install --quiet -e '.[package]'
	touch $@

package: setup $(PACKAGE_STAMP)  ## the one-folder build in dist/shopreel/ (packaging/README.md)
	nice -n 10 $(BIN)/pyinstaller --noconfirm --clean --log-level WARN \
		--distpath dist --workpath build/pyinstaller packaging/shopreel.spec

package-smoke:  ## run the built program headless: version, demo, report, check, window
	packaging/smoke.sh $(PACKAGE)

$(QM): $(TS) $(STAMP)
	$(BIN)/pyside6-lrelease -silent $(TS) -qm $(QM)

$(DEMO_DB): | $(STAMP)
	$(BIN)/shopreel demo --db $(DEMO_DB)

demo: setup  ## rebuild the demo shop from scratch
	$(BIN)/shopreel demo --force --db $(DEMO_DB)

i18n-update: $(STAMP)  ## collect new tr() strings into the .ts (then translate them)
	$(BIN)/pyside6-lupdate -no-obsolete $(I18N_SOURCES) -ts $(TS)

screenshots: setup $(DEMO_DB)
	QT_QPA_PLATFORM=offscreen $(BIN)/shopreel screenshot --db $(DEMO_DB) --lang zh_CN --out docs/screenshots

bench: setup $(DEMO_DB)
	QT_QPA_PLATFORM=offscreen $(BIN)/python benchmarks/startup.py --db $(DEMO_DB)

clean:
	rm -rf $(VENV) .demo $(QM) .pytest_cache .ruff_cache build dist
