"""Chart specs (``build/charts/*.yml``), validated against the fact base before any page is
built: a spec that names an unknown figure or claim, an unknown ``kind:`` or key is a located
error naming the chart file, never a bare KeyError in the middle of a build nor a pie chart
silently drawn as bars."""

from __future__ import annotations

import difflib
import typing
from pathlib import Path
from typing import Any

from crosscheck.factbase import FactBase, display_path
from crosscheck.models import Unit
from crosscheck.problems import Location, Problem
from crosscheck.reconcile import Reconciliation
from crosscheck.yamlsafe import LoadedYaml, load_yaml

CHART_KINDS = ("bars", "timeline")
"""What site/charts.py draws from a spec (the reconciliation charts are not specs)."""
SPEC_KEYS = ("kind", "title", "axis", "unit", "log", "items")
ITEM_KEYS = ("figure", "claim", "sign", "use")
UNITS: tuple[str, ...] = typing.get_args(Unit)


def check_chart_specs(folder: Path, base: FactBase, recon: Reconciliation) -> list[Problem]:
    """Every problem of every chart spec in ``folder``."""
    problems: list[Problem] = []
    if not folder.is_dir():
        return problems
    for path in sorted(folder.iterdir()):
        display = display_path(path, folder.parent)
        if path.name.startswith("."):
            continue
        if path.suffix != ".yml":
            problems.append(
                _problem(
                    Location(display),
                    f"'{path.name}' is not a chart spec (*.yml)",
                    "one chart per build/charts/<id>.yml",
                    "rename or remove it",
                )
            )
            continue
        loaded, file_problems = load_yaml(path, display, folder)
        problems.extend(file_problems)
        if not file_problems:
            problems.extend(_check_spec(loaded, base, recon))
    return problems


def _problem(where: Location, message: str, expected: str, fix: str) -> Problem:
    return Problem(where, "invalid-chart", message, expected, fix)


def _check_spec(loaded: LoadedYaml, base: FactBase, recon: Reconciliation) -> list[Problem]:
    spec: Any = loaded.data
    at = loaded.location
    if not isinstance(spec, dict):
        return [_problem(at(()), "a chart spec must be a mapping", "kind:, title:, items:", "")]
    problems = [
        _problem(
            at((key,), key=True),
            f"unknown key '{key}' in a chart spec",
            "one of: " + ", ".join(SPEC_KEYS),
            "remove the key or fix its spelling",
        )
        for key in spec
        if key not in SPEC_KEYS
    ]
    kind = spec.get("kind")
    if kind not in CHART_KINDS:
        problems.append(
            _problem(
                at(("kind",)),
                f"chart kind {kind!r} is not one the site draws",
                "kind: " + " or ".join(CHART_KINDS),
                "use one of the listed kinds",
            )
        )
    if not isinstance(spec.get("title"), str):
        problems.append(
            _problem(
                at(("title",)),
                "a chart needs a 'title' (a strings key)",
                "title: charts.<name>",
                "add the title's key in build/i18n/",
            )
        )
    if "axis" in spec and not isinstance(spec["axis"], str):
        problems.append(
            _problem(at(("axis",)), "'axis' must be a strings key", "axis: charts.<name>", "")
        )
    if spec.get("unit", "USD") not in UNITS:
        problems.append(
            _problem(
                at(("unit",)),
                f"unknown unit {spec.get('unit')!r}",
                "one of: " + ", ".join(UNITS),
                "use a figure unit",
            )
        )
    if "log" in spec and not isinstance(spec["log"], bool):
        problems.append(_problem(at(("log",)), "'log' must be true or false", "log: true", ""))
    items = spec.get("items")
    if not isinstance(items, list) or not items:
        problems.append(
            _problem(
                at(("items",)),
                "a chart needs a non-empty list of 'items'",
                "items: [{figure: <id>}, {claim: <id>}]",
                "list what to draw",
            )
        )
        return problems
    for index, item in enumerate(items):
        problems.extend(_check_item(loaded, ("items", index), item, base, recon))
    return problems


def _check_item(
    loaded: LoadedYaml,
    path: tuple[str | int, ...],
    item: Any,
    base: FactBase,
    recon: Reconciliation,
) -> list[Problem]:
    at = loaded.location
    if not isinstance(item, dict) or ("figure" in item) == ("claim" in item):
        return [
            _problem(
                at(path),
                "each item names exactly one 'figure' or one 'claim'",
                "{figure: <id>} or {claim: <id>}",
                "",
            )
        ]
    problems = [
        _problem(
            at((*path, key), key=True),
            f"unknown key '{key}' in a chart item",
            "one of: " + ", ".join(ITEM_KEYS),
            "remove the key or fix its spelling",
        )
        for key in item
        if key not in ITEM_KEYS
    ]
    kind = "figure" if "figure" in item else "claim"
    wanted = item[kind]
    known: dict[str, Any] = base.figures if kind == "figure" else base.claims
    if wanted not in known:
        close = difflib.get_close_matches(str(wanted), list(known), n=1, cutoff=0.6)
        problems.append(
            _problem(
                at((*path, kind)),
                f"no {kind} with id {wanted!r}",
                f"the id of an existing {kind}",
                f"did you mean '{close[0]}'?" if close else "fix the id or remove the item",
            )
        )
    elif kind == "claim" and wanted not in recon.claims:
        problems.append(
            _problem(
                at((*path, kind)),
                f"claim {wanted!r} has no computed interval",
                "a claim with a stated number about a figure",
                "chart its figure",
            )
        )
    if item.get("sign", 1) not in (1, -1):
        problems.append(_problem(at((*path, "sign")), "'sign' must be 1 or -1", "sign: -1", ""))
    if item.get("use", "as_of") != "as_of":
        problems.append(_problem(at((*path, "use")), "'use' can only be as_of", "use: as_of", ""))
    return problems
