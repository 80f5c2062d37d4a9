# Buurtkracht: the commands README.md names. Everything installs into .venv.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-$(shell sha1sum pyproject.toml | cut -c1-12)
API_PORT ?= 8000
WEB_PORT ?= 8080
PG_TEST_URL ?= postgresql+psycopg://root@127.0.0.1:5432/test

.PHONY: install run test lint test-suite test-postgres test-e2e bench bench-web bench-meta bench-qca bench-import bench-support bench-codes bench-book reliability-concurrency reliability-faults fuzz soak migration clean \
        vendor vendor-check \
        brand messages

install: $(STAMP)

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
	  { echo "Buurtkracht needs Python 3.11 or newer."; exit 1; }
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV) || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    apt-get update -qq && apt-get install -y -qq python3-venv && $(PYTHON) -m venv $(VENV); \
	  else echo "Install python3-venv first: sudo apt-get install python3-venv"; exit 1; fi; }
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@rm -f $(VENV)/.installed-* && touch $@

run: install brand
	$(BIN)/python -m api.manage setup
	@echo ""
	@echo "  API: http://127.0.0.1:$(API_PORT)/v1   (OpenAPI: /v1/openapi.json)"
	@echo "  Web: http://127.0.0.1:$(WEB_PORT)/"
	@echo "  Ctrl-C stops both."
	@echo ""
	@trap 'kill 0' INT TERM; \
	API_PUBLIC_URL=http://127.0.0.1:$(API_PORT) $(BIN)/uvicorn api.main:app \
	  --host 127.0.0.1 --port $(API_PORT) --no-access-log & \
	WEB_API_URL=http://127.0.0.1:$(API_PORT) $(BIN)/uvicorn web.main:app \
	  --host 127.0.0.1 --port $(WEB_PORT) --no-access-log & \
	wait

lint: install
	$(BIN)/ruff check services tests bench
	$(BIN)/mypy

test-suite: install
	$(BIN)/pytest -n 2 -q

test: lint test-suite

# The browser tests run their own servers on SQLite; the PostgreSQL pass leaves them out.
test-postgres: install
	TEST_DATABASE_URL=$(PG_TEST_URL) $(BIN)/pytest -n 2 -q -m "not e2e"

bench: install
	$(BIN)/python -m bench.initiatives_list

# analysis.meta.rma beside metafor's rma() (timed only where Rscript and metafor are installed).
bench-meta: install
	$(BIN)/python -m bench.meta

bench-qca: install
	$(BIN)/python -m bench.qca

bench-import: install
	$(BIN)/python -m bench.imports

# SQLite; PostgreSQL (a schema of its own) when BENCH_DATABASE_URL names a server.
bench-support: install
	$(BIN)/python -m bench.support

# Issue 9's coded records: outcomes, agreement, co-occurrence, search (as bench-support).
bench-codes: install
	$(BIN)/python -m bench.codes

# Issue 10's method book: writing it (research, everyone, one stadsdeel, English) and its PDF,
# beside the support analysis. INITIATIVES=700 for `make run`'s demo size.
bench-book: install
	$(BIN)/python -m bench.method_book --initiatives $(or $(INITIATIVES),10000)

# Issue 11: 50 clients PATCH one initiative with If-Match, 20 rounds, 2 uvicorn workers, on a
# private PostgreSQL 15 cluster it starts and removes (DATABASE=sqlite: a SQLite file).
reliability-concurrency: install
	$(BIN)/python -m bench.reliability.concurrency --database $(or $(DATABASE),postgresql)

# A private PostgreSQL 15 cluster restarted under load, then the API killed under the web.
reliability-faults: install
	$(BIN)/python -m bench.reliability.faults

# Issue 11: schemathesis against /v1/openapi.json, many examples, on a private PostgreSQL
# cluster (DATABASE=sqlite: SQLite); the bounded profile runs in make test.
fuzz: install
	$(BIN)/python -m bench.fuzz --examples $(or $(EXAMPLES),100) --database $(or $(DATABASE),postgresql)

# Issue 11: API + web under 32 clients for 10 minutes on 100,000 initiatives in a PostgreSQL
# cluster of its own, kept (stopped) in var/soak-postgresql between runs.
soak: install
	$(BIN)/python -m bench.soak \
	  --clients 32 --minutes $(or $(MINUTES),10) --reuse

test-e2e: install
	$(BIN)/pytest -n 2 -q -m e2e

bench-web: install
	$(BIN)/python -m bench.web_list

migration: install
	$(BIN)/python -m api.manage revision -m "$(MSG)"

# Front-end packages (services/web/web/vendoring.py), installed with npm from the pinned
# lockfile: the design system's CSS and htmx into static/vendor (committed), the City of
# Amsterdam's proprietary tokens, fonts and logo into static/brand (git-ignored).
WEB := services/web/web
vendor: install
	$(BIN)/python -m web.vendoring

# The committed front-end files are exactly what the pinned packages hold.
vendor-check: vendor
	git diff --exit-code --stat -- $(WEB)/static/vendor $(WEB)/npm
	@test -z "$$(git status --porcelain -- $(WEB)/static/vendor)" || \
	  { git status --short -- $(WEB)/static/vendor; echo "vendor files not committed"; exit 1; }

# The City's look when npm and the registry are there; otherwise the neutral look.
brand: install
	@test -f $(WEB)/static/brand/design-system-tokens/index.css || \
	  $(BIN)/python -m web.vendoring --brand-only --optional

# New or changed texts of templates and code into both message catalogues; then translate
# the empty English entries (tests/web/test_translations.py names them).
messages: install
	@mkdir -p build
	$(BIN)/pybabel -q extract -F $(WEB)/translations/babel.cfg --no-location --no-wrap \
	  --sort-output --project=Buurtkracht -o build/messages.pot $(WEB)
	$(BIN)/pybabel -q update -i build/messages.pot -d $(WEB)/translations --no-wrap \
	  --ignore-obsolete --no-fuzzy-matching --ignore-pot-creation-date

clean:
	rm -rf $(VENV) var build .pytest_cache .mypy_cache .ruff_cache
