"""Numbers as each language's press writes them (site/numberstyle.py, lang/<lang>/numberstyle.yml).

The examples in each numberstyle.yml are tests (one case each, below); the other tests pin the rules
of issue 10 in every language: the dollar word after the scale word, ranges with the language's
connector and the unit once, ranks as whole ordinals, Arabic dual and plural, Japanese 億
compounds and the Dow in ドル/セント, and the same functions behind chart ticks.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from crosscheck.expressions import Interval
from crosscheck.models import LANGUAGES
from crosscheck.pipeline import run_check
from crosscheck.site.charts import reconciliation_data, spec_data
from crosscheck.site.context import SiteContext, load_strings
from crosscheck.site.locale import SITE_LANGUAGES, format_range, format_value, style
from crosscheck.site.numberstyle import Example, NumberStyleError, load_style, rank_bounds
from tests.conftest import FACTS, REPO, key_date_figure

EXAMPLES = [
    pytest.param(code, example, id=f"{code}-{example.text}")
    for code in LANGUAGES
    for example in style(code).examples
]
SCALE_WORDS = re.compile(r"億|亿|万|萬|兆|میلیارد|میلیون|تریلیون|مليار|مليون|تريليون")


def test_every_language_has_a_number_style_with_examples() -> None:
    assert set(LANGUAGES) == set(SITE_LANGUAGES)
    for code in LANGUAGES:
        examples = style(code).examples
        units = {e.unit for e in examples}
        assert {"USD", "rank"} <= units, code
        assert any(e.lo is not None for e in examples), f"{code}: no range example"


@pytest.mark.parametrize(("code", "example"), EXAMPLES)
def test_the_examples_in_each_numbers_file(code: str, example: Example) -> None:
    if example.value is not None:
        shown = format_value(example.value, example.unit, code, example.figure)
    else:
        assert example.lo is not None and example.hi is not None
        shown = format_range(example.lo, example.hi, example.unit, code, example.figure)
    assert shown == example.text


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("en", "$589 billion"),
        ("fa", "۵۸۹ میلیارد دلار"),
        ("ar", "589 مليار دولار"),
        ("zh-Hant", "5890億美元"),
        ("zh-Hans", "5890亿美元"),
        ("ja", "5890億ドル"),
    ],
)
def test_the_dollar_word_follows_the_scale_word(code: str, expected: str) -> None:
    assert format_value(589e9, "USD", code) == expected


@pytest.mark.parametrize("code", [c for c in LANGUAGES if c != "en"])
@pytest.mark.parametrize("value", [5_576_000.0, 1e12, 118.42, 50.0, 63.074e9, 2e9, 3.5e12])
def test_no_dollar_sign_outside_english(code: str, value: float) -> None:
    shown = format_value(value, "USD", code)
    assert "$" not in shown
    if code == "ar":
        assert "US" not in shown


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("en", "$589 billion to $593 billion"),
        ("fa", "۵۸۹ تا ۵۹۳ میلیارد دلار"),
        ("ar", "ما بين 589 و593 مليار دولار"),
        ("zh-Hant", "5890億至5930億美元"),
        ("zh-Hans", "5890亿至5930亿美元"),
        ("ja", "5890億〜5930億ドル"),
    ],
)
def test_ranges_use_the_connector_and_write_the_unit_once(code: str, expected: str) -> None:
    assert format_range(589e9, 593e9, "USD", code) == expected


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("fa", "۲٫۱۱ تا ۲٫۱۳ برابر"),
        ("ar", "ما بين 2.11 و2.13 مرة"),
        ("zh-Hant", "2.11至2.13倍"),
        ("zh-Hans", "2.11至2.13倍"),
        ("ja", "2.11〜2.13倍"),
    ],
)
def test_multiplier_ranges_write_the_multiplier_once(code: str, expected: str) -> None:
    assert format_range(2.11, 2.13, "ratio", code) == expected


@pytest.mark.parametrize(
    ("code", "third", "first"),
    [
        ("en", "third", "first"),
        ("fa", "رتبه سوم", "رتبه نخست"),
        ("ar", "المرتبة الثالثة", "المرتبة الأولى"),
        ("zh-Hant", "第三名", "第一名"),
        ("zh-Hans", "第三位", "第一位"),
        ("ja", "3位", "1位"),
    ],
)
def test_ranks_are_ordinals(code: str, third: str, first: str) -> None:
    assert format_value(3, "rank", code) == third
    assert format_value(1, "rank", code) == first


@pytest.mark.parametrize("code", LANGUAGES)
def test_a_rank_interval_is_shown_as_whole_ranks(code: str) -> None:
    """[2.5, 3.5] is what the precision of "3rd" allows: it is rank 3, never 2.5 to 3.5."""
    widened = format_range(2.5, 3.5, "rank", code)
    assert widened == format_value(3, "rank", code)
    assert not re.search(r"[0-9۰-۹][.٫][0-9۰-۹]", widened)
    assert rank_bounds(2.5, 3.5) == (3, 3)
    assert rank_bounds(1.5, 4.5) == (2, 4)


def test_rank_ranges_never_mix_words_and_digits() -> None:
    for code in ("en", "fa", "ar", "zh-Hans", "zh-Hant"):
        words = format_range(2, 4, "rank", code)
        assert not re.search(r"[0-9۰-۹]", words), words
        digits = format_range(9, 12, "rank", code)
        assert len(re.findall(r"[0-9۰-۹]+", digits)) == 2, digits


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (1, "مرة واحدة"),
        (2, "مرتان"),
        (3, "3 مرات"),
        (10, "10 مرات"),
        (11, "11 مرة"),
        (2.5, "2.5 مرة"),
    ],
)
def test_arabic_counts_agree_in_number(value: float, expected: str) -> None:
    assert format_value(value, "ratio", "ar") == expected


def test_arabic_scale_words_agree_in_number() -> None:
    assert format_value(2e9, "USD", "ar") == "ملياري دولار"
    assert format_value(5e9, "USD", "ar") == "5 مليارات دولار"
    assert format_value(1e12, "USD", "ar") == "تريليون دولار"
    assert format_range(5e9, 12e9, "USD", "ar") == "ما بين 5 مليارات و12 مليار دولار"


def test_japanese_writes_no_decimal_on_oku_or_man() -> None:
    assert format_value(588.75e9, "USD", "ja") == "5887億5000万ドル"
    assert format_value(5_576_000, "USD", "ja") == "557万6000ドル"
    assert format_value(1.15e12, "USD", "ja") == "1兆1500億ドル"
    assert format_range(588.75e9, 588.85e9, "USD", "ja") == "5887億5000万〜5888億5000万ドル"


def test_japanese_gives_the_dow_in_dollars_and_cents() -> None:
    dow = "USD"  # the Dow's points_in: a price-weighted average in dollars
    assert format_value(289.33, "points", "ja", dow) == "289ドル33セント"
    assert format_value(274.05, "points", "ja", dow) == "274ドル5セント"
    assert format_value(289.0, "points", "ja", dow) == "289ドル"
    assert format_value(289.33, "points", "ja") == "289.33ポイント"
    assert format_value(0.65, "percent", "ja", "USD") == "0.65%"
    for code in ("zh-Hans", "zh-Hant", "fa", "ar", "en"):
        assert "ドル" not in format_value(289.33, "points", code, dow)


@pytest.mark.parametrize(
    ("code", "spelled", "digits"),
    [
        ("fa", "یک میلیون دلار", "۱ میلیون دلار"),
        ("ar", "مرتان", "2 مرة"),
        ("en", "third", "3rd"),
        ("ar", "المرتبة الثالثة", "المرتبة 3"),
        ("zh-Hans", "第三位", "第3位"),
    ],
)
def test_axis_ticks_keep_to_digits(code: str, spelled: str, digits: str) -> None:
    value, unit = {"یک میلیون دلار": (1e6, "USD"), "مرتان": (2, "ratio")}.get(spelled, (3, "rank"))
    assert format_value(value, unit, code) == spelled
    assert format_value(value, unit, code, words=False) == digits


def test_a_range_spells_out_no_number() -> None:
    assert format_range(1e12, 1.2e12, "USD", "fa") == "۱ تا ۱٫۲ تریلیون دلار"
    assert format_range(2e9, 5e9, "USD", "ar") == "ما بين 2 مليار و5 مليارات دولار"


def test_persian_uses_persian_digits_and_dorsad() -> None:
    shown = format_range(33, 34, "percent", "fa")
    assert shown == "۳۳ تا ۳۴ درصد"
    assert format_value(-3.1, "percent", "fa") == "\u200e−۳٫۱ درصد"


# -- the data files are checked when read ---------------------------------------------------


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("numerals: roman\nrange: '{lo}-{hi}'\n", "numerals"),
        ("numerals: latn\nrange: '{lo} to'\n", "range"),
        ("numerals: latn\nrange: '{lo}-{hi}'\nunits: {USD: {one: '{x}'}}\n", "units.USD"),
        ("numerals: latn\nrange: '{lo}-{hi}'\nunits: {USD: {oen: '{x}', other: '{x}'}}\n", "oen"),
        ("numerals: latn\nrange: '{lo}-{hi}'\nrepeat_in_range: [sclae]\n", "sclae"),
        ("numerals: latn\nrange: '{lo}-{hi}'\nfigure_units: {points: {USD: nope}}\n", "nope"),
    ],
)
def test_a_broken_numbers_file_names_the_file_and_key(
    tmp_path: Path, text: str, message: str
) -> None:
    path = tmp_path / "xx" / "numberstyle.yml"
    path.parent.mkdir()
    path.write_text(text, encoding="utf-8")
    with pytest.raises(NumberStyleError, match=re.escape(message)) as raised:
        load_style("xx", "en", tmp_path)
    assert str(raised.value).startswith(path.as_posix())


# -- charts: ticks go through the same functions ----------------------------------------------


@pytest.fixture(scope="module")
def contexts() -> dict[str, SiteContext]:
    result = run_check(FACTS)
    strings = load_strings(REPO / "build")
    return {code: SiteContext.create(result, code, strings, key_date_figure()) for code in strings}


def _spec(chart_id: str) -> dict[str, object]:
    import yaml

    data = yaml.safe_load((REPO / "build" / "charts" / f"{chart_id}.yml").read_text())
    assert isinstance(data, dict)
    return {"id": chart_id, **data}


@pytest.mark.parametrize("code", [c for c in LANGUAGES if c != "en"])
def test_chart_ticks_write_dollars_as_the_prose_does(
    contexts: dict[str, SiteContext], code: str
) -> None:
    for chart_id in ("cost-scale", "largest-losses"):
        chart = spec_data(contexts[code], _spec(chart_id))
        labels = [label for _, label in chart.ticks]
        assert labels, chart_id
        assert not any("$" in label for label in labels), labels
        assert [label for _, label in chart.ticks] == [
            format_value(x, chart.unit, code, words=False) for x, _ in chart.ticks
        ]
        assert all(re.search(r"[0-9۰-۹]", label) for label in labels), labels
    assert not any(SCALE_WORDS.search(label) and "$" in label for label in labels)


@pytest.mark.parametrize("code", LANGUAGES)
def test_rank_charts_have_whole_ranks_on_the_axis(
    contexts: dict[str, SiteContext], code: str
) -> None:
    ctx = contexts[code]
    ranks = [f for f, located in ctx.result.base.figures.items() if located.record.unit == "rank"]
    charted = [c for c in (reconciliation_data(ctx, f) for f in ranks) if c is not None]
    assert charted, "the fact base has rank figures with claims"
    for chart in charted:
        assert chart.ticks
        assert all(float(x).is_integer() for x, _ in chart.ticks), chart.ticks
        for row in chart.rows:
            assert not re.search(r"[0-9۰-۹][.٫][0-9۰-۹]", row.text), row.text


def test_the_dow_chart_axis_is_in_dollars_in_japanese(contexts: dict[str, SiteContext]) -> None:
    chart = reconciliation_data(contexts["ja"], "dow-gain-points-2025-01-27")
    assert chart is not None
    assert chart.axis == "ドル"
    assert all("ドル" in label and "ポイント" not in label for _, label in chart.ticks)
    english = reconciliation_data(contexts["en"], "dow-gain-points-2025-01-27")
    assert english is not None and english.axis == contexts["en"].t("units.points")


def test_interval_of_a_context_uses_the_figure(contexts: dict[str, SiteContext]) -> None:
    ctx = contexts["ja"]
    shown = ctx.interval(Interval(288.5, 289.5), "points", figure="dow-gain-points-2025-01-27")
    assert shown == "288ドル50セント〜289ドル50セント"
    assert ctx.interval(Interval(2.5, 3.5), "rank") == "3位"
    assert ctx.interval(Interval(1.5, float("inf")), "rank") == ctx.t(
        "figure_page.open_interval_above", lo="2位"
    )


@pytest.mark.parametrize(
    ("code", "lower", "upper"),
    [
        ("en", "$589 billion", "$593 billion"),
        ("fa", "۵۸۹", "۵۹۳ میلیارد دلار"),
        ("ar", "589", "593 مليار دولار"),
        ("zh-Hans", "5890亿", "5930亿美元"),
        ("ja", "5890億", "5930億ドル"),
    ],
)
def test_a_sentence_with_its_own_connector_gets_the_unit_once(
    contexts: dict[str, SiteContext], code: str, lower: str, upper: str
) -> None:
    ends = contexts[code].interval_ends(Interval(589e9, 593e9), "USD")
    assert ends == (lower, upper)
    joined = style(code).range.replace("{lo}", ends[0]).replace("{hi}", ends[1])
    assert joined == format_range(589e9, 593e9, "USD", code)
    assert contexts["fa"].interval_ends(Interval(2, 4), "rank") == ("رتبه دوم", "چهارم")


# -- any value, any language ------------------------------------------------------------------

AMOUNTS = st.floats(min_value=0.01, max_value=9e15, allow_nan=False, allow_infinity=False)


@settings(max_examples=300, deadline=None)
@given(code=st.sampled_from([c for c in LANGUAGES if c != "en"]), lo=AMOUNTS, hi=AMOUNTS)
def test_any_dollar_amount_or_range_has_no_sign_and_one_connector(
    code: str, lo: float, hi: float
) -> None:
    lo, hi = sorted((lo, hi))
    for shown in (format_value(lo, "USD", code), format_range(lo, hi, "USD", code)):
        assert "$" not in shown and "US" not in shown and "{" not in shown, shown
    ranged = format_range(lo, hi, "USD", code)
    if format_value(lo, "USD", code) != format_value(hi, "USD", code):
        parts = [p for p in re.split(r"\{lo\}|\{hi\}", style(code).range) if p.strip()]
        assert all(part.strip() in ranged for part in parts), ranged


@settings(max_examples=200, deadline=None)
@given(
    code=st.sampled_from(LANGUAGES),
    lo=st.floats(min_value=0.5, max_value=40),
    width=st.floats(min_value=0, max_value=5),
)
def test_any_rank_interval_shows_whole_ranks(code: str, lo: float, width: float) -> None:
    shown = format_range(lo, lo + width, "rank", code)
    assert not re.search(r"[0-9۰-۹][.٫][0-9۰-۹]", shown), shown
    assert "{" not in shown


def test_a_gloss_writes_the_figure_as_its_reference(contexts: dict[str, SiteContext]) -> None:
    """The Chinese article's Dow points, glossed on a Japanese page, read in ドル like the
    reference beside them; on a Persian page in واحد."""
    from crosscheck.site.macros import Macros

    japanese = str(Macros(contexts["ja"], "index.html").stated("zhs-dow-points"))
    assert "289ドル" in japanese and "ポイント" not in japanese
    persian = str(Macros(contexts["fa"], "index.html").stated("zhs-dow-points"))
    assert "واحد" in persian


@pytest.mark.parametrize(
    ("code", "within", "across"),
    [
        ("ja", "2025年1月27日〜2月2日", "2024年12月27日〜2025年2月2日"),
        ("zh-Hans", "2025年1月27日至2月2日", "2024年12月27日至2025年2月2日"),
        ("zh-Hant", "2025年1月27日至2月2日", "2024年12月27日至2025年2月2日"),
    ],
)
def test_a_day_range_within_one_year_writes_the_year_once(
    code: str, within: str, across: str
) -> None:
    assert format_range("2025-01-27", "2025-02-02", "date", code) == within
    assert format_range("2024-12-27", "2025-02-02", "date", code) == across
