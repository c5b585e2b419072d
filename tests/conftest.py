"""Shared helpers: write a tiny fact base to a temporary folder and check it."""

from __future__ import annotations

import hashlib
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

from crosscheck.pipeline import CheckResult, run_check

REPO = Path(__file__).resolve().parent.parent
FACTS = REPO / "facts"

SNAPSHOT = "米国の株式市場は1月27日に急落した。Nvidiaの株価は17%近く下落し、時価総額は5,888億ドル減少した。\n"

BASE_YAML = """\
sources:
  - id: src-ja
    snapshot: src-ja.txt
    sha256: {sha}
    language: ja
    title: "テスト"
    short_name: {{en: "Test, in Japanese"}}
    title_translation: {{en: "Test"}}
    publisher: "Test"
    date: "2025-01-28"
    translation_chain:
      - {{language: ja, method: original}}
references:
  - id: ref-a
    url: "https://example.org/a"
    publisher: "Example"
    title: "Example"
    excerpt: "Nvidia fell 16.97%."
figures:
  - id: drop
    label: {{en: "Drop"}}
    definition: {{en: "Close-to-close drop, percent."}}
    unit: percent
    as_of: "2025-01-27"
    reference:
      value: 16.97
      evidence: [{{ref: ref-a}}]
"""


def key_date_figure(project: Path = REPO) -> str:
    """The figure a project's mkdocs.yml names as its key date (plugins: crosscheck:)."""
    from mkdocs.config import load_config

    return str(
        load_config(config_file=str(project / "mkdocs.yml"))
        .plugins["crosscheck"]
        .config.key_date_figure
    )


def claim_yaml(**fields: object) -> str:
    """One claim about figure 'drop' in source 'src-ja', with overridable fields."""
    record: dict[str, object] = {
        "id": "c1",
        "source": "src-ja",
        "figure": "drop",
        "quote": "Nvidiaの株価は17%近く下落し",
        "stated": "17%",
        "value": 17,
        "hedge": "nearly",
        "verdict": "accurate",
        "reason": {"en": "16.97% is just under 17%."},
    }
    record.update(fields)
    import yaml

    return yaml.safe_dump({"claims": [record]}, allow_unicode=True, sort_keys=False)


@pytest.fixture
def make_facts(tmp_path: Path) -> Callable[..., CheckResult]:
    """Write the base records plus extra YAML files, then run the whole check."""

    def make(extra: dict[str, str] | None = None, snapshot: str = SNAPSHOT) -> CheckResult:
        facts = tmp_path / "facts"
        facts.mkdir(exist_ok=True)
        raw = snapshot.encode("utf-8")
        (facts / "src-ja.txt").write_bytes(raw)
        sha = hashlib.sha256(raw).hexdigest()
        (facts / "base.yml").write_text(BASE_YAML.format(sha=sha), encoding="utf-8")
        for name, text in (extra or {}).items():
            (facts / name).write_text(textwrap.dedent(text), encoding="utf-8")
        return run_check(facts)

    return make


def codes(result: CheckResult) -> list[str]:
    return [p.code for p in result.problems]
