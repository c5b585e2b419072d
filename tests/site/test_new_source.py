"""Adding a valid source keeps everything green: a copy of the project gets a small English
source with two claims and their translations in every catalog (written the README's way, with
`crosscheck translations xx --write`), then the whole check passes and a one-language build
publishes the source."""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

from crosscheck.cli import main
from crosscheck.pipeline import run_check
from tests.conftest import REPO

SNAPSHOT = (
    "Nvidia shares fell nearly 17% on Monday, and the chipmaker lost about $593 billion of "
    "market value, the biggest one-day loss for any company in history.\n"
)
SOURCE = """\
sources:
  - id: example-wire-en
    snapshot: example-wire-en.txt
    sha256: "{sha}"
    language: en
    title: "Nvidia sheds value as DeepSeek rattles markets"
    short_name: {{en: "Example Wire, in English"}}
    publisher: "Example Wire"
    authors: []
    date: "2025-01-27"
    translation_chain:
      - {{language: en, method: original, publisher: "Example Wire"}}
"""
CLAIMS = """\
claims:
  - id: wire-nvda-drop
    source: example-wire-en
    figure: nvda-drop-2025-01-27
    quote: "Nvidia shares fell nearly 17%"
    stated: "17%"
    value: 17
    verdict: accurate
    reason: {en: "The close-to-close fall was just under 17%."}
    translation: {en: "Nvidia shares fell nearly 17%"}
  - id: wire-nvda-value-loss
    source: example-wire-en
    figure: nvda-value-loss-2025-01-27
    quote: "lost about $593 billion of market value"
    stated: "$593 billion"
    value: 593_000_000_000
    verdict: accurate
    reason: {en: "LSEG's figure, the upper end of the vendors' range."}
    translation: {en: "lost about $593 billion of market value"}
"""
# What a translator fills in (the test checks the machinery, not the wording).
FILLED = {"fa": "ترجمه", "zh-Hant": "譯文", "zh-Hans": "译文", "ja": "訳文", "ar": "ترجمة"}


def test_a_new_source_passes_the_check_and_builds(tmp_path: Path) -> None:
    project = tmp_path / "project"
    for name in ("docs", "build", "facts"):
        shutil.copytree(REPO / name, project / name)
    shutil.copy(REPO / "mkdocs.yml", project / "mkdocs.yml")
    if (REPO / ".cache" / "charts").is_dir():  # charts are keyed by their data: reuse is safe
        shutil.copytree(REPO / ".cache" / "charts", project / ".cache" / "charts")
    facts = project / "facts"
    before = run_check(facts)
    (facts / "sources" / "example-wire-en.txt").write_text(SNAPSHOT, encoding="utf-8")
    sha = hashlib.sha256(SNAPSHOT.encode()).hexdigest()
    (facts / "sources" / "example-wire-en.yml").write_text(SOURCE.format(sha=sha), "utf-8")
    (facts / "figures" / "example-wire.yml").write_text(textwrap.dedent(CLAIMS), "utf-8")
    for language in before.catalogs.languages[1:]:
        assert main(["translations", language, "--facts", str(facts), "--write"]) == 0
        catalog = facts / "translations" / f"{language}.yml"
        text = catalog.read_text(encoding="utf-8")
        catalog.write_text(re.sub(r': ""$', f': "{FILLED[language]}"', text, flags=re.M), "utf-8")
    after = run_check(facts)
    assert [p.render() for p in after.problems] == []
    assert len(after.base.sources) == len(before.base.sources) + 1
    assert {"wire-nvda-drop", "wire-nvda-value-loss"} <= set(after.reconciliation.claims)
    assert main(["check", str(facts)]) == 0

    language = before.catalogs.languages[1]
    env = {**os.environ, "CROSSCHECK_ONLY_LANGUAGE": language, "NO_MKDOCS_2_WARNING": "1"}
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q"],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    site = project / "site"
    assert "Example Wire" in (site / "source-example-wire-en.html").read_text(encoding="utf-8")
    page = (site / language / "source-example-wire-en.html").read_text(encoding="utf-8")
    assert FILLED[language] in page
    title = json.loads((site / "data" / "datapackage.json").read_text(encoding="utf-8"))["title"]
    assert "{" not in title and "}" not in title, title
