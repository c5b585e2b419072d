# crosscheck — the README's commands. Every target sets up what it needs on a fresh machine.
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

UV_VERSION := 0.13.8
# uv lives in a private venv made with the machine's own python3: Debian's Python has no pip and
# refuses system-wide installs (PEP 668), so `python3 -m pip install uv` cannot be the route.
TOOLS := .tools
UV := $(TOOLS)/bin/uv
RUN := $(UV) run --frozen
export UV_PYTHON_DOWNLOADS := never
export NO_MKDOCS_2_WARNING := 1

# What building the site needs (fonts for the charts; venv to bootstrap uv), and what only the
# tests need on top (the browser, the HTML checker's Java runtime, Node.js for axe and vnu).
SITE_PACKAGES := fonts-noto-cjk fonts-noto-core python3-venv
TEST_PACKAGES := chromium openjdk-17-jre-headless
SUDO = $$(command -v sudo >/dev/null && [ "$$(id -u)" != 0 ] && echo sudo)
# $(call apt,packages): install those of the Debian packages that are missing, and only then
# refresh the package lists.
apt = missing=""; for p in $(1); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
		echo "installing:$$missing"; \
		$(SUDO) apt-get update -qq; \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing; \
	fi

.PHONY: help setup system system-test node check site serve test lint format bench schema

help:  ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/'

setup: system  ## install uv (in .tools/) and the locked Python dependencies (.venv)
	@[ -x $(UV) ] || { rm -rf $(TOOLS) && python3 -m venv $(TOOLS) && \
		$(TOOLS)/bin/pip install --quiet --disable-pip-version-check "uv==$(UV_VERSION)"; }
	@# Byte-compiled at install, so that no first import prints compile-time warnings (jieba).
	@$(UV) sync --frozen --quiet --compile-bytecode

system:  ## install the Debian packages building the site needs, when missing
	@$(call apt,$(SITE_PACKAGES))

system-test:  ## install the Debian packages the browser and HTML tests need, when missing
	@$(call apt,$(TEST_PACKAGES) $$(command -v npm >/dev/null || echo nodejs npm))

node: system-test  ## install the locked npm tools (node_modules: axe-core, vnu, Lighthouse)
	@[ node_modules/.package-lock.json -nt package-lock.json ] || \
		npm ci --no-audit --no-fund --ignore-scripts --loglevel=error

check: setup  ## check the fact base (every problem, compiler-style)
	$(RUN) crosscheck check facts

site: system check  ## set up, check the facts, build the six-language site into site/
	@# The commit's date as the build date: the same commit builds a byte-identical site.
	SOURCE_DATE_EPOCH=$$(git log -1 --format=%ct 2>/dev/null || echo 0) $(RUN) mkdocs build

serve: setup  ## preview the site; rebuilds when facts/, build/ or docs/ change
	$(RUN) mkdocs serve

test: setup node  ## set up, lint, run the whole test suite
	$(RUN) ruff check src tests benchmarks
	$(RUN) ruff format --check src tests benchmarks
	$(RUN) pytest

lint: setup  ## ruff lint and format check
	$(RUN) ruff check src tests benchmarks
	$(RUN) ruff format --check src tests benchmarks

format: setup  ## apply ruff's formatting
	$(RUN) ruff format src tests benchmarks
	$(RUN) ruff check --fix src tests benchmarks

schema: setup  ## regenerate facts/schema.json from the models
	$(RUN) crosscheck schema --facts facts

bench: setup node  ## print timings: the check (real base, 1k/10k/100k claims) and the site build, vs their floors
	$(RUN) python benchmarks/bench_check.py
	$(RUN) python benchmarks/bench_suggest.py
	$(RUN) python benchmarks/bench_site.py
	$(RUN) python benchmarks/bench_share.py
	$(RUN) python benchmarks/bench_preview.py
	$(RUN) python benchmarks/bench_lighthouse.py
