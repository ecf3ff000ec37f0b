# Every target sets itself up from nothing: a virtual env with pinned packages,
# the npm packages (Pyodide, axe-core) and Debian's Chromium for the browser tests.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
ADDR ?= 127.0.0.1:8000

.PHONY: setup wheels prepare site serve test lint typecheck bench dist clean chromium browsers servers lock

setup: $(VENV)/.stamp node_modules/.stamp

# requirements-dev.lock holds every package with its SHA-256 (made from pyproject.toml and
# requirements-dev.txt by `make lock`), so a build a year from now installs the very same files.
$(VENV)/.stamp: pyproject.toml requirements-dev.txt requirements-dev.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet --require-hashes -r requirements-dev.lock
	$(BIN)/pip install --quiet --no-deps -e .
	touch $@

# Rewrite the lock after a change to a pin (pip-tools runs in its own throw-away venv).
lock:
	$(PYTHON) -m venv .cache/pip-tools && .cache/pip-tools/bin/pip install --quiet pip-tools==7.6.2
	.cache/pip-tools/bin/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras --no-emit-index-url \
	  --no-emit-find-links --extra xlsx --extra build --output-file requirements-dev.lock pyproject.toml requirements-dev.txt

node_modules/.stamp: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# Debian's Chromium drives the browser tests (playwright's own browser download cannot work here).
chromium:
	@command -v chromium >/dev/null || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; fi; }

# Debian's Firefox ESR and WebKitGTK (WebKitWebDriver and MiniBrowser, on an Xvfb display) run the reader's
# paths in the other two engines (tests/browser/test_browser_firefox.py, tests/browser/test_browser_webkit.py); nothing downloads a browser.
BROWSER_PACKAGES := firefox-esr webkit2gtk-driver xvfb
browsers:
	@command -v firefox-esr >/dev/null && command -v WebKitWebDriver >/dev/null && command -v Xvfb >/dev/null || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(BROWSER_PACKAGES) >/dev/null; \
	  else sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(BROWSER_PACKAGES) >/dev/null; fi; }

# Debian's nginx and Apache: tests/site/test_real_servers.py runs them as test instances on free localhost
# ports with the configs of the page 'Zelf hosten' (policy-rc.d or no init system keeps them from starting).
servers:
	@test -x /usr/sbin/nginx -a -x /usr/sbin/apache2 || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends nginx apache2 >/dev/null; \
	  else sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends nginx apache2 >/dev/null; fi; }

# The pinned Pyodide wheels (site, tests in Pyodide, offline wheel build) with their sha256:
# the only download step; prepare itself never reaches the network.
WHEELS_STAMP := .cache/wheels/.stamp
$(WHEELS_STAMP): src/handreiking_tools/site/wheels.json $(VENV)/.stamp
	$(PY) -m handreiking_tools.site.bundle fetch
	touch $@

wheels: $(WHEELS_STAMP)

# One step generates everything the pages include (forms, tables, examples, Pyodide bundle).
prepare: setup $(WHEELS_STAMP)
	$(BIN)/handreiking-tools prepare

# After the build, every file a browser may keep for a year gets a name that changes with its content
# (site/versioning.py), so an old page never meets new code after an update.
# SITE_URL (e.g. https://org.github.io/repo/) is set for a sub-path host such as GitHub Pages: the build then
# reads a config that INHERITs mkdocs.yml and adds site_url (read from stdin), so 404.html and canonical links work.
# The build date (the sitemap's lastmod) is the zip's: SOURCE_DATE_EPOCH or the last commit (site/dist.py),
# so building the same commit twice gives the same files.
SITE_URL ?=
BUILD_EPOCH = epoch="$$($(PY) -m handreiking_tools.site.dist --epoch)" &&
site: prepare
ifeq ($(strip $(SITE_URL)),)
	$(BUILD_EPOCH) SOURCE_DATE_EPOCH="$$epoch" $(BIN)/mkdocs build --strict --site-dir site
else
	$(BUILD_EPOCH) printf 'INHERIT: mkdocs.yml\nsite_url: "%s"\n' '$(SITE_URL)' | SOURCE_DATE_EPOCH="$$epoch" $(BIN)/mkdocs build --strict --site-dir site --config-file -
endif
	$(PY) -m handreiking_tools.site.versioning --site-dir site

# A zip of the built site plus its SHA-256 (sha256sum format) in dist/, to copy onto a server with no internet.
dist: site
	$(PY) -m handreiking_tools.site.dist --site-dir site --out-dir dist

serve: prepare
	$(BIN)/mkdocs serve --dev-addr $(ADDR)

# The JS type check (TypeScript from package-lock.json): every script at the base level, then the modules
# marked `// @ts-check` strictly (tsconfig.json, tsconfig.strict.json). Nothing is compiled; the site serves the JS as written.
typecheck: node_modules/.stamp
	node_modules/.bin/tsc -p tsconfig.json
	node_modules/.bin/tsc -p tsconfig.strict.json

# Lint and Python types first (seconds), then the build and every test.
lint: setup
	$(BIN)/ruff check src tests bench
	$(BIN)/mypy

test: prepare chromium browsers servers lint typecheck
	$(BIN)/mkdocs build --strict --site-dir site
	$(BIN)/pytest

# Speed figures (bench/bench.py): the calculators in Chromium beside a bare Pyodide page and the peer
# (pyodide-mkdocs-theme); writes bench/last.md and the README table. The peer is installed apart from the site, pinned
# with hashes (bench/peer/requirements.lock, package-lock.json); if that fails the bench says why and goes on.
RUNS ?= 5
PEER_STAMP := .cache/bench-peer/.stamp
$(PEER_STAMP): bench/peer/requirements.lock bench/peer/package-lock.json
	@mkdir -p .cache && { $(PYTHON) -m venv .cache/bench-peer && .cache/bench-peer/bin/pip install --quiet --require-hashes -r bench/peer/requirements.lock \
	  && npm ci --prefix bench/peer --no-audit --no-fund --loglevel=error --ignore-scripts && touch $@; } >.cache/bench-peer.log 2>&1 \
	  || echo "bench: the peer could not be installed (see .cache/bench-peer.log); the bench runs without it"

bench: prepare chromium $(PEER_STAMP)
	$(PY) bench/bench.py --runs $(RUNS) --markdown bench/last.md --readme README.md

clean:
	rm -rf $(VENV) node_modules site .cache docs/pyodide docs/_generated
