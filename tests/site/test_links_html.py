"""Links, anchors and HTML validity of the built site, and byte-identical rebuilds."""

from __future__ import annotations

import filecmp
import json
import os
import subprocess
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from tests.conftest import REPO
from tests.site.conftest import build_site
from tests.site.test_site import parse

VNU = REPO / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
# Validator messages we accept, each with its reason. All come from Material's own markup.
VNU_EXCEPTIONS = {
    # Material keeps its drawer/search toggles as hidden checkboxes with autocomplete="off", so
    # that Firefox does not restore their state on back navigation.
    "Attribute “autocomplete” is only allowed when the input type is",
    # Material's labels point at those hidden checkboxes (the toggles are CSS-driven).
    "The value of the “for” attribute of the “label” element must be the ID of a non-hidden form control.",
}


def test_every_internal_link_and_anchor_resolves(site: Path) -> None:
    ids: dict[Path, set[str]] = {}

    def ids_of(path: Path) -> set[str]:
        if path not in ids:
            ids[path] = {a["id"] for _, a in parse(path).tags if a.get("id")} | {
                a["name"] for tag, a in parse(path).tags if tag == "a" and a.get("name")
            }
        return ids[path]

    broken = []
    checked = 0
    for page in sorted(site.rglob("*.html")):
        for tag, attrs in parse(page).tags:
            link = attrs.get("href") if tag in ("a", "link") else attrs.get("src")
            if tag not in ("a", "link", "img", "script") or not link:
                continue
            if attrs.get("rel") in ("alternate", "canonical") or (
                tag == "link" and "icon" in str(attrs.get("rel"))
            ):
                continue
            parts = urlsplit(link)
            if parts.scheme or link.startswith("//"):
                continue
            if parts.path.startswith("/"):  # root-relative (the 404 pages): from the site root
                target = (site / unquote(parts.path).lstrip("/")).resolve()
            else:
                target = (page.parent / unquote(parts.path)).resolve() if parts.path else page
            if target.is_dir():
                target = target / "index.html"
            checked += 1
            if not target.exists():
                broken.append(f"{page.relative_to(site)}: {link}")
            elif (
                parts.fragment
                and target.suffix == ".html"
                and unquote(parts.fragment) not in ids_of(target)
            ):
                broken.append(f"{page.relative_to(site)}: {link} (no such anchor)")
    assert checked > 1000
    assert broken == [], "\n".join(broken[:30])


def test_html_validates(site: Path) -> None:
    pages = sorted(str(p) for p in site.rglob("*.html"))
    done = subprocess.run(
        ["java", "-jar", str(VNU), "--errors-only", "--format", "json", *pages],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    messages = json.loads(done.stderr or done.stdout)["messages"]
    unexpected = [
        f"{m.get('url', '')[-60:]}: {m['message']}"
        for m in messages
        if not any(m["message"].startswith(allowed) for allowed in VNU_EXCEPTIONS)
    ]
    assert unexpected == [], "\n".join(unexpected[:20])


@pytest.mark.slow
def test_two_builds_of_one_commit_are_byte_identical(tmp_path: Path) -> None:
    os.environ["SOURCE_DATE_EPOCH"] = "1737936000"
    try:
        first = build_site(tmp_path / "one", "https://crosscheck.example.org/")
        second = build_site(tmp_path / "two", "https://crosscheck.example.org/")
    finally:
        del os.environ["SOURCE_DATE_EPOCH"]
    files_one = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file())
    files_two = sorted(p.relative_to(second) for p in second.rglob("*") if p.is_file())
    assert files_one == files_two
    different = [str(p) for p in files_one if not filecmp.cmp(first / p, second / p, shallow=False)]
    assert different == []
