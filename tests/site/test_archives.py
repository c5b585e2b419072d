"""Archived snapshots are published as plain text whatever their file name (issue 8, item 2)."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

from crosscheck.pipeline import run_check
from crosscheck.site.build import archive_files
from tests.conftest import FACTS
from tests.site.conftest import ALL_LANGUAGES, language_root
from tests.site.test_site import parse


def test_a_snapshot_named_html_or_md_is_published_as_text(tmp_path: Path) -> None:
    """Whatever name a snapshot has (the checker refuses some: robust's side), the site publishes
    its bytes as archive/<source id>.txt, which every server sends as plain text."""
    raw = b"<script>alert(1)</script>\n"
    sources = {}
    for number, name in enumerate(("page.html", "page.md", "sub/page.svg", "../up.xhtml")):
        folder = tmp_path / f"f{number}" / "sources"
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(raw + name.encode())
        record = SimpleNamespace(snapshot=name)
        sources[f"source-{number}"] = SimpleNamespace(
            record=record, file=SimpleNamespace(path=folder / "record.yml")
        )
    published = archive_files(SimpleNamespace(sources=sources))  # type: ignore[arg-type]
    assert published == {
        f"archive/source-{n}.txt": raw + name.encode()
        for n, name in enumerate(("page.html", "page.md", "sub/page.svg", "../up.xhtml"))
    }


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
