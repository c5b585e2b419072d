"""make bench (preview part): from saving a claim's reason to the page that shows it, under
`mkdocs serve` with all six languages.

A copy of the project is served by `mkdocs serve` on loopback. Each edit writes a new reason
into the copy (the English reason in the figures file, then the Persian one in the Persian
catalog) and times, by polling over HTTP, until the figure page of that language serves the new
text; then until every language's data download (the English reasons are in it) serves it, which
is when the whole round is done. Edits wait for the previous round to end. Target: median ≤ 2 s
to the page.

    uv run python benchmarks/bench_preview.py [--edits 5]
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from crosscheck.models import LANGUAGES
from crosscheck.pipeline import run_check

REPO = Path(__file__).resolve().parent.parent


@dataclass
class Target:
    """A claim whose reason can be edited in place: its file, its text there, its page."""

    path: Path
    text: str
    page: str


def copy_project(root: Path) -> None:
    for name in ("docs", "build", "facts"):
        shutil.copytree(REPO / name, root / name)
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    charts = REPO / ".cache" / "charts"
    if charts.is_dir():  # charts already drawn: the first build is faster, the edits are not
        shutil.copytree(charts, root / ".cache" / "charts")


def english_target(root: Path) -> Target:
    """The first claim with a figure whose English reason is written verbatim, once, in its
    file."""
    result = run_check(root / "facts")
    for located in result.base.claims.values():
        claim = located.record
        content = located.file.path.read_text(encoding="utf-8")
        if claim.figure and claim.reason and content.count(f'"{claim.reason.en}"') == 1:
            return Target(located.file.path, f'"{claim.reason.en}"', f"figure-{claim.figure}.html")
    raise SystemExit("no claim with a figure and a verbatim English reason")


def catalog_target(root: Path, language: str) -> Target:
    """The first claim whose reason is in the language's catalog, written on one line."""
    result = run_check(root / "facts")
    catalog = root / "facts" / "translations" / f"{language}.yml"
    lines = catalog.read_text(encoding="utf-8").splitlines()
    for located in result.base.claims.values():
        claim = located.record
        key = f"  claim/{claim.id}/reason: "
        for line in lines:
            if (
                claim.figure
                and line.startswith(key)
                and line.endswith('"')
                and lines.count(line) == 1
            ):
                return Target(catalog, line, f"{language}/figure-{claim.figure}.html")
    raise SystemExit(f"no claim reason in facts/translations/{language}.yml")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def get(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=120) as response:
            return str(response.read().decode("utf-8", errors="replace"))
    except urllib.error.HTTPError as error:
        return f"HTTP {error.code}"


def wait_for(url: str, text: str, since: float, limit: float = 60.0) -> float:
    while text not in get(url):
        if time.perf_counter() - since > limit:
            raise SystemExit(f"{url} never showed {text!r}")
        time.sleep(0.02)
    return time.perf_counter() - since


def edit(target: Target, marker: str) -> float:
    """Write the marker into the reason; the save's moment."""
    content = target.path.read_text(encoding="utf-8")
    old = target.text
    new = old[:-1] + f" {marker}" + '"'
    assert content.count(old) == 1, f"{target.path}: reason not found once"
    target.path.write_text(content.replace(old, new), encoding="utf-8")
    moment = time.perf_counter()
    target.text = new
    return moment


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--edits", type=int, default=5, help="edits per language (default 5)")
    args = parser.parse_args()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("CROSSCHECK_ONLY_LANGUAGE", None)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "project"
        copy_project(root)
        targets = {"en": english_target(root), "fa": catalog_target(root, "fa")}
        port = free_port()
        base = f"http://127.0.0.1:{port}/"
        log = (Path(tmp) / "serve.log").open("wb")
        serve = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
            cwd=root, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip
        try:
            started = time.perf_counter()
            while True:
                try:
                    get(base + "index.html")
                    break
                except OSError:
                    if serve.poll() is not None or time.perf_counter() - started > 600:
                        raise SystemExit("mkdocs serve did not start") from None
                    time.sleep(0.2)
            first = time.perf_counter() - started
            to_page: dict[str, list[float]] = {}
            to_all: dict[str, list[float]] = {}
            for language, target in targets.items():
                for n in range(args.edits):
                    get(base + target.page)  # the reader looks at this page
                    time.sleep(1.0)  # a person reads before saving again
                    marker = f"previewbench{language.replace('-', '')}{n}x{port}"
                    saved = edit(target, marker)
                    to_page.setdefault(language, []).append(
                        wait_for(base + target.page, marker, saved)
                    )
                    # Every language's data downloads carry the reasons of every language
                    # (claims-<lang>.csv): the last language built shows when the round is done.
                    last = [code for code in LANGUAGES if code != language][-1]
                    prefix = "" if last == "en" else f"{last}/"
                    to_all.setdefault(language, []).append(
                        wait_for(f"{base}{prefix}data/claims-{language}.csv", marker, saved)
                    )
        except BaseException:
            log.flush()
            print((Path(tmp) / "serve.log").read_text(errors="replace")[-3000:], file=sys.stderr)
            raise
        finally:
            os.killpg(serve.pid, signal.SIGINT)
            try:
                serve.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(serve.pid, signal.SIGKILL)
            log.close()
    print(f"preview: mkdocs serve, six languages (first build {first:.1f} s)")
    for language, times in to_page.items():
        shown = " ".join(f"{t:.2f}" for t in times)
        print(
            f"  save → {language} figure page    median {statistics.median(times):5.2f} s"
            f"  (target ≤ 2 s; {shown})"
        )
    for language, times in to_all.items():
        print(
            f"  save → all six languages ({language} edit) median {statistics.median(times):5.2f} s"
        )


if __name__ == "__main__":
    main()
