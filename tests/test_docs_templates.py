"""Every YAML template shown to contributors (README.md and docs/en/*.md) goes through the
checker, in a copy of the real fact base, so that a template cannot rot.

A template naming a record the base already has shows some of that record's fields: each must
have the record's value. A template of a new record is added as a contributor following the README
would add it: "…" filled in, the source's snapshot holding the quotes of the template claims that
cite it, the catalogs given an entry for every new text; then the whole check must pass.
"""

from __future__ import annotations

import hashlib
import re
import shutil
import textwrap
from pathlib import Path
from typing import Any

import pytest

from crosscheck.pipeline import run_check
from crosscheck.translations import write_missing
from crosscheck.yamlsafe import load_yaml
from tests.conftest import FACTS, REPO

FENCE = re.compile(r"^(?P<indent>[ \t]*)```yaml\n(?P<body>.*?)^(?P=indent)```", re.M | re.S)
PAGES = [REPO / "README.md", *sorted((REPO / "docs" / "en").glob("*.md"))]


def templates() -> list[tuple[str, str]]:
    found = []
    for page in PAGES:
        text = page.read_text(encoding="utf-8")
        for match in FENCE.finditer(text):
            line = text[: match.start()].count("\n") + 1
            found.append((f"{page.relative_to(REPO)}:{line}", textwrap.dedent(match["body"])))
    return found


TEMPLATES = templates()


def parse(text: str, where: Path) -> dict[str, Any]:
    where.write_text(text, encoding="utf-8")
    loaded, problems = load_yaml(where, where.name)
    assert not problems, [str(p) for p in problems]
    assert isinstance(loaded.data, dict)
    return loaded.data


def base_records() -> dict[str, dict[str, Any]]:
    records: dict[str, dict[str, Any]] = {}
    for path in sorted(FACTS.rglob("*.yml")):
        if "translations" in path.parts:
            continue
        loaded, _ = load_yaml(path, path.name)
        for section in (loaded.data or {}).values():
            for record in section if isinstance(section, list) else []:
                if isinstance(record, dict) and isinstance(record.get("id"), str):
                    records[record["id"]] = record
    return records


def test_the_pages_show_templates() -> None:
    sections = {line.split(":")[0] for _, body in TEMPLATES for line in body.splitlines()}
    assert {"sources", "claims"} <= sections, "the README shows a source and a claim"


def test_templates_of_existing_records_show_their_values(tmp_path: Path) -> None:
    existing = base_records()
    assert existing
    for where, body in TEMPLATES:
        for section in parse(body, tmp_path / "t.yml").values():
            for record in section:
                if record["id"] not in existing:
                    continue
                actual = existing[record["id"]]
                differing = {k: v for k, v in record.items() if actual.get(k) != v}
                assert not differing, f"{where}: '{record['id']}' differs from the base"


def test_new_records_of_the_templates_pass_the_whole_check(tmp_path: Path) -> None:
    facts = tmp_path / "facts"
    shutil.copytree(FACTS, facts)
    existing = base_records()
    new: dict[str, list[dict[str, Any]]] = {}
    for _, body in TEMPLATES:
        filled = re.sub(r'"…"', '"Example text"', body.replace('sha256: "…"', "sha256: SHA"))
        for section, records in parse(filled, tmp_path / "t.yml").items():
            fresh = [r for r in records if r["id"] not in existing]
            new.setdefault(section, []).extend(fresh)
    assert new.get("sources") and new.get("claims"), "the templates add a source and a claim"
    for source in new["sources"]:
        quotes = [c["quote"] for c in new["claims"] if c["source"] == source["id"]]
        snapshot = ("\n".join(quotes) or "Example text.") + "\n"
        (facts / "sources" / source["snapshot"]).write_text(snapshot, encoding="utf-8")
        source["sha256"] = hashlib.sha256(snapshot.encode()).hexdigest()
    import yaml

    for section, records in new.items():
        name = "sources/docs-templates.yml" if section == "sources" else "figures/templates.yml"
        target = facts / name
        existing_text = target.read_text(encoding="utf-8") if target.exists() else ""
        target.write_text(
            existing_text + yaml.safe_dump({section: records}, allow_unicode=True),
            encoding="utf-8",
        )
    result = run_check(facts)
    for language in result.catalogs.languages[1:]:
        path, added = write_missing(result.base, result.catalogs, language)
        assert added, f"the new records have texts to translate into {language}"
        text = path.read_text(encoding="utf-8")
        path.write_text(re.sub(r': ""$', ': "(translated)"', text, flags=re.M), encoding="utf-8")
    result = run_check(facts)
    errors = [str(p) for p in result.problems if p.severity == "error"]
    assert not errors, "\n".join(errors)
    for record in new["claims"]:
        assert result.reconciliation.claims[record["id"]].computed == record["verdict"]


@pytest.mark.parametrize("where, body", TEMPLATES, ids=[w for w, _ in TEMPLATES])
def test_source_templates_have_every_required_key(where: str, body: str, tmp_path: Path) -> None:
    from crosscheck.models import Source

    data = parse(body, tmp_path / "t.yml")
    required = {
        f.alias or name
        for name, f in Source.model_fields.items()
        if f.is_required() and name != "title_translation"
    }
    for record in data.get("sources", []):
        assert required <= set(record), f"{where}: missing {sorted(required - set(record))}"


def test_every_relative_link_of_the_readme_exists() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    links = re.findall(r"\]\(([^)#\s]+)\)", readme)
    local = [link for link in links if "://" not in link]
    assert local, "the README links its docs"
    missing = [link for link in local if not (REPO / link).exists()]
    assert not missing, missing
