"""make bench: how well `crosscheck suggest` drafts the claims of the real fact base.

Leave-one-source-out: for each source, its claims are set aside (the figures' vocabulary is built
without their quotes and translations), `suggest` runs on its snapshot, and its drafts are
compared with the claims set aside. A claim is found when a draft names the same figure and the
same stated value (the number, or the ISO date). Recall is over the claims that state a number
or date (a claim with no `stated` writes none); precision is over the drafts that propose a
figure. Targets: recall >= 90%, precision >= 70%.

    uv run python benchmarks/bench_suggest.py [FACTS_DIR] [--misses]
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from crosscheck.models import Claim
from crosscheck.pipeline import run_check
from crosscheck.suggest import Draft, read_text, suggest

REPO = Path(__file__).resolve().parent.parent
RECALL_TARGET = 0.90
PRECISION_TARGET = 0.70


def same_value(claim: Claim, draft: Draft) -> bool:
    if isinstance(claim.value, str) or isinstance(draft.value, str):
        return claim.value == draft.value
    if claim.value is None or draft.value is None:
        return False
    return abs(float(claim.value) - float(draft.value)) <= 1e-9 * max(1.0, abs(claim.value))


def main(argv: list[str]) -> int:
    show_misses = "--misses" in argv
    args = [a for a in argv if not a.startswith("--")]
    facts = Path(args[0]) if args else REPO / "facts"
    result = run_check(facts)
    base = result.base
    rows = []
    total_found = total_claims = total_right = total_drafts = 0
    started = time.perf_counter()
    for source_id, located in base.sources.items():
        expected = [
            c.record
            for c in base.claims.values()
            if c.record.source == source_id and c.record.figure and c.record.stated
        ]
        path = located.file.path.parent / located.record.snapshot
        text = read_text(path, base.display(path))
        drafts = [
            d
            for d in suggest(
                result, text, str(path), source=source_id, exclude_sources=[source_id]
            ).drafts
            if d.figure is not None
        ]
        found = [
            c for c in expected if any(d.figure == c.figure and same_value(c, d) for d in drafts)
        ]
        right = [
            d for d in drafts if any(d.figure == c.figure and same_value(c, d) for c in expected)
        ]
        rows.append((source_id, len(found), len(expected), len(right), len(drafts)))
        total_found += len(found)
        total_claims += len(expected)
        total_right += len(right)
        total_drafts += len(drafts)
        if show_misses:
            for claim in expected:
                if claim not in found:
                    print(f"  missed {claim.id}: {claim.figure} {claim.stated!r} = {claim.value!r}")
            for draft in drafts:
                if draft not in right:
                    print(
                        f"  extra  {draft.mention.stated!r} -> {draft.figure} "
                        f"({draft.confidence:.2f}) = {draft.value!r}"
                    )
    elapsed = time.perf_counter() - started

    def pct(a: int, b: int) -> str:
        return f"{a / b:6.1%}" if b else "   n/a"

    print(f"{'source':<28} {'recall':>16} {'precision':>16}")
    for source_id, found, claims, right, drafts in rows:
        print(
            f"{source_id:<28} {pct(found, claims)} ({found:>2}/{claims:>2}) "
            f"{pct(right, drafts)} ({right:>2}/{drafts:>2})"
        )
    recall = total_found / total_claims if total_claims else 0.0
    precision = total_right / total_drafts if total_drafts else 0.0
    print(
        f"{'overall':<28} {pct(total_found, total_claims)} ({total_found}/{total_claims}) "
        f"{pct(total_right, total_drafts)} ({total_right}/{total_drafts})"
    )
    print(
        f"targets: recall >= {RECALL_TARGET:.0%} ({'met' if recall >= RECALL_TARGET else 'NOT met'}), "
        f"precision >= {PRECISION_TARGET:.0%} ({'met' if precision >= PRECISION_TARGET else 'NOT met'}); "
        f"{len(rows)} sources in {elapsed:.1f} s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
