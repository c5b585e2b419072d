"""make bench (site part): the six-language build, cold and unchanged, against the floor.

- cold: no chart cache, every chart rendered;
- unchanged: the same commit built again (charts come from the cache, none is re-rendered);
- floor: a plain MkDocs + Material build (search plugin only, same theme and extensions) of the
  very pages the crosscheck build produced, six languages in one process.

Target: fact base + templates + charts add at most 30% to the floor on an unchanged rebuild.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CHART_CACHE = REPO / ".cache" / "charts"
LANGUAGES = ("en", "fa", "zh-Hant", "zh-Hans", "ja", "ar")
THEMES = {
    "en": "en",
    "fa": "fa",
    "zh-Hant": "zh-Hant",
    "zh-Hans": "zh-Hans",
    "ja": "ja",
    "ar": "ar",
}


def timed(command: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, cwd=REPO, env=env, check=True, capture_output=True)
    return time.perf_counter() - started


FLOOR_SCRIPT = """
import sys, yaml
from mkdocs.commands.build import build
from mkdocs.config import load_config
dump, out, repo = sys.argv[1], sys.argv[2], sys.argv[3]
for code, theme in {themes}.items():
    config = load_config(config_file=None, **{{
        "site_name": "crosscheck", "docs_dir": f"{{dump}}/{{code}}",
        "site_dir": f"{{out}}/{{code}}", "use_directory_urls": False,
        "theme": {{"name": "material", "custom_dir": f"{{repo}}/build/overrides", "language": theme,
                   "font": False}},
        "plugins": ["search"], "markdown_extensions": ["attr_list", "def_list", "tables", "toc"],
    }})
    build(config)
"""


def main() -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    mkdocs = [sys.executable, "-m", "mkdocs", "build", "--quiet"]
    with tempfile.TemporaryDirectory() as tmp:
        shutil.rmtree(CHART_CACHE, ignore_errors=True)
        cold = timed([*mkdocs, "-d", f"{tmp}/cold"], env)
        unchanged = min(timed([*mkdocs, "-d", f"{tmp}/warm{i}"], env) for i in range(2))
        dump = f"{tmp}/dump"
        timed([*mkdocs, "-d", f"{tmp}/dumped"], {**env, "CROSSCHECK_DUMP_DIR": dump})
        script = FLOOR_SCRIPT.format(themes=THEMES)
        floor = min(
            timed([sys.executable, "-c", script, dump, f"{tmp}/floor{i}", str(REPO)], env)
            for i in range(2)
        )
        pages = sum(1 for _ in Path(dump).rglob("*.md"))
    print(f"site: six languages, {pages} pages in all (wall clock, start-up included)")
    print(f"  cold build (every chart rendered)   {cold:7.2f} s")
    print(f"  unchanged rebuild (no chart drawn)  {unchanged:7.2f} s")
    print(f"  plain MkDocs floor, same pages      {floor:7.2f} s")
    overhead = (unchanged - floor) / floor
    print(f"  crosscheck's share on a rebuild     {overhead:+7.1%}  (target: at most +30%)")


if __name__ == "__main__":
    main()
