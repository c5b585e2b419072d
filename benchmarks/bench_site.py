"""make bench (site part): the six-language build, cold and unchanged, against the floor.

- cold: no chart cache, every chart rendered;
- unchanged: the same commit built again (charts come from the cache, none is re-rendered);
- floor: a plain MkDocs + Material build (search plugin only, same theme and extensions) of the
  very pages the crosscheck build produced, six languages in one process.

Target: fact base + templates + charts add at most 30% to the floor on an unchanged rebuild.

Growth: copies of the real base at 1×, 10× and 50× (every source, figure, claim and constraint
repeated under new ids, with its entries in all six catalogs), built for English and one other
language with the chart cache warm. Prints the time per page and the build's peak memory; the
time per page must stay flat as the base grows.

    uv run python benchmarks/bench_site.py [--sizes 1,10,50] [--language fa] [--growth-only]
"""

from __future__ import annotations

import argparse
import os
import re
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


def copy_project(root: Path, cache: Path = CHART_CACHE.parent) -> None:
    """The project's sources, and its drawn charts and share cards (.cache/)."""
    for name in ("docs", "build", "facts"):
        shutil.copytree(REPO / name, root / name)
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    if cache.is_dir():
        shutil.copytree(cache, root / ".cache")


def renamer(ids: set[str], copy: int) -> tuple[re.Pattern[str], dict[str, str]]:
    """Every id of a record (not references: the copies cite the same evidence) → its copy's."""
    names = sorted(ids, key=len, reverse=True)
    pattern = re.compile(r"(?<![\w-])(" + "|".join(map(re.escape, names)) + r")(?![\w-])")
    return pattern, {name: f"{name}-x{copy}" for name in names}


def sections(text: str) -> list[tuple[str, list[str]]]:
    """A YAML file's top-level keys, each with the lines under it (comments included)."""
    out: list[tuple[str, list[str]]] = [("", [])]
    for line in text.splitlines(keepends=True):
        if re.match(r"[A-Za-z_]+:", line):
            out.append((line, []))
        else:
            out[-1][1].append(line)
    return out


def grow(facts: Path, factor: int) -> None:
    """Repeat every record of the base `factor` times in all (copies 1…factor-1 renamed)."""
    from crosscheck.pipeline import run_check

    base = run_check(facts).base
    ids = set(base.sources) | set(base.figures) | set(base.claims) | set(base.constraints)
    renames = [renamer(ids, copy) for copy in range(1, factor)]

    def renamed(text: str, pattern: re.Pattern[str], names: dict[str, str]) -> str:
        return pattern.sub(lambda m: names[m.group(1)], text)

    def copied(body: list[str], pattern: re.Pattern[str], names: dict[str, str]) -> str:
        """The entries of a section that belong to a copied record (an entry starts at a line
        indented by two; a catalog's entries for records that are not copied, such as the
        corrections log, are left out)."""
        out: list[str] = []
        keep = False
        for line in body:
            new = renamed(line, pattern, names)
            if re.match(r"  [^ #]", line):
                keep = new.split(":", 1)[0] != line.split(":", 1)[0] or line.startswith("  - ")
            elif not line.startswith("   "):
                keep = False  # a comment or a blank line between entries
            if keep:
                out.append(new)
        return "".join(out)

    # Figures, claims, constraints and catalog entries: the copies go into the same file (the
    # file's name is the topic), after the originals of each list or mapping.
    for path in [
        *sorted((facts / "figures").glob("*.yml")),
        *(facts / "translations").glob("*.yml"),
    ]:
        parts = []
        for header, body in sections(path.read_text(encoding="utf-8")):
            text = "".join(body)
            parts.append(header + text)
            if header.rstrip().endswith(":"):  # a list or a mapping, not a scalar
                parts += [copied(body, *r) for r in renames]
        path.write_text("".join(parts), encoding="utf-8")
    # Sources: one file each, with its snapshot under the new id.
    for located in list(base.sources.values()):
        path = located.file.path
        snapshot = path.parent / located.record.snapshot
        for pattern, names in renames:
            new = renamed(path.read_text(encoding="utf-8"), pattern, names)
            (path.parent / f"{names[located.record.id]}.yml").write_text(new, encoding="utf-8")
            target = renamed(located.record.snapshot, pattern, names)
            shutil.copy(snapshot, path.parent / target)


def measured_build(project: Path, language: str, env: dict[str, str]) -> tuple[float, float, int]:
    """Wall seconds, CPU seconds (what other work on a shared machine does not inflate) and peak
    resident memory (bytes) of one `mkdocs build` in a child process."""
    started = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "build", "--quiet", "-d", str(project / "site")],
        cwd=project, env={**env, "CROSSCHECK_ONLY_LANGUAGE": language},
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )  # fmt: skip
    assert child.stderr is not None
    errors = child.stderr.read()
    _, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0:
        raise SystemExit(errors.decode(errors="replace")[-3000:])
    cpu = usage.ru_utime + usage.ru_stime
    return time.perf_counter() - started, cpu, usage.ru_maxrss * 1024  # KiB on Linux


def growth(sizes: list[int], language: str, env: dict[str, str]) -> None:
    print(f"site growth: copies of the real base, English + {language}, chart cache warm")
    print("   size   claims  figures  pages   wall s  CPU s  wall ms/page  CPU ms/page  peak MiB")
    with tempfile.TemporaryDirectory() as tmp:
        # Warm the caches with one build of the real base: the copies draw the same charts and
        # cards (keyed by what is drawn, not by figure id), so no size draws any.
        warm = Path(tmp) / "warm"
        copy_project(warm)
        measured_build(warm, language, env)
        for factor in sizes:
            grown(factor, language, env, warm / ".cache")


def grown(factor: int, language: str, env: dict[str, str], cache: Path) -> None:
    """Build the base copied `factor` times and print one line of the growth table."""
    from crosscheck.pipeline import run_check

    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp) / "project"
        copy_project(project, cache)
        grow(project / "facts", factor)
        result = run_check(project / "facts")
        if result.problems:
            raise SystemExit(f"the {factor}× base does not check: {result.problems[0]}")
        seconds, cpu, peak = measured_build(project, language, env)
        pages = sum(1 for _ in (project / "site").rglob("*.html"))
        base = result.base
        print(
            f"  {factor:4d}×  {len(base.claims):7d}  {len(base.figures):7d}  {pages:5d}"
            f"  {seconds:7.1f} {cpu:6.1f}  {seconds / pages * 1000:12.1f}"
            f"  {cpu / pages * 1000:11.1f}  {peak / 2**20:8.0f}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1,10,50", help="growth factors (default 1,10,50)")
    parser.add_argument("--language", default="fa", help="built with English (default fa)")
    parser.add_argument("--growth-only", action="store_true", help="skip the six-language part")
    args = parser.parse_args()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    if not args.growth_only:
        six_languages(env)
    growth([int(x) for x in args.sizes.split(",")], args.language, env)


def six_languages(env: dict[str, str]) -> None:
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
