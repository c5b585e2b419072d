"""make bench (Lighthouse part): the four Lighthouse categories and the bytes transferred on first
load, for the home page and a figure page in each of the six languages, mobile settings; with
the metrics that make up performance (FCP, LCP, TBT, CLS, Speed Index), so a low score says why.

    python benchmarks/bench_lighthouse.py                    # every page, three runs each
    python benchmarks/bench_lighthouse.py --runs 1 fa/index.html   # while working on one page

The site is built with its address set to the loopback server that serves it (so that its
absolute links stay on this machine); the server compresses text with gzip, as static hosts do. Performance swings between runs on a shared machine, so it
is reported as the median of three runs; the other categories are stable.
Targets: each category at least 95; no page over 500 KB transferred on first load.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import io
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from crosscheck.models import LANGUAGES

REPO = Path(__file__).resolve().parent.parent
LIGHTHOUSE = REPO / "node_modules" / ".bin" / "lighthouse"
PAGES = [
    ("" if language == "en" else f"{language}/") + page
    for language in LANGUAGES
    for page in ("index.html", "figure-nvda-value-loss-2025-01-27.html")
]
METRICS = {
    "first-contentful-paint": ("FCP", 1000, "s"),
    "largest-contentful-paint": ("LCP", 1000, "s"),
    "total-blocking-time": ("TBT", 1, "ms"),
    "cumulative-layout-shift": ("CLS", 1, ""),
    "speed-index": ("SI", 1000, "s"),
}
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
RUNS = 3


class GzipHandler(SimpleHTTPRequestHandler):
    """A static host as sites are deployed: text compressed with gzip when the client asks."""

    COMPRESSIBLE = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".csv")

    def log_message(self, format: str, *args: object) -> None:
        pass

    def send_head(self):  # type: ignore[no-untyped-def]
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        wants = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (wants and path.suffix in self.COMPRESSIBLE and path.is_file()):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def audit(url: str, out: Path) -> dict[str, float]:
    env = {**os.environ, "CHROME_PATH": "/usr/bin/chromium"}
    subprocess.run(
        [
            str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={out}",
            "--only-categories=" + ",".join(CATEGORIES),
            "--chrome-flags=--headless=new --no-sandbox --disable-gpu --no-first-run "
            "--disable-background-networking --disable-component-update --disable-sync",
        ],
        env=env, check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    report = json.loads(out.read_text(encoding="utf-8"))
    scores = {c: report["categories"][c]["score"] * 100 for c in CATEGORIES}
    scores["bytes"] = report["audits"]["total-byte-weight"]["numericValue"]
    for audit_id in METRICS:
        scores[audit_id] = report["audits"][audit_id]["numericValue"]
    return scores


def metrics_text(runs: list[dict[str, float]]) -> str:
    """The median of each performance metric over the runs."""
    parts = []
    for audit_id, (name, divisor, unit) in METRICS.items():
        value = statistics.median(r[audit_id] for r in runs) / divisor
        parts.append(f"{name} {value:.2f}{unit}" if unit != "ms" else f"{name} {value:.0f}ms")
    return ", ".join(parts)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("pages", nargs="*", help="pages to audit (default: all of PAGES)")
    parser.add_argument("--runs", type=int, default=RUNS, help="runs per page (median)")
    parser.add_argument("--keep", type=Path, help="keep the JSON reports in this folder")
    args = parser.parse_args()
    pages = args.pages or PAGES
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": base}
        subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--quiet", "-d", str(site)],
            cwd=REPO, env=env, check=True, capture_output=True,
        )  # fmt: skip
        server = ThreadingHTTPServer(
            ("127.0.0.1", port), functools.partial(GzipHandler, directory=str(site))
        )
        threading.Thread(target=server.serve_forever, daemon=True).start()
        try:
            print(f"Lighthouse (mobile), median of {args.runs} run(s) for performance")
            print(f"{'page':<48} {'perf':>5} {'a11y':>5} {'best':>5} {'seo':>5} {'KB':>7}")
            for page in pages:
                reports = args.keep or Path(tmp)
                reports.mkdir(parents=True, exist_ok=True)
                name = page.replace("/", "-").removesuffix(".html")
                runs = [audit(base + page, reports / f"{name}-{i}.json") for i in range(args.runs)]
                perf = statistics.median(r["performance"] for r in runs)
                last = runs[-1]
                print(
                    f"{page:<48} {perf:5.0f} {last['accessibility']:5.0f} "
                    f"{last['best-practices']:5.0f} {last['seo']:5.0f} {last['bytes'] / 1024:7.0f}"
                    f"\n    {metrics_text(runs)}",
                    flush=True,
                )
        finally:
            server.shutdown()
    print("targets: every category >= 95; first load <= 500 KB per page")


if __name__ == "__main__":
    main()
