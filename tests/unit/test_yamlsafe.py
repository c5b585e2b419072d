"""The YAML loader: traps become problems with positions, hostile input never runs."""

from __future__ import annotations

from pathlib import Path

from crosscheck.yamlsafe import MAX_DEPTH, MAX_FILE_BYTES, load_yaml, nesting_bound


def load(tmp_path: Path, text: str | bytes):
    path = tmp_path / "f.yml"
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return load_yaml(path, "f.yml")


def test_keeps_line_and_column_of_every_value(tmp_path: Path) -> None:
    loaded, problems = load(tmp_path, "claims:\n  - id: a\n    quote: 'x'\n")
    assert not problems
    assert loaded.data == {"claims": [{"id": "a", "quote": "x"}]}
    assert str(loaded.location(("claims", 0, "quote"))) == "f.yml:3:12"
    assert str(loaded.location(("claims", 0, "quote"), key=True)) == "f.yml:3:5"


def test_duplicate_keys_are_reported_with_both_places(tmp_path: Path) -> None:
    _, problems = load(tmp_path, "a: 1\nb: 2\na: 3\n")
    assert [p.code for p in problems] == ["duplicate-key"]
    assert str(problems[0].location) == "f.yml:3:1"
    assert str(problems[0].related[0]) == "f.yml:1:1"


def test_yaml_11_traps(tmp_path: Path) -> None:
    loaded, problems = load(tmp_path, "a: no\nb: 2025-01-27\nc: 1:30\nd: 0123\ne: true\nf: 5_600\n")
    assert [p.code for p in problems] == ["yaml-1.1-trap"] * 4
    assert loaded.data == {
        "a": "no",
        "b": "2025-01-27",
        "c": "1:30",
        "d": "0123",
        "e": True,
        "f": 5600,
    }


def test_python_tags_are_refused_not_run(tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    text = f'a: !!python/object/apply:os.system ["touch {marker}"]\n'
    _, problems = load(tmp_path, text)
    assert "yaml-tag" in [p.code for p in problems]
    assert not marker.exists()


def test_aliases_are_refused_so_billion_laughs_cannot_expand(tmp_path: Path) -> None:
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for i in range(1, 10):
        refs = ", ".join([f"*a{i - 1}"] * 9)
        lines.append(f"a{i}: &a{i} [{refs}]")
    _, problems = load(tmp_path, "\n".join(lines) + "\n")
    assert {p.code for p in problems} == {"yaml-alias"}


def test_deep_nesting_is_refused_before_the_parser_recurses(tmp_path: Path) -> None:
    depth = 200_000
    _, problems = load(tmp_path, "a: " + "[" * depth + "]" * depth + "\n")
    assert [p.code for p in problems] == ["yaml-too-deep"]
    assert nesting_bound("a:\n  b:\n    c: 1\n") < MAX_DEPTH


def test_invalid_utf8_points_at_the_byte(tmp_path: Path) -> None:
    _, problems = load(tmp_path, b"a: 1\nb: caf\xe9\n")
    assert [p.code for p in problems] == ["not-utf8"]
    assert (problems[0].location.line, problems[0].location.column) == (2, 7)


def test_malformed_yaml_gives_a_located_problem(tmp_path: Path) -> None:
    _, problems = load(tmp_path, "a: [1, 2\nb: 3\n")
    assert [p.code for p in problems] == ["yaml-syntax"]
    assert problems[0].location.line >= 1


def test_oversized_file(tmp_path: Path) -> None:
    line = b"- quote: 'lorem ipsum dolor sit amet'\n"
    text = line * (MAX_FILE_BYTES // len(line) + 1)
    _, problems = load(tmp_path, text)
    assert [p.code for p in problems] == ["file-too-large"]
    assert "split the records" in problems[0].fix
