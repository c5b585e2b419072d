"""No input file ever produces a traceback: random bytes, random YAML, mutated real files."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from crosscheck.pipeline import run_check
from tests.conftest import FACTS

SETTINGS = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
REAL_TEXT = (FACTS / "figures" / "nvidia-selloff.yml").read_text(encoding="utf-8")
KEYS = ["id", "quote", "stated", "value", "figure", "source", "verdict", "hedge", "reference",
        "lo", "hi", "derive", "evidence", "ref", "unit", "snapshot", "sha256", "expr", "en"]  # fmt: skip


def check_file(content: bytes) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        facts = Path(tmp) / "facts"
        shutil.copytree(FACTS / "sources", facts / "sources")
        (facts / "fuzz.yml").write_bytes(content)
        result = run_check(facts)
        for problem in result.problems:
            assert problem.render()


@SETTINGS
@given(st.binary(max_size=2000))
def test_random_bytes(content: bytes) -> None:
    check_file(content)


scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), st.text(max_size=30),
    st.sampled_from(["2025-01-27", "no", "1:30", "5.6M", "{a} / {b}", "javascript:x", "../../x"]),
)  # fmt: skip
documents = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(
            st.one_of(st.sampled_from(KEYS), st.text(max_size=8)), children, max_size=5
        ),
    ),
    max_leaves=25,
)
sections = st.dictionaries(
    st.sampled_from(["sources", "figures", "claims", "references", "constraints", "other"]),
    st.lists(documents, max_size=3),
    max_size=3,
)


@SETTINGS
@given(sections)
def test_random_yaml_documents(document: dict[str, object]) -> None:
    check_file(yaml.safe_dump(document, allow_unicode=True).encode("utf-8"))


@SETTINGS
@given(st.lists(st.tuples(st.integers(0, len(REAL_TEXT)), st.text(max_size=3)), max_size=6))
def test_mutated_real_file(edits: list[tuple[int, str]]) -> None:
    text = REAL_TEXT
    for position, insert in edits:
        text = text[:position] + insert + text[position + 2 :]
    check_file(text.encode("utf-8"))
