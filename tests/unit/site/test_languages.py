"""A project's languages are English and its catalogs; the site refuses a half-added language."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from mkdocs.exceptions import PluginError

from crosscheck.site.plugin import project_languages


def make(root: Path, docs: tuple[str, ...]) -> Path:
    for code in docs:
        (root / "docs" / code).mkdir(parents=True)
    return root


def test_the_languages_are_the_catalogs_and_only_narrows_them(tmp_path: Path) -> None:
    root = make(tmp_path, ("en", "ja"))
    assert project_languages(root, ("en", "ja"), "") == ("en", "ja")
    assert project_languages(root, ("en", "ja"), "ja") == ("en", "ja")
    with pytest.raises(PluginError, match="not a language of this project"):
        project_languages(root, ("en", "ja"), "fa")


def test_pages_without_a_catalog_or_a_catalog_without_pages_are_refused(tmp_path: Path) -> None:
    root = make(tmp_path, ("en", "fa"))
    with pytest.raises(
        PluginError, match=re.escape("docs/fa/ exists, but facts/translations/fa.yml")
    ):
        project_languages(root, ("en",), "")
    with pytest.raises(
        PluginError, match=re.escape("facts/translations/ja.yml exists, but docs/ja/")
    ):
        project_languages(root, ("en", "fa", "ja"), "")
