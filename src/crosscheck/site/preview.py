"""`mkdocs serve` for six languages: the page being looked at first, the others in the background.

MkDocs' server (mkdocs/livereload/__init__.py, 1.6.1) polls the watched folders every 0.5 s, waits
0.1 s for writes to settle, then calls its builder; every request waits until the builder returns.
The plain builder runs the whole six-language build, so a saved claim reached the English page
only after all six languages were built (10–11 s here). `Preview` takes the builder's place
(`on_serve`):

1. the language of the last page requested (English until a page is asked for) is built and
   published before the builder returns, so the request waiting for it gets the new page;
2. the other languages are built after it, one by one, in a background thread; each one's page
   requests keep getting its previous build until its new build is complete, and the browsers are
   told to reload when it is published (livereload's epoch);
3. a new save stops the background builds (between two pages) and starts a new round.

Nothing is reused from one round to the next except what is keyed by content (the chart SVGs,
.cache/charts/): every language of a round is a complete, clean build from the files as they are,
so no page can show text older than the round that built it. Each language is built into a
sibling folder and moved into place only when it is complete.
"""

from __future__ import annotations

import atexit
import hashlib
import logging
import os
import shutil
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jinja2
import jinja2.bccache

if TYPE_CHECKING:
    from crosscheck.site.plugin import SharedState

log = logging.getLogger("mkdocs.plugins.crosscheck.preview")


class BuildCancelled(Exception):
    """A newer save arrived: this background build is abandoned (the next round rebuilds it)."""


class CompiledTemplates(jinja2.BytecodeCache):
    """Compiled Jinja templates kept from one build to the next, in memory.

    MkDocs makes a new theme environment for every build, and compiling Material's templates
    again was a third of an English rebuild. Jinja stores each template's code with the checksum
    of its source and compiles it again when the source differs (jinja2/bccache.py, Bucket), so
    an edited template is never served from here.
    """

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = self._code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()


class ContentMemo:
    """Values computed from files, kept while those files' bytes are unchanged (the interface
    strings: parsing six catalogs took a tenth of an English rebuild)."""

    def __init__(self) -> None:
        self._values: dict[str, tuple[tuple[tuple[str, str], ...], Any]] = {}

    def get(self, name: str, paths: Iterable[Path], compute: Callable[[], Any]) -> Any:
        key = tuple(
            (str(path), hashlib.sha256(path.read_bytes()).hexdigest() if path.exists() else "")
            for path in sorted(paths)
        )
        kept = self._values.get(name)
        if kept is not None and kept[0] == key:
            return kept[1]
        value = compute()
        self._values[name] = (key, value)
        return value


@dataclass
class Round:
    """One save's rebuild: cancelled as soon as a newer save arrives."""

    cancelled: threading.Event = field(default_factory=threading.Event)
    templates: CompiledTemplates | None = None
    """Shared by every build of every round (the builds of a round run one after another)."""
    memo: ContentMemo | None = None
    """Likewise."""

    def raise_if_cancelled(self) -> None:
        if self.cancelled.is_set():
            raise BuildCancelled


def language_of(path: str, languages: Iterable[str]) -> str | None:
    """The language a requested page belongs to ('fa/figure-x.html' → 'fa'); None for what is not
    a page (assets, charts, livereload polls)."""
    path = path.lstrip("/")
    if path.startswith("livereload/"):
        return None
    if not (path == "" or path.endswith("/") or path.endswith(".html")):
        return None
    first = path.split("/", 1)[0]
    return first if first in languages and "/" in path else "en"


def published_dir(site_dir: Path, code: str) -> Path:
    """Where a language's build is served: the site root for English, <site>/<code>/ otherwise."""
    return site_dir if code == "en" else site_dir / code


def staging_dir(site_dir: Path, code: str) -> Path:
    """Where a language is built before it is published: beside the site, never inside it."""
    return site_dir.with_name(f"{site_dir.name}.{code}.partial")


def publish(site_dir: Path, code: str, staged: Path, languages: Iterable[str]) -> None:
    """Move a complete build into place. English is the site root: the other languages' folders
    move into the new root first (renames, no copy)."""
    target = published_dir(site_dir, code)
    if code == "en":
        for other in languages:
            if other != "en" and (site_dir / other).is_dir() and not (staged / other).exists():
                (site_dir / other).rename(staged / other)
    previous = target.with_name(target.name + ".previous")
    shutil.rmtree(previous, ignore_errors=True)
    if target.exists():
        target.rename(previous)
    staged.rename(target)
    shutil.rmtree(previous, ignore_errors=True)


class QuietCancellation(logging.Filter):
    """MkDocs logs any exception out of a page's events as "Error building page …"
    (commands/build.py, _build_page): not an error when it is a cancelled background build."""

    def __init__(self, preview: Preview) -> None:
        super().__init__()
        self.preview = preview

    def filter(self, record: logging.LogRecord) -> bool:
        return not (
            self.preview.cancelling(record.thread)
            and record.getMessage().startswith(("Error building page", "Error reading page"))
        )


BuildLanguage = Callable[[str, "SharedState | None", Round, Path], "SharedState"]
"""Build one language into a folder (code, shared state or None, round, folder) → shared state."""


class Preview:
    """The builder `mkdocs serve` calls on every save (see the module docstring)."""

    def __init__(
        self,
        site_dir: Path,
        languages: tuple[str, ...],
        build_language: BuildLanguage,
        on_published: Callable[[str], None] = lambda code: None,
    ) -> None:
        self.site_dir = site_dir
        self.languages = languages
        self.build_language = build_language
        self.on_published = on_published
        self.viewed = "en"
        self.templates = CompiledTemplates()
        self.memo = ContentMemo()
        self._round: Round | None = None
        self._worker: threading.Thread | None = None
        self.background_errors: list[tuple[str, BaseException]] = []
        self._quiet = QuietCancellation(self)
        logging.getLogger("mkdocs.commands.build").addFilter(self._quiet)
        atexit.register(self.stop)

    def cancelling(self, thread: int | None) -> bool:
        """Whether `thread` is a background build being cancelled."""
        worker, round_ = self._worker, self._round
        return (
            worker is not None
            and thread == worker.ident
            and round_ is not None
            and round_.cancelled.is_set()
        )

    def saw_request(self, path: str) -> None:
        """Remember the language of the page the reader looks at: it is built first."""
        code = language_of(path, self.languages)
        if code is not None:
            self.viewed = code

    def order(self) -> list[str]:
        first = self.viewed if self.viewed in self.languages else "en"
        return [first, *(code for code in self.languages if code != first)]

    def __call__(self) -> None:
        """One round: the viewed language now, the others in the background."""
        self.stop()
        round_ = Round(templates=self.templates, memo=self.memo)
        self._round = round_
        first, *rest = self.order()
        started = time.monotonic()
        shared = self._build(first, None, round_)
        log.info(f"preview: {first} rebuilt in {time.monotonic() - started:.2f} s")
        if rest:
            self._worker = threading.Thread(
                target=self._background, args=(rest, shared, round_), daemon=True
            )
            self._worker.start()

    def _build(self, code: str, shared: SharedState | None, round_: Round) -> SharedState:
        staged = staging_dir(self.site_dir, code)
        shutil.rmtree(staged, ignore_errors=True)
        try:
            shared = self.build_language(code, shared, round_, staged)
            round_.raise_if_cancelled()
            publish(self.site_dir, code, staged, self.languages)
        finally:
            shutil.rmtree(staged, ignore_errors=True)
        return shared

    def _background(self, codes: list[str], shared: SharedState, round_: Round) -> None:
        started = time.monotonic()
        for code in codes:
            try:
                self._build(code, shared, round_)
            except BuildCancelled:
                return
            except Exception as error:  # reported, and the next save tries again
                if round_.cancelled.is_set():
                    return
                self.background_errors.append((code, error))
                log.error(f"preview: the {code} build failed: {error}")
                continue
            self.on_published(code)
        log.info(f"preview: {', '.join(codes)} rebuilt in {time.monotonic() - started:.2f} s")

    def wait(self) -> None:
        """Until the background builds of the current round are done (tests, benchmarks)."""
        if self._worker is not None:
            self._worker.join()

    def stop(self) -> None:
        """Cancel the background builds and wait for them to stop (at most one page's work)."""
        if self._round is not None:
            self._round.cancelled.set()
        if self._worker is not None:
            self._worker.join()
            self._worker = None
        for code in self.languages:
            shutil.rmtree(staging_dir(self.site_dir, code), ignore_errors=True)


def mkdocs_language_builder(config_file: str, serve_url: str, strict: bool) -> BuildLanguage:
    """Build one language of the project with MkDocs, as the crosscheck plugin builds it."""

    def build_language(
        code: str, shared: SharedState | None, round_: Round, folder: Path
    ) -> SharedState:
        from mkdocs.commands.build import build
        from mkdocs.config import load_config

        from crosscheck.site.plugin import CrosscheckPlugin

        config = load_config(config_file=config_file, site_dir=os.fspath(folder), strict=strict)
        config.site_url = serve_url
        plugin = config.plugins["crosscheck"]
        assert isinstance(plugin, CrosscheckPlugin)
        plugin.config.language = code
        plugin.shared = shared
        plugin.preview_round = round_
        build(config, serve_url=serve_url)
        assert plugin.shared is not None
        return plugin.shared

    return build_language


def install(server: Any, config: Any, site_dir: Path, languages: tuple[str, ...]) -> Preview:
    """Put a Preview in the place of MkDocs' builder, and let it see which pages are requested."""
    preview = Preview(
        site_dir,
        languages,
        mkdocs_language_builder(str(config.config_file_path), str(config.site_url), config.strict),
        on_published=lambda code: reload_browsers(server),
    )
    server.builder = preview
    app = server.get_app()

    mount = str(getattr(server, "mount_path", "/"))  # the site_url's path, e.g. /crosscheck/

    def recording_app(environ: dict[str, Any], start_response: Any) -> Any:
        path = str(environ.get("PATH_INFO", ""))
        if path.startswith(mount):
            preview.saw_request(path[len(mount) :])
        return app(environ, start_response)

    server.set_app(recording_app)
    return preview


def reload_browsers(server: Any) -> None:
    """Tell the open pages a newer build is visible (what MkDocs does when its builder returns:
    livereload/__init__.py, _build_loop). Skipped while the server is itself building."""
    condition = getattr(server, "_epoch_cond", None)
    if condition is None:
        return
    with condition:
        if server._visible_epoch != server._wanted_epoch:
            return  # a rebuild is under way: its end reloads the browsers
        epoch = max(time.monotonic_ns() // 1_000_000, server._visible_epoch + 1)
        server._wanted_epoch = server._visible_epoch = epoch
        condition.notify_all()
