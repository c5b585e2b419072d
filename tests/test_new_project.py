"""`crosscheck new`: a second, invented story builds end to end, so that nothing in src/ can
quietly depend on the DeepSeek fact base again."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from crosscheck.cli import main
from crosscheck.models import LANGUAGES
from crosscheck.new import NewProjectError, create_project, parse_languages
from crosscheck.pipeline import run_check
from crosscheck.site.context import load_strings
from tests.conftest import FACTS
from tests.site.conftest import build_site


def story_words() -> set[str]:
    """Ids of the real fact base's records: none may reach another project's site."""
    real = run_check(FACTS).base
    return {*real.figures, *real.sources, *real.claims}


def test_a_new_two_language_project_checks_and_builds_as_it_is(tmp_path: Path) -> None:
    project = tmp_path / "bridge"
    assert main(["new", str(project), "--languages", "en,ja"]) == 0
    result = run_check(project / "facts")
    assert result.ok, [str(p) for p in result.problems]
    assert result.base.claims and result.base.figures and result.base.sources
    assert result.catalogs.languages == ("en", "ja")
    site = build_site(tmp_path / "site", project=project)
    for prefix, lang in (("", "en"), ("ja/", "ja")):
        home = (site / prefix / "index.html").read_text(encoding="utf-8")
        assert f'<html lang="{lang}"' in home
        for figure_id in result.base.figures:
            assert (site / prefix / f"figure-{figure_id}.html").is_file()
        for source_id in result.base.sources:
            assert (site / prefix / f"source-{source_id}.html").is_file()
    assert not (site / "fa").exists(), "only the project's languages are built"
    japanese = (site / "ja" / "index.html").read_text(encoding="utf-8")
    assert re.search(r"[\u3040-\u30ff]", japanese)
    words = story_words()
    assert words, "the real base has records"
    for page in site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        leaked = sorted(w for w in words if f"figure-{w}." in text or f"source-{w}." in text)
        assert not leaked, (page, leaked[:5])
        assert "DeepSeek" not in text and "Nvidia" not in text, page


def test_every_language_scaffolds_a_project_that_checks_and_builds(tmp_path: Path) -> None:
    project = tmp_path / "all"
    create_project(project, LANGUAGES)
    result = run_check(project / "facts")
    assert result.ok, [str(p) for p in result.problems]
    assert result.catalogs.languages == LANGUAGES
    site = build_site(tmp_path / "site", project=project)
    strings = load_strings(project / "build", LANGUAGES)
    for code in LANGUAGES[1:]:
        tag = strings[code].get("language_tag") or code  # zh-Hant declares zh-Hant-TW
        assert f'<html lang="{tag}"' in (site / code / "index.html").read_text(encoding="utf-8")
    assert set(strings) == set(LANGUAGES)
    for code, table in strings.items():
        assert table["site_name"] == "all"
        assert set(table["topics"]) == {
            p.stem for p in (project / "facts" / "figures").glob("*.yml")
        }, code


def test_new_refuses_a_folder_in_use_and_unknown_languages(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "used").mkdir()
    (tmp_path / "used" / "notes.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(SystemExit) as used:
        main(["new", str(tmp_path / "used")])
    assert used.value.code == 2
    assert (tmp_path / "used" / "notes.txt").read_text(encoding="utf-8") == "mine"
    with pytest.raises(SystemExit) as unknown:
        main(["new", str(tmp_path / "x"), "--languages", "en,ko"])
    assert unknown.value.code == 2
    assert "ko" in capsys.readouterr().err
    assert not (tmp_path / "x").exists()
    with pytest.raises(NewProjectError, match="include en"):
        parse_languages("ja")
    assert parse_languages("ja, en") == ("en", "ja")


def test_a_new_topic_without_its_name_is_a_build_error_naming_the_string(tmp_path: Path) -> None:
    from mkdocs.exceptions import Abort, PluginError

    project = tmp_path / "bridge"
    create_project(project, ("en",))
    figures = project / "facts" / "figures"
    (figures / "bridge.yml").rename(figures / "roads.yml")
    assert run_check(project / "facts").ok
    with pytest.raises((PluginError, Abort)) as failed:
        build_site(tmp_path / "site", project=project)
    error = failed.value if isinstance(failed.value, PluginError) else failed.value.__context__
    assert "build/i18n/en.yml has no string 'topics.roads'" in str(error)
