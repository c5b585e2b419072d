"""make bench: how long `crosscheck check` takes, next to the floor of merely parsing the YAML.

Prints the check time on the real fact base (wall clock of the command, start-up included) and on
synthetic bases of 1k, 10k and 100k claims (files of 100 claims, one source per 20 claims, as a
real base grows), against the time PyYAML's C loader takes to parse the same files.
"""

from __future__ import annotations

import gc
import hashlib
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

from crosscheck.pipeline import run_check

REPO = Path(__file__).resolve().parent.parent
LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
CLAIMS_PER_FILE = 100
CLAIMS_PER_SOURCE = 20
CLAIMS_PER_FIGURE = 10


def synthesize(root: Path, n_claims: int) -> None:
    """A valid fact base of n_claims claims that exercises every rule."""
    (root / "sources").mkdir(parents=True)
    (root / "figures").mkdir()
    (root / "evidence").mkdir()
    (root / "evidence" / "references.yml").write_text(
        "references:\n  - id: ref-bench\n    url: 'https://example.org/bench'\n"
        "    publisher: Bench\n    title: Bench\n    excerpt: 'Synthetic evidence.'\n",
        encoding="utf-8",
    )
    n_sources = max(1, n_claims // CLAIMS_PER_SOURCE)
    for s in range(n_sources):
        lines = [
            f"第{s}号の記事、項目{k}: 株価は{10 + k}.{s % 10}%近く下落し、時価総額は{s + 1},{k:03d}億ドル減少した。"
            for k in range(CLAIMS_PER_SOURCE)
        ]
        raw = ("\n".join(lines) + "\n").encode("utf-8")
        (root / "sources" / f"src-{s}.txt").write_bytes(raw)
        (root / "sources" / f"src-{s}.yml").write_text(
            f"sources:\n  - id: src-{s}\n    snapshot: src-{s}.txt\n"
            f"    sha256: {hashlib.sha256(raw).hexdigest()}\n    language: ja\n"
            f"    title: '記事{s}'\n    title_translation: {{en: 'Article {s}'}}\n"
            f"    short_name: {{en: 'Source {s}'}}\n"
            f"    publisher: Bench\n    date: '2025-01-28'\n"
            f"    translation_chain: [{{language: ja, method: original}}]\n",
            encoding="utf-8",
        )
    for start in range(0, n_claims, CLAIMS_PER_FILE):
        parts = ["figures:\n"]
        for f in range(start // CLAIMS_PER_FIGURE, (start + CLAIMS_PER_FILE) // CLAIMS_PER_FIGURE):
            s, k = divmod(f * CLAIMS_PER_FIGURE, CLAIMS_PER_SOURCE)
            parts.append(
                f"  - id: fig-{f}\n    label: {{en: 'Figure {f}'}}\n"
                f"    definition: {{en: 'A synthetic percentage.'}}\n    unit: percent\n"
                f"    as_of: '2025-01-27'\n"
                f"    reference: {{value: {10 + k}.{s % 10}, evidence: [{{ref: ref-bench}}]}}\n"
            )
        parts.append("claims:\n")
        for c in range(start, min(start + CLAIMS_PER_FILE, n_claims)):
            f = c // CLAIMS_PER_FIGURE
            s, k = divmod(f * CLAIMS_PER_FIGURE, CLAIMS_PER_SOURCE)
            parts.append(
                f"  - id: claim-{c}\n    source: src-{s}\n    figure: fig-{f}\n"
                f"    quote: '株価は{10 + k}.{s % 10}%近く下落し'\n    stated: '{10 + k}.{s % 10}%'\n"
                f"    value: {10 + k}.{s % 10}\n    hedge: nearly\n    verdict: accurate\n"
                f"    reason: {{en: 'Synthetic.'}}\n"
            )
        (root / "figures" / f"topic-{start // CLAIMS_PER_FILE}.yml").write_text(
            "".join(parts), encoding="utf-8"
        )


def parse_floor(root: Path, collect: bool = True) -> float:
    """Read and parse every file with PyYAML's C safe loader; optionally with the GC paused
    (the check pauses it, so both floors are shown)."""
    if not collect:
        gc.disable()
    try:
        started = time.perf_counter()
        for path in sorted(root.rglob("*.yml")):
            yaml.load(path.read_text(encoding="utf-8"), Loader=LOADER)
        return time.perf_counter() - started
    finally:
        gc.enable()


def timed_check(root: Path) -> tuple[float, int]:
    started = time.perf_counter()
    result = run_check(root)
    elapsed = time.perf_counter() - started
    if not result.ok:
        raise SystemExit("synthetic base has problems:\n" + result.problems[0].render())
    return elapsed, len(result.base.claims)


def real_base(repeats: int = 5) -> tuple[float, float]:
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "crosscheck.cli", "check", "facts"],
            cwd=REPO, check=True, capture_output=True,
        )  # fmt: skip
        times.append(time.perf_counter() - started)
    return statistics.median(times), min(times)


def main() -> None:
    median, best = real_base()
    claims = len(run_check(REPO / "facts").base.claims)
    print(f"real fact base ({claims} claims): `crosscheck check facts` wall {median:.3f} s "
          f"(median of 5, best {best:.3f} s, start-up included; target < 1 s)")  # fmt: skip
    print()
    print(
        f"{'claims':>8} {'files':>6} {'parse floor':>12} {'(GC paused)':>12} {'check':>9} "
        f"{'check/floor':>12} {'µs/claim':>9}"
    )
    for n in (1_000, 10_000, 100_000):
        with tempfile.TemporaryDirectory() as tmp:
            root = Path(tmp) / "facts"
            synthesize(root, n)
            files = sum(1 for _ in root.rglob("*.yml"))
            repeats = 3 if n <= 10_000 else 1
            floors = [parse_floor(root) for _ in range(repeats)]
            paused = [parse_floor(root, collect=False) for _ in range(repeats)]
            checks = [timed_check(root)[0] for _ in range(repeats)]
            floor, check = statistics.median(floors), statistics.median(checks)
            print(
                f"{n:>8,} {files:>6,} {floor:>10.2f} s {statistics.median(paused):>10.2f} s "
                f"{check:>7.2f} s {check / floor:>11.2f}x {check / n * 1e6:>9.0f}"
            )
    print()
    print("targets: real base < 1 s; growth linear in claims; check within 3x of the floor at 100k")


if __name__ == "__main__":
    main()
