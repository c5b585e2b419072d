# crosscheck — the README's commands. Every target sets up what it needs on a fresh machine.
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

UV_VERSION := 0.13.8
UV := python3 -m uv
RUN := $(UV) run --frozen
export UV_PYTHON_DOWNLOADS := never
export NO_MKDOCS_2_WARNING := 1

.PHONY: help setup check site test lint format bench schema

help:  ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/'

setup:  ## install uv and the locked Python dependencies into .venv
	@$(UV) --version >/dev/null 2>&1 || python3 -m pip install --quiet "uv==$(UV_VERSION)"
	@$(UV) sync --frozen --quiet

check: setup  ## check the fact base (every problem, compiler-style)
	$(RUN) crosscheck check facts

site: check  ## set up, check the facts, build the site (the site build lands with issue #3)
	@echo "facts checked; the site build is not implemented yet"

test: setup  ## set up, lint, run the whole test suite
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
	$(RUN) crosscheck schema --output facts/schema.json

bench: setup  ## print check timings: real base and synthetic 1k/10k/100k claims vs the parse floor
	$(RUN) python benchmarks/bench_check.py
