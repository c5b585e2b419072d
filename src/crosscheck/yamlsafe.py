"""Read untrusted YAML into plain data, keeping where every value came from.

PyYAML's safe loader still has traps for people who edit YAML by hand: it silently keeps the last
of two duplicate keys, turns ``no`` into ``False`` and ``2025-01-27`` into a date, reads ``1:30``
as 90, and a deeply nested document crashes its C composer. So we compose the node tree once
(``yaml.compose`` with the C loader: node marks give line and column), then build the data from
that tree ourselves, reporting each trap as a :class:`Problem` instead of guessing.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from crosscheck.files import MAX_FILE_BYTES, FileRefused, read_bounded
from crosscheck.problems import Location, Problem

__all__ = ["MAX_DEPTH", "MAX_FILE_BYTES", "MAX_MAGNITUDE", "LoadedYaml", "load_yaml"]
# Records nest about 5 levels deep. libyaml's composer recurses and crashes the process (no
# Python exception) somewhere above ten thousand levels, so we refuse far earlier.
MAX_DEPTH = 64

# The largest magnitude a number in the fact base may have. Real figures stay below 1e30 (even
# training compute in FLOP); 1e100 leaves room, keeps every sum and product of two figures
# finite in a float, and stops 10**400 (which a float cannot hold) and 1.0e+400 (read as inf).
MAX_MAGNITUDE = 1e100

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_YAML11_BOOLS = {"y", "n", "yes", "no", "on", "off"}
_FLOW_CHARS = re.compile(r"[\[\]{}]")
_LEADING = re.compile(r"^[ \-?:]*", re.M)

PathKey = tuple[str | int, ...]


@dataclass
class LoadedYaml:
    """A YAML file as plain data, with the node of every value and mapping key.

    Nodes are kept rather than line numbers: reading a node's mark is slow in PyYAML, so
    positions are computed only for the few paths a problem is reported at.
    """

    path: Path
    display: str
    data: Any = None
    nodes: dict[PathKey, yaml.Node] = field(default_factory=dict)
    key_nodes: dict[PathKey, yaml.Node] = field(default_factory=dict)
    bad_paths: set[PathKey] = field(default_factory=set)
    """Paths whose value was replaced because of a YAML-level problem (already reported)."""

    def location(self, at: PathKey, key: bool = False) -> Location:
        """The closest known position for a data path (falls back to its parents)."""
        nodes = self.key_nodes if key else self.nodes
        probe = tuple(at)
        while True:
            node = nodes.get(probe) or (self.nodes.get(probe) if key else None)
            if node is not None:
                return Location(self.display, *_mark(node))
            if not probe:
                return Location(self.display, 1, 1)
            probe = probe[:-1]

    def is_bad_below(self, at: PathKey) -> bool:
        """Whether a value at or below ``at`` was replaced because of a YAML-level problem."""
        return any(bad[: len(at)] == at for bad in self.bad_paths)

    def is_bad(self, at: PathKey) -> bool:
        """Whether a path lies at or below a value already reported as a YAML problem."""
        return any(at[: len(bad)] == bad for bad in self.bad_paths)


def nesting_bound(text: str) -> int:
    """A cheap upper bound on how deep ``text`` can nest, without running the parser.

    Block nesting needs one more column of indentation (or one more ``- ``) per level, and flow
    nesting one more bracket, so the sum of the two bounds the depth from above.
    """
    flow = deepest = 0
    for match in _FLOW_CHARS.finditer(text):
        flow += 1 if match.group() in "[{" else -1
        deepest = max(deepest, flow)
    block = max((len(m) for m in _LEADING.findall(text)), default=0)
    return deepest + block


def _exact_depth(text: str, limit: int) -> int:
    """Depth from the event stream (iterative in libyaml), stopping as soon as it passes limit."""
    depth = deepest = 0
    for event in yaml.parse(text, Loader=_LOADER):
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            deepest = max(deepest, depth)
            if deepest > limit:
                break
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
    return deepest


def _mark(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


class _Builder:
    """Turns a composed node tree into plain data, collecting problems on the way."""

    def __init__(self, loaded: LoadedYaml) -> None:
        self.loaded = loaded
        self.problems: list[Problem] = []
        self.seen: set[int] = set()
        self.path: PathKey = ()

    def problem(
        self, node: yaml.Node, code: str, message: str, expected: str, fix: str,
        where: Location | None = None,
    ) -> None:  # fmt: skip
        location = where or Location(self.loaded.display, *_mark(node))
        self.problems.append(Problem(location, code, message, expected, fix))
        self.loaded.bad_paths.add(self.path)

    def build(self, node: yaml.Node, path: PathKey) -> Any:
        self.path = path
        if id(node) in self.seen:
            # An alias is the anchored node itself: point at the key that uses it instead.
            self.problem(
                node,
                "yaml-alias",
                "an alias (*name) repeats a node; aliases are not allowed in the fact base",
                "each value written out where it is used",
                "replace the alias with the value itself",
                where=self.loaded.location(path, key=True),
            )
            return None
        self.seen.add(id(node))
        self.loaded.nodes[path] = node
        if isinstance(node, yaml.ScalarNode):
            return self.scalar(node)
        if isinstance(node, yaml.SequenceNode):
            self.check_tag(node, "tag:yaml.org,2002:seq")
            return [self.build(item, (*path, i)) for i, item in enumerate(node.value)]
        self.check_tag(node, "tag:yaml.org,2002:map")
        return self.mapping(node, path)

    def check_tag(self, node: yaml.Node, plain: str) -> None:
        if node.tag != plain:
            shown = node.tag.replace("tag:yaml.org,2002:", "!!")
            self.problem(
                node,
                "yaml-tag",
                f"explicit tag '{shown}' is not allowed (it is never executed)",
                "plain YAML values (strings, numbers, lists, mappings)",
                "remove the tag (the part starting with '!')",
            )

    def mapping(self, node: yaml.MappingNode, path: PathKey) -> dict[str, Any]:
        result: dict[str, Any] = {}
        first_seen: dict[str, yaml.Node] = {}
        for key_node, value_node in node.value:
            self.path = path
            if key_node.tag == "tag:yaml.org,2002:merge":
                self.problem(
                    key_node,
                    "yaml-alias",
                    "merge keys ('<<') are not allowed in the fact base",
                    "every key written out in each record",
                    "replace '<<: *name' with the keys it would copy",
                )
                continue
            if not isinstance(key_node, yaml.ScalarNode):
                self.problem(
                    key_node,
                    "wrong-type",
                    "mapping keys must be plain words",
                    "a key such as 'id:' or 'quote:'",
                    "write the key as a plain word, not a list or mapping",
                )
                continue
            key = str(key_node.value)
            if key in first_seen:
                line, col = _mark(first_seen[key])
                self.problems.append(
                    Problem(
                        Location(self.loaded.display, *_mark(key_node)),
                        "duplicate-key",
                        f"key {key!r} appears twice in this mapping; YAML would keep only the last",
                        "each key once per mapping",
                        "merge the two values into one entry and delete the other",
                        related=(Location(self.loaded.display, line, col),),
                    )
                )
                continue
            first_seen[key] = key_node
            self.loaded.key_nodes[(*path, key)] = key_node
            result[key] = self.build(value_node, (*path, key))
        return result

    def scalar(self, node: yaml.ScalarNode) -> Any:
        text: str = node.value
        tag: str = node.tag
        if node.style in ("'", '"', "|", ">"):
            if tag != "tag:yaml.org,2002:str":
                self.check_tag(node, "tag:yaml.org,2002:str")
            return text
        if tag == "tag:yaml.org,2002:str":
            return text
        if tag == "tag:yaml.org,2002:null":
            return None
        if tag == "tag:yaml.org,2002:bool":
            if text.lower() in _YAML11_BOOLS:
                self.trap(
                    node,
                    f"unquoted {text!r} is read by YAML 1.1 as a boolean",
                    f'write true or false for a yes/no setting, or "{text}" in quotes for text',
                )
                return text
            return text.lower() == "true"
        if tag == "tag:yaml.org,2002:int":
            plain = text.replace("_", "")
            if ":" in plain or re.fullmatch(r"[-+]?0[0-9]+|[-+]?0[oxb].*", plain, re.I):
                self.trap(
                    node, f"unquoted {text!r} is read by YAML 1.1 as a base-60 or octal number"
                )
                return text
            # More digits than any float can hold is refused before int() (CPython refuses
            # strings over 4300 digits with a ValueError).
            digits = len(plain.lstrip("+-").lstrip("0"))
            if digits > 101 or abs(number := int(plain)) > MAX_MAGNITUDE:
                self.out_of_range(node, text)
                return None
            return number
        if tag == "tag:yaml.org,2002:float":
            plain = text.replace("_", "")
            if ":" in plain or plain.lower().lstrip("+-") in (".inf", ".nan"):
                self.trap(node, f"unquoted {text!r} is read by YAML 1.1 as a special float")
                return text
            value = float(plain)
            if not math.isfinite(value) or abs(value) > MAX_MAGNITUDE:
                self.out_of_range(node, text)
                return None
            return value
        if tag == "tag:yaml.org,2002:timestamp":
            self.trap(node, f"unquoted {text!r} is read by YAML as a timestamp, not as text")
            return text
        self.check_tag(node, "tag:yaml.org,2002:str")
        return None

    def out_of_range(self, node: yaml.Node, text: str) -> None:
        shown = text if len(text) <= 24 else f"{text[:12]}…{text[-6:]} ({len(text)} characters)"
        self.problem(
            node,
            "number-out-of-range",
            f"the number {shown} is beyond what the fact base can compute with",
            f"a finite number of magnitude at most {MAX_MAGNITUDE:.0e}",
            "check the number of digits and the exponent",
        )

    def trap(self, node: yaml.Node, message: str, fix: str = "") -> None:
        self.problem(
            node,
            "yaml-1.1-trap",
            message,
            "the value exactly as written",
            fix or f'put it in quotes: "{node.value}"',
        )


def _syntax_problem(display: str, error: yaml.YAMLError, text: str) -> Problem:
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    what = getattr(error, "problem", None) or str(error).splitlines()[0]
    if isinstance(error, yaml.reader.ReaderError):
        # A reader error (a NUL or other control character) has no mark, only the offset of
        # the character in the UTF-8 bytes libyaml read.
        raw = text.encode("utf-8")[: max(error.position, 0)]
        line = raw.count(b"\n") + 1
        col = len(raw[raw.rfind(b"\n") + 1 :].decode("utf-8", "replace")) + 1
        what = f"character U+{error.character:04X} is not allowed ({error.reason})"
    context = getattr(error, "context", None)
    message = f"malformed YAML: {what}" + (f" ({context})" if context else "")
    return Problem(
        Location(display, line, col),
        "yaml-syntax",
        message,
        "valid YAML: 'key: value' lines, lists with '- ', consistent indentation",
        "check the indentation and quoting at this line (quote text containing ': ' or '#')",
    )


def load_yaml(
    path: Path, display: str, root: Path | None = None
) -> tuple[LoadedYaml, list[Problem]]:
    """Load one YAML file safely (a regular file inside ``root``, size-capped). Never raises
    for bad content; returns problems instead."""
    loaded = LoadedYaml(path=path, display=display)
    here = Location(display, 1, 1)
    try:
        raw = read_bounded(path, root)
    except FileRefused as refused:
        return loaded, [Problem(here, refused.code, refused.message, refused.expected, refused.fix)]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        col = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        return loaded, [
            Problem(
                Location(display, line, col),
                "not-utf8",
                f"byte 0x{raw[error.start]:02x} is not valid UTF-8",
                "UTF-8 encoded text",
                "re-save the file as UTF-8 in your editor",
            )
        ]
    if text.startswith("\ufeff"):
        text = text[1:]
    try:
        if nesting_bound(text) > MAX_DEPTH and _exact_depth(text, MAX_DEPTH) > MAX_DEPTH:
            return loaded, [
                Problem(
                    here,
                    "yaml-too-deep",
                    f"the YAML nests deeper than {MAX_DEPTH} levels",
                    f"at most {MAX_DEPTH} levels of lists and mappings",
                    "flatten the structure; fact records nest only a few levels",
                )
            ]
        node = yaml.compose(text, Loader=_LOADER)
    except yaml.YAMLError as error:
        return loaded, [_syntax_problem(display, error, text)]
    except (RecursionError, MemoryError, ValueError) as error:
        return loaded, [
            Problem(here, "yaml-syntax", f"YAML could not be read: {type(error).__name__}", "", "")
        ]
    if node is None:
        loaded.data = {}
        return loaded, []
    builder = _Builder(loaded)
    loaded.data = builder.build(node, ())
    return loaded, builder.problems
