"""make bench: what link previews cost the build: drawing every share card of every language
(cold, into an empty cache), reading them back from the cache (an unchanged rebuild), and making
both Atom feeds of every language."""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from crosscheck.models import LANGUAGES
from crosscheck.pipeline import run_check
from crosscheck.site.context import SiteContext, load_strings
from crosscheck.site.feeds import feed_files
from crosscheck.site.share import all_cards, card_files

REPO = Path(__file__).resolve().parent.parent


def main() -> None:
    result = run_check(REPO / "facts")
    strings = load_strings(REPO / "build")
    from mkdocs.config import load_config

    plugin = load_config(config_file=str(REPO / "mkdocs.yml")).plugins["crosscheck"]
    key_date = str(plugin.config.key_date_figure)  # the site description names its day
    contexts = [SiteContext.create(result, code, strings, key_date) for code in LANGUAGES]
    with tempfile.TemporaryDirectory() as folder:
        cache = Path(folder)
        for label in ("cold (drawn)", "unchanged (cached)"):
            start = time.perf_counter()
            count = sum(len(card_files(all_cards(ctx), cache)) for ctx in contexts)
            seconds = time.perf_counter() - start
            print(f"share cards, {label}: {count} cards in {seconds:.2f} s")
    start = time.perf_counter()
    size = sum(len(b) for ctx in contexts for b in feed_files(ctx, "https://x.org/").values())
    seconds = time.perf_counter() - start
    print(f"atom feeds: {2 * len(contexts)} feeds, {size} bytes, in {seconds:.2f} s")


if __name__ == "__main__":
    main()
