# crosscheck — the README's commands. Every target sets up what it needs on a fresh machine.
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

UV_VERSION := 0.13.8
UV := python3 -m uv
RUN := $(UV) run --frozen
export UV_PYTHON_DOWNLOADS := never
export NO_MKDOCS_2_WARNING := 1

DEBIAN_PACKAGES := fonts-noto-cjk fonts-noto-core chromium openjdk-17-jre-headless

.PHONY: help setup system check site serve test lint format bench schema

help:  ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/'

setup:  ## install uv, the locked Python dependencies (.venv) and the locked npm tools (node_modules)
	@$(UV) --version >/dev/null 2>&1 || python3 -m pip install --quiet "uv==$(UV_VERSION)"
	@$(UV) sync --frozen --quiet
	@[ node_modules/.package-lock.json -nt package-lock.json ] || \
		npm ci --no-audit --no-fund --ignore-scripts --loglevel=error

system:  ## install the Debian packages the charts and browser tests need, when missing
	@missing=""; for p in $(DEBIAN_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
		echo "installing:$$missing"; \
		$$(command -v sudo >/dev/null && [ "$$(id -u)" != 0 ] && echo sudo) apt-get update -qq; \
		DEBIAN_FRONTEND=noninteractive $$(command -v sudo >/dev/null && [ "$$(id -u)" != 0 ] && echo sudo) \
			apt-get install -y -qq --no-install-recommends $$missing; \
	fi

check: setup  ## check the fact base (every problem, compiler-style)
	$(RUN) crosscheck check facts

site: system check  ## set up, check the facts, build the six-language site into site/
	@# The commit's date as the build date: the same commit builds a byte-identical site.
	SOURCE_DATE_EPOCH=$$(git log -1 --format=%ct 2>/dev/null || echo 0) $(RUN) mkdocs build

serve: system setup  ## preview the site; rebuilds when facts/, build/ or docs/ change
	$(RUN) mkdocs serve

test: system setup  ## set up, lint, run the whole test suite
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

bench: system setup  ## print timings: the check (real base, 1k/10k/100k claims) and the site build, vs their floors
	$(RUN) python benchmarks/bench_check.py
	$(RUN) python benchmarks/bench_site.py
	$(RUN) python benchmarks/bench_lighthouse.py
