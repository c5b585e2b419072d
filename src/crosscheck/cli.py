"""crosscheck: check, explain and export a fact base of claims and evidence; start a new one.

Exit status: 0 all good, 1 problems found, 2 usage error (including an output file that
cannot be written), 3 internal error (a bug in crosscheck, never a problem of the facts: the
message names the file being checked; please report it).

Examples:
  crosscheck check                      # check ./facts, print every problem
  crosscheck check facts --format json  # the same, for tools
  crosscheck explain ja-nvda-drop       # why a claim got its verdict
  crosscheck export -o factbase.json    # the reconciled base as JSON
  crosscheck suggest new-article.txt    # draft claims from a new snapshot (YAML to paste)
  crosscheck translations fa            # the Persian catalog entries still missing
  crosscheck translations fa --write    # insert them into facts/translations/fa.yml
  crosscheck schema                     # regenerate facts/schema.json from the models
  crosscheck new ../bridge --languages en,ja   # a minimal project of its own story
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from crosscheck.problems import InternalError, terminal_text

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3
# What a shell reports for a program killed by SIGPIPE (128 + 13), as `yes | head` does.
EXIT_BROKEN_PIPE = 141


def _facts_dir(parser: argparse.ArgumentParser, value: str) -> Path:
    if not value:  # Path("") is the current folder: never check it by accident
        parser.error("the facts folder is an empty string")
    path = Path(value)
    if not path.is_dir():
        parser.error(f"facts folder '{_shown(value)}' does not exist or is not a folder")
    return path


def _shown(value: str) -> str:
    """A command-line value as printed: not-UTF-8 bytes as \\xNN, controls escaped."""
    return terminal_text(os.fsencode(value).decode("utf-8", "backslashreplace"))


def _write_output(parser: argparse.ArgumentParser, target: str, text: str) -> None:
    """Write an output file, or stop with a usage error that names it (a folder, a missing
    parent folder, no permission, a full disk)."""
    try:
        with open(target, "w", encoding="utf-8") as out:
            out.write(text)
    except OSError as error:
        parser.exit(EXIT_USAGE, f"crosscheck: cannot write '{_shown(target)}': {error.strerror}\n")


def cmd_check(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    """Check the fact base: schema, quotes, numbers, verdicts, constraints.

    Example: crosscheck check facts --format json
    """
    from crosscheck.pipeline import run_check
    from crosscheck.problems import render_json, render_text

    result = run_check(_facts_dir(parser, args.facts))
    if args.format == "json":
        print(render_json(result.problems))  # ASCII: escapes cannot reach the terminal
    else:
        base = result.base
        print(render_text(result.problems))
        print(
            f"checked {base.files} files: {len(base.sources)} sources, {len(base.figures)} "
            f"figures, {len(base.claims)} claims, {len(base.constraints)} constraints",
            file=sys.stderr,
        )
    return EXIT_OK if result.ok else EXIT_PROBLEMS


def cmd_explain(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    """Print the reasoning behind one claim's verdict.

    Example: crosscheck explain ja-nvda-drop
    """
    from crosscheck.explain import explain_claim
    from crosscheck.pipeline import run_check

    result = run_check(_facts_dir(parser, args.facts))
    if args.claim_id not in result.base.claims:
        import difflib

        close = difflib.get_close_matches(args.claim_id, list(result.base.claims), n=3)
        hint = f" (did you mean {', '.join(close)}?)" if close else ""
        parser.error(f"no claim with id '{_shown(args.claim_id)}'{hint}")
    print(terminal_text(explain_claim(result, args.claim_id), keep_newlines=True))
    return EXIT_OK if result.ok else EXIT_PROBLEMS


def cmd_export(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    """Write the reconciled fact base as JSON (the site's data/factbase.json).

    Example: crosscheck export -o site-data/factbase.json
    """
    from crosscheck.export import export_factbase
    from crosscheck.pipeline import run_check
    from crosscheck.problems import render_text

    result = run_check(_facts_dir(parser, args.facts))
    if not result.ok:
        print(render_text(result.problems), file=sys.stderr)
        return EXIT_PROBLEMS
    # allow_nan=False: the checker refuses infinities and NaN, so one reaching here is a bug
    # (exit 3), never an "Infinity" that no JSON parser reads.
    data = export_factbase(result)
    text = json.dumps(data, ensure_ascii=False, indent=2, sort_keys=False, allow_nan=False)
    if args.output == "-":
        print(text)
    else:
        _write_output(parser, args.output, text + "\n")
    return EXIT_OK


def cmd_suggest(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    """Draft claims from a snapshot: every number, date, ordinal and number word in it, with
    its hedge, its sentence as the quote, the figure it is most likely about (a confidence and
    the runners-up as comments) and the verdict `crosscheck check` would compute; numbers that
    fit no figure are listed at the end. Prints YAML to paste under `claims:` (or JSON).
    --source names the source the snapshot belongs to (its language and date); a snapshot of
    an existing source is recognised by its path.

    Example: crosscheck suggest facts/sources/cnn-deepseek-en.txt --source cnn-deepseek-en
    """
    from crosscheck.pipeline import run_check
    from crosscheck.problems import render_text
    from crosscheck.suggest import (
        SuggestError,
        read_text,
        render_json,
        render_yaml,
        source_of,
        suggest,
    )

    result = run_check(_facts_dir(parser, args.facts))
    sources = result.base.sources
    if args.source is not None and args.source not in sources:
        import difflib

        close = difflib.get_close_matches(args.source, list(sources), n=3)
        hint = f" (did you mean {', '.join(close)}?)" if close else ""
        parser.error(f"no source with id '{_shown(args.source)}'{hint}")
    if not result.ok:
        print("crosscheck: the fact base has problems (crosscheck check lists them); "
              "drafts may lack figures", file=sys.stderr)  # fmt: skip
    try:
        text = read_text(Path(args.path), _shown(args.path))
    except SuggestError as error:
        print(render_text([error.problem]), file=sys.stderr)
        return EXIT_PROBLEMS
    source = args.source or source_of(result.base, Path(args.path))
    suggestions = suggest(result, text, _shown(args.path), source=source)
    print(render_json(suggestions) if args.format == "json" else render_yaml(suggestions))
    if suggestions.truncated:
        print(f"crosscheck: {_shown(args.path)} holds more numbers than one run drafts; "
              "split it to draft the rest", file=sys.stderr)  # fmt: skip
    return EXIT_OK


def cmd_schema(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    """Write the JSON Schemas of fact files and translation catalogs, generated from the
    models (editors validate while you type).

    Example: crosscheck schema --facts facts
    """
    from crosscheck.schema import catalog_schema_text, schema_text

    if args.output == "-":
        print(schema_text(), end="")
        return EXIT_OK
    facts = _facts_dir(parser, args.facts)
    _write_output(parser, str(facts / "schema.json"), schema_text())
    (facts / "translations").mkdir(exist_ok=True)
    _write_output(parser, str(facts / "translations" / "schema.json"), catalog_schema_text())
    return EXIT_OK


def cmd_translations(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    """Print the catalog entries a language still needs, with the English as comments; with
    --write, insert them into facts/translations/LANGUAGE.yml in place (in fact-base order,
    existing entries and comments kept), then fill in the empty quotes.

    Example: crosscheck translations fa --write
    """
    from crosscheck.pipeline import run_check
    from crosscheck.translations import (
        OTHER_LANGUAGES,
        CatalogWriteError,
        missing_skeleton,
        write_missing,
    )

    if args.language not in OTHER_LANGUAGES:
        parser.error(f"language must be one of {', '.join(OTHER_LANGUAGES)}")
    result = run_check(_facts_dir(parser, args.facts))
    if args.write:
        try:
            path, count = write_missing(result.base, result.catalogs, args.language)
        except CatalogWriteError as error:
            print(f"crosscheck: {terminal_text(str(error))}", file=sys.stderr)
            return EXIT_PROBLEMS
        shown = _shown(result.base.display(path))
        print(
            f"added {count} empty entries to {shown}"
            if count
            else f"{shown} already has an entry for every text"
        )
        return EXIT_OK
    skeleton = missing_skeleton(result.base, result.catalogs, args.language)
    if skeleton:
        print(skeleton)
    return EXIT_OK


def cmd_new(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    """Create a minimal working project in DIR (empty or absent): mkdocs.yml, a fact base with
    one example source, evidence, figure and claim, a catalog and a home page per language, and
    a copy of crosscheck's templates; `crosscheck check` accepts it and `mkdocs build` builds it.

    Example: crosscheck new ../bridge --languages en,ja
    """
    from crosscheck.new import NewProjectError, create_project, parse_languages

    target = Path(args.dir)
    try:
        written = create_project(target, parse_languages(args.languages), args.title)
    except NewProjectError as error:
        parser.exit(EXIT_USAGE, f"crosscheck new: {terminal_text(str(error))}\n")
    # The commands of this installation (its venv), which the new folder does not have.
    bin_dir = Path(sys.executable).parent
    print(f"created {len(written)} files in {_shown(args.dir)}; next:")
    print(f"  cd {_shown(args.dir)}")
    print(f"  {_shown(str(bin_dir / 'crosscheck'))} check")
    print(f"  {_shown(str(bin_dir / 'mkdocs'))} build")
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="crosscheck",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def add(name: str, func: object) -> argparse.ArgumentParser:
        doc = (func.__doc__ or "").strip()  # type: ignore[attr-defined]
        sub = commands.add_parser(
            name,
            help=doc.splitlines()[0],
            description=doc,
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        sub.set_defaults(func=func)
        return sub

    check = add("check", cmd_check)
    check.add_argument("facts", nargs="?", default="facts", metavar="FACTS_DIR")
    check.add_argument("--format", choices=("text", "json"), default="text")

    explain = add("explain", cmd_explain)
    explain.add_argument("claim_id", metavar="CLAIM_ID")
    explain.add_argument("--facts", default="facts", metavar="FACTS_DIR")

    export = add("export", cmd_export)
    export.add_argument("--facts", default="facts", metavar="FACTS_DIR")
    export.add_argument("-o", "--output", default="-", metavar="FILE")

    suggest = add("suggest", cmd_suggest)
    suggest.add_argument("path", metavar="PATH", help="the snapshot text file")
    suggest.add_argument("--source", default=None, metavar="ID", help="the source it belongs to")
    suggest.add_argument("--facts", default="facts", metavar="FACTS_DIR")
    suggest.add_argument("--format", choices=("yaml", "json"), default="yaml")

    translations = add("translations", cmd_translations)
    translations.add_argument("language", metavar="LANGUAGE")
    translations.add_argument("--facts", default="facts", metavar="FACTS_DIR")
    translations.add_argument(
        "--write", action="store_true", help="insert the entries into the catalog in place"
    )

    schema = add("schema", cmd_schema)
    schema.add_argument("--facts", default="facts", metavar="FACTS_DIR")
    schema.add_argument(
        "-o", "--output", default="", metavar="-", help="'-' prints the record schema"
    )

    new = add("new", cmd_new)
    new.add_argument("dir", metavar="DIR")
    new.add_argument(
        "--languages", default="en", help="comma-separated site languages, en first (en,fa,ja)"
    )
    new.add_argument("--title", default=None, help="the site's name (default: DIR's name)")
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        status = int(args.func(args, parser))
        sys.stdout.flush()
        return status
    except BrokenPipeError:
        # The reader went away (`crosscheck export | head -c1`): stop quietly, as CLI tools
        # do. stdout is pointed at /dev/null so that the flush at exit cannot fail again.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_BROKEN_PIPE
    except InternalError as error:
        return _internal_error(error.where, error.error)
    except Exception as error:  # the last guard: a bug exits 3, never 1 ("problems found")
        return _internal_error(f"running 'crosscheck {args.command}'", error)


def _internal_error(where: str, error: BaseException) -> int:
    message = f"{type(error).__name__}: {error}"
    print(
        f"crosscheck: internal error while {terminal_text(where)}: {terminal_text(message)}\n"
        "  this is a bug in crosscheck, not a problem of the facts; please report it "
        "(set CROSSCHECK_DEBUG=1 for the traceback)",
        file=sys.stderr,
    )
    if os.environ.get("CROSSCHECK_DEBUG"):
        import traceback

        traceback.print_exception(error)
    return EXIT_INTERNAL


if __name__ == "__main__":
    sys.exit(main())
