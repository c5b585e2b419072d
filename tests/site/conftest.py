"""Build the whole six-language site once per test session and serve it on loopback.

The site is built with its address set to the loopback server's, so that its absolute links
(hreflang alternates, which Material's script also reads) stay on this machine.
"""

from __future__ import annotations

import functools
import os
import socket
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from crosscheck.models import LANGUAGES
from tests.conftest import REPO

ALL_LANGUAGES = LANGUAGES


@dataclass(frozen=True)
class Site:
    root: Path
    url: str


def build_site(site_dir: Path, site_url: str) -> Path:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    config = load_config(
        config_file=str(REPO / "mkdocs.yml"), site_dir=str(site_dir), site_url=site_url
    )
    build(config)
    return site_dir


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="session")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    root = build_site(tmp_path_factory.mktemp("site") / "site", url)
    handler = functools.partial(QuietHandler, directory=str(root))
    server = ThreadingHTTPServer(("127.0.0.1", port), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield Site(root, url)
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def site(served: Site) -> Path:
    return served.root


@pytest.fixture(scope="session")
def site_url(served: Site) -> str:
    return served.url


def language_root(site: Path, language: str) -> Path:
    return site if language == "en" else site / language


def pages(site: Path, language: str) -> list[Path]:
    """The HTML pages of one language (English excludes the other languages' folders)."""
    root = language_root(site, language)
    return sorted(p for p in root.glob("*.html"))
