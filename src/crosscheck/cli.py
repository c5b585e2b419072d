"""crosscheck: check, explain and export the DeepSeek sell-off fact base.

Exit status: 0 all good, 1 problems found, 2 usage error.

Examples:
  crosscheck check                      # check ./facts, print every problem
  crosscheck check facts --format json  # the same, for tools
  crosscheck explain ja-nvda-drop       # why a claim got its verdict
  crosscheck export -o factbase.json    # the reconciled base as JSON
  crosscheck translations fa            # the Persian catalog entries still missing
  crosscheck schema                     # regenerate facts/schema.json from the models
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


def _facts_dir(parser: argparse.ArgumentParser, value: str) -> Path:
    path = Path(value)
    if not path.is_dir():
        parser.error(f"facts folder '{value}' does not exist or is not a folder")
    return path


def cmd_check(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    """Check the fact base: schema, quotes, numbers, verdicts, constraints.

    Example: crosscheck check facts --format json
    """
    from crosscheck.pipeline import run_check
    from crosscheck.problems import render_json, render_text

    result = run_check(_facts_dir(parser, args.facts))
    if args.format == "json":
        print(render_json(result.problems))
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
        parser.error(f"no claim with id '{args.claim_id}'{hint}")
    print(explain_claim(result, args.claim_id))
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
    text = json.dumps(export_factbase(result), ensure_ascii=False, indent=2, sort_keys=False)
    if args.output == "-":
        print(text)
    else:
        Path(args.output).write_text(text + "\n", encoding="utf-8")
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
    (facts / "schema.json").write_text(schema_text(), encoding="utf-8")
    (facts / "translations").mkdir(exist_ok=True)
    (facts / "translations" / "schema.json").write_text(catalog_schema_text(), encoding="utf-8")
    return EXIT_OK


def cmd_translations(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    """Print the catalog entries a language still needs, with the English as comments.

    Example: crosscheck translations fa >> facts/translations/fa.yml  (then fill the quotes)
    """
    from crosscheck.pipeline import run_check
    from crosscheck.translations import OTHER_LANGUAGES, missing_skeleton

    if args.language not in OTHER_LANGUAGES:
        parser.error(f"language must be one of {', '.join(OTHER_LANGUAGES)}")
    result = run_check(_facts_dir(parser, args.facts))
    skeleton = missing_skeleton(result.base, result.catalogs, args.language)
    if skeleton:
        print(skeleton)
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

    translations = add("translations", cmd_translations)
    translations.add_argument("language", metavar="LANGUAGE")
    translations.add_argument("--facts", default="facts", metavar="FACTS_DIR")

    schema = add("schema", cmd_schema)
    schema.add_argument("--facts", default="facts", metavar="FACTS_DIR")
    schema.add_argument(
        "-o", "--output", default="", metavar="-", help="'-' prints the record schema"
    )
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    return int(args.func(args, parser))


if __name__ == "__main__":
    sys.exit(main())
