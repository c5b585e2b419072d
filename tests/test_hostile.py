"""Bad and hostile input: each gives a clean error and exit 1, runs nothing, writes nothing
outside its own folder; hostile text in the fact base renders inert on the site."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import FACTS, REPO


def run_check(facts: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "crosscheck.cli", "check", str(facts)],
        capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip


def base_copy(tmp_path: Path) -> Path:
    facts = tmp_path / "facts"
    shutil.copytree(FACTS, facts)
    return facts


def listing(folder: Path) -> set[str]:
    return {str(p.relative_to(folder)) for p in folder.rglob("*")}


HOSTILE_YAML = {
    "python-object": "figures:\n  - !!python/object/apply:os.system ['touch {marker}']\n",
    "python-name": "x: !!python/name:os.system\n",
    "billion-laughs": "a: &a ['lol','lol','lol','lol','lol','lol','lol','lol','lol']\n"
    + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(8)
    ),
    "deep-nesting": "figures: " + "[" * 100_000 + "]" * 100_000 + "\n",
}


@pytest.mark.parametrize("name", sorted(HOSTILE_YAML))
def test_hostile_yaml_is_refused_cleanly(tmp_path: Path, name: str) -> None:
    facts = base_copy(tmp_path)
    marker = tmp_path / "executed"
    (facts / "figures" / "hostile.yml").write_text(
        HOSTILE_YAML[name].format(marker=marker), encoding="utf-8"
    )
    before = listing(tmp_path)
    done = run_check(facts)
    assert done.returncode == 1, done.stdout
    assert "Traceback" not in done.stderr + done.stdout
    assert "facts/figures/hostile.yml" in done.stdout
    assert not marker.exists()
    assert listing(tmp_path) == before


def test_a_fifty_megabyte_file_is_refused_before_parsing(tmp_path: Path) -> None:
    facts = base_copy(tmp_path)
    with (facts / "figures" / "huge.yml").open("w", encoding="utf-8") as out:
        line = "# " + "x" * 1000 + "\n"
        for _ in range(50 * 1024):
            out.write(line)
    done = run_check(facts)
    assert done.returncode == 1
    assert "error[file-too-large]" in done.stdout


def test_invalid_utf8_is_located(tmp_path: Path) -> None:
    facts = base_copy(tmp_path)
    (facts / "figures" / "bad.yml").write_bytes(b"claims: []\n# caf\xe9\n")
    done = run_check(facts)
    assert done.returncode == 1
    assert "facts/figures/bad.yml:2:6: error[not-utf8]" in done.stdout


def test_snapshot_path_escaping_facts_is_refused(tmp_path: Path) -> None:
    facts = base_copy(tmp_path)
    (tmp_path / "secret.txt").write_text("not part of the fact base", encoding="utf-8")
    record = facts / "sources" / "axios-bubble-fa.yml"
    record.write_text(record.read_text(encoding="utf-8").replace(
        "snapshot: axios-bubble-fa.txt", "snapshot: ../../secret.txt"), encoding="utf-8")  # fmt: skip
    done = run_check(facts)
    assert done.returncode == 1
    assert "error[path-outside-facts]" in done.stdout


def test_symlink_out_of_the_repository_is_refused(tmp_path: Path) -> None:
    facts = base_copy(tmp_path)
    outside = tmp_path / "outside.yml"
    outside.write_text("claims: []\n", encoding="utf-8")
    os.symlink(outside, facts / "figures" / "linked.yml")
    snapshot = facts / "sources" / "axios-bubble-fa.txt"
    (tmp_path / "elsewhere.txt").write_bytes(snapshot.read_bytes())
    snapshot.unlink()
    os.symlink(tmp_path / "elsewhere.txt", snapshot)
    done = run_check(facts)
    assert done.returncode == 1
    assert done.stdout.count("error[path-outside-facts]") == 2


HOSTILE_TEXT = '<script>window.__pwned=1</script><img src=x onerror="window.__pwned=2">'


def hostile_project(tmp_path: Path) -> Path:
    """A copy of the project whose fact base carries script, event handlers and a javascript:
    link in reader-facing text (a label, a reason, a quote and its snapshot)."""
    project = tmp_path / "project"
    for name in ("docs", "build", "facts"):
        shutil.copytree(REPO / name, project / name)
    shutil.copy(REPO / "mkdocs.yml", project / "mkdocs.yml")
    figures = project / "facts" / "figures" / "nvidia-selloff.yml"
    text = figures.read_text(encoding="utf-8")
    text = text.replace(
        'label: {en: "Nvidia\'s fall on 27 January 2025"}',
        "label: {en: \"Nvidia's fall "
        + HOSTILE_TEXT.replace('"', '\\"')
        + ' [click](javascript:alert(1))"}',
    )
    text = text.replace(
        'reason: {en: "The close-to-close fall was 16.97%."}',
        'reason: {en: "'
        + HOSTILE_TEXT.replace('"', '\\"')
        + ' <a href=\\"javascript:alert(1)\\">x</a>"}',
    )
    figures.write_text(text, encoding="utf-8")
    assert HOSTILE_TEXT.split("<img")[0] in text
    return project


@pytest.mark.slow
def test_hostile_text_renders_inert(tmp_path: Path) -> None:
    from tests.site.conftest import build_site

    project = hostile_project(tmp_path)
    site = project / "site"
    os.environ["CROSSCHECK_ONLY_LANGUAGE"] = "en"
    try:
        from mkdocs.commands.build import build
        from mkdocs.config import load_config

        build(load_config(config_file=str(project / "mkdocs.yml"), site_dir=str(site)))
    finally:
        del os.environ["CROSSCHECK_ONLY_LANGUAGE"]
    del build_site
    from tests.site.test_site import parse

    path = site / "figure-nvda-drop-2025-01-27.html"
    page = path.read_text(encoding="utf-8")
    assert "<script>window.__pwned" not in page
    assert "&lt;script&gt;window.__pwned" in page  # shown as text
    tags = parse(path).tags
    assert not any(name.startswith("on") for _, attrs in tags for name in attrs)
    assert not any(str(attrs.get("href", "")).startswith("javascript:") for _, attrs in tags)
    assert not any(tag == "img" and attrs.get("src") == "x" for tag, attrs in tags)

    from playwright.sync_api import sync_playwright

    from tests.site.test_browser import CHROMIUM, FLAGS

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        tab = browser.new_page()
        dialogs: list[str] = []
        tab.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        tab.goto((site / "figure-nvda-drop-2025-01-27.html").as_uri())
        tab.wait_for_timeout(300)
        assert tab.evaluate("typeof window.__pwned") == "undefined"
        assert dialogs == []
        browser.close()


def test_a_failing_build_leaves_the_previous_site_intact(tmp_path: Path) -> None:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, PluginError

    project = tmp_path / "project"
    for name in ("docs", "build", "facts"):
        shutil.copytree(REPO / name, project / name)
    shutil.copy(REPO / "mkdocs.yml", project / "mkdocs.yml")
    site = project / "site"
    site.mkdir()
    (site / "index.html").write_text("previous build", encoding="utf-8")
    snapshot = project / "facts" / "sources" / "axios-bubble-fa.txt"
    snapshot.write_bytes(snapshot.read_bytes() + b"\nedited after archiving\n")
    with pytest.raises((PluginError, Abort)):
        build(load_config(config_file=str(project / "mkdocs.yml"), site_dir=str(site)))
    assert (site / "index.html").read_text(encoding="utf-8") == "previous build"
    assert not (project / "site.partial").exists()
