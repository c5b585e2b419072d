"""Build the whole six-language site once per test session and serve it on loopback.

The site is built as `make site` builds it, for its default address (SITE_URL, another host),
and served from 127.0.0.1: a copy served anywhere else must not call SITE_URL's host (its
absolute hreflang links, which Material's script reads, included).
"""

from __future__ import annotations

import contextlib
import functools
import os
import socket
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from crosscheck.models import LANGUAGES
from tests.conftest import REPO

ALL_LANGUAGES = LANGUAGES


@dataclass(frozen=True)
class Site:
    root: Path
    url: str
    """Where the tests serve it: a loopback address."""
    site_url: str
    """The address it was built for (SITE_URL): not the loopback server's host."""


def build_site(site_dir: Path, site_url: str | None = None, project: Path = REPO) -> Path:
    """Build the six-language site of `project`; `site_url` None keeps mkdocs.yml's default."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    config = load_config(
        config_file=str(project / "mkdocs.yml"), site_dir=str(site_dir), site_url=site_url
    )
    build(config)
    return site_dir


def default_site_url(project: Path = REPO) -> str:
    from mkdocs.config import load_config

    return str(load_config(config_file=str(project / "mkdocs.yml")).site_url)


@contextlib.contextmanager
def serve(root: Path, site_url: str) -> Iterator[Site]:
    """Serve a built site on 127.0.0.1 (a host that is not the one it was built for)."""
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    assert urlsplit(site_url).hostname != "127.0.0.1", "build for another host than loopback"
    handler = functools.partial(QuietHandler, directory=str(root))
    server = ThreadingHTTPServer(("127.0.0.1", port), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield Site(root, url, site_url)
    finally:
        server.shutdown()
        server.server_close()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="session")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    root = build_site(tmp_path_factory.mktemp("site") / "site")
    with serve(root, default_site_url()) as site:
        yield site


@pytest.fixture(scope="session")
def site(served: Site) -> Path:
    return served.root


@pytest.fixture(scope="session")
def site_url(served: Site) -> str:
    """The address the site was built for (absolute links name it)."""
    return served.site_url


def language_tag(language: str) -> str:
    """The BCP 47 tag a language's pages declare (build/i18n/<lang>.yml language_tag): the URL
    folder zh-Hant holds Taiwan usage, declared zh-Hant-TW."""
    import yaml

    path = REPO / "build" / "i18n" / f"{language}.yml"
    return str(yaml.safe_load(path.read_text(encoding="utf-8"))["language_tag"])


def language_root(site: Path, language: str) -> Path:
    return site if language == "en" else site / language


def pages(site: Path, language: str) -> list[Path]:
    """The HTML pages of one language (English excludes the other languages' folders)."""
    root = language_root(site, language)
    return sorted(p for p in root.glob("*.html"))
