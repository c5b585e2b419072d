"""Archived snapshots are published as plain text whatever their file name (issue 8, item 2)."""

from __future__ import annotations

import hashlib
from pathlib import Path

from crosscheck.pipeline import run_check
from crosscheck.site.build import archive_files
from tests.conftest import BASE_YAML, FACTS, SNAPSHOT
from tests.site.conftest import ALL_LANGUAGES, language_root
from tests.site.test_site import parse


def test_a_snapshot_named_html_or_md_is_published_as_text(tmp_path: Path) -> None:
    for name in ("src-ja.html", "src-ja.md", "sub/src-ja.svg"):
        facts = tmp_path / name.replace("/", "_") / "facts"
        (facts / name).parent.mkdir(parents=True)
        raw = (SNAPSHOT + "<script>alert(1)</script>\n").encode()
        (facts / name).write_bytes(raw)
        base_yaml = BASE_YAML.format(sha=hashlib.sha256(raw).hexdigest())
        (facts / "base.yml").write_text(
            base_yaml.replace("snapshot: src-ja.txt", f"snapshot: {name}"), encoding="utf-8"
        )
        # The checker may refuse such a name (robust's side); the site never publishes it.
        base = run_check(facts).base
        assert "src-ja" in base.sources
        assert archive_files(base) == {"archive/src-ja.txt": raw}


def test_every_archive_is_text_and_every_download_link_resolves(site: Path) -> None:
    sources = run_check(FACTS).base.sources
    for language in ALL_LANGUAGES:
        root = language_root(site, language)
        archived = sorted(p.name for p in (root / "archive").iterdir())
        assert archived == sorted(f"{source_id}.txt" for source_id in sources), language
        for source_id in sources:
            links = [
                attrs["href"]
                for tag, attrs in parse(root / f"source-{source_id}.html").tags
                if tag == "a" and "download" in attrs
            ]
            assert links == [f"archive/{source_id}.txt"], (language, source_id, links)
            assert (root / str(links[0])).is_file()
