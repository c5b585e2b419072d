"""`crosscheck suggest` on small invented articles in every language, against a small invented
fact base (never the seeds): the numbers found, the figures proposed, the drafts' verdicts, and
that a pasted draft passes the checker's quote, number and hedge rules."""

from __future__ import annotations

import hashlib
import json
from datetime import date
from pathlib import Path

import pytest
import yaml

from crosscheck.cli import main
from crosscheck.numerals import PartialDate
from crosscheck.pipeline import CheckResult, run_check
from crosscheck.suggest import (
    SuggestError,
    detect_language,
    find_mentions,
    read_text,
    render_json,
    render_yaml,
    resolve_date,
    suggest,
    to_json,
    tokens,
)

FIGURES = """\
figures:
  - id: acme-drop
    label: {en: "Acme's share fall on 3 March 2026", fa: "افت سهم اکمی در ۳ مارس ۲۰۲۶",
            ar: "تراجع سهم أكمي في 3 مارس 2026", ja: "アクメ株の2026年3月3日の下落率",
            zh-Hans: "阿克米股价2026年3月3日跌幅", zh-Hant: "阿克米股價2026年3月3日跌幅"}
    definition: {en: "Close-to-close fall of Acme's shares on 3 March 2026, in percent."}
    unit: percent
    as_of: "2026-03-03"
    reference: {value: 12.0, evidence: [{ref: ref-a}]}
  - id: acme-loss
    label: {en: "Acme's loss of market value on 3 March 2026",
            fa: "کاهش ارزش بازار اکمی در ۳ مارس ۲۰۲۶", ar: "خسارة القيمة السوقية لأكمي في 3 مارس 2026",
            ja: "アクメの2026年3月3日の時価総額の減少", zh-Hans: "阿克米2026年3月3日市值损失",
            zh-Hant: "阿克米2026年3月3日市值損失"}
    definition: {en: "Fall in Acme's market value on 3 March 2026, in US dollars."}
    unit: USD
    as_of: "2026-03-03"
    reference: {value: 40_000_000_000, precision: 1_000_000_000, evidence: [{ref: ref-a}]}
  - id: acme-rank
    label: {en: "Acme's rank by market value after the fall", fa: "رتبه اکمی از نظر ارزش بازار",
            ar: "مرتبة أكمي من حيث القيمة السوقية", ja: "アクメの時価総額順位",
            zh-Hans: "阿克米市值排名", zh-Hant: "阿克米市值排名"}
    definition: {en: "Acme's rank among listed companies by market value at the 3 March 2026 close."}
    unit: rank
    as_of: "2026-03-03"
    reference: {value: 3, evidence: [{ref: ref-a}]}
  - id: crash-date
    label: {en: "The day of the Acme crash", fa: "روز سقوط اکمی", ar: "يوم انهيار أكمي",
            ja: "アクメ急落の日", zh-Hans: "阿克米暴跌之日", zh-Hant: "阿克米暴跌之日"}
    definition: {en: "The trading day on which Acme's shares crashed."}
    unit: date
    as_of: "2026-03-03"
    reference: {value: "2026-03-03", evidence: [{ref: ref-a}]}
  - id: widget-output
    label: {en: "Widgets made by Globex in 2025", fa: "ویجت‌های ساخت گلوبکس در ۲۰۲۵",
            ar: "الأدوات التي صنعتها غلوبكس في 2025", ja: "グロベックスの2025年のウィジェット生産",
            zh-Hans: "环球公司2025年小部件产量", zh-Hant: "環球公司2025年小部件產量"}
    definition: {en: "Number of widgets Globex made in 2025."}
    unit: count
    as_of: "2025-12-31"
    reference: {value: 900, evidence: [{ref: ref-a}]}
"""

REFERENCES = """\
references:
  - id: ref-a
    url: "https://example.org/evidence-a"
    publisher: Example Wire
    title: "Evidence A"
    date: "2026-03-04"
    excerpt: "The figure as the evidence states it."
"""

# One invented article per language: Acme fell 12% (nearly, in one), lost $40 billion, dropped
# to third place, on Tuesday 3 March 2026; plus a number about nothing in the base.
ARTICLES = {
    "en": "Acme shares crashed on Tuesday, a share fall of nearly 12%. Acme lost $40 billion of market value. "
    "Acme dropped to third place by market value. The weather was 21 degrees.\n",
    "fa": "سهم اکمی روز سه‌شنبه نزدیک به 12 درصد افت کرد. ارزش بازار اکمی 40 میلیارد دلار کاهش یافت. "
    "اکمی از نظر ارزش بازار به رتبه سوم رسید. دمای هوا 21 درجه بود.\n",
    "ar": "تراجع سهم أكمي يوم الثلاثاء بنحو 12%. خسرت أكمي 40 مليار دولار من قيمتها السوقية. "
    "تراجعت أكمي إلى المرتبة الثالثة من حيث القيمة السوقية. كانت الحرارة 21 درجة.\n",
    "ja": "アクメの株価は3月3日に12%近く下落した。アクメの時価総額は400億ドル減少した。"
    "アクメは時価総額で3位に後退した。気温は21度だった。\n",
    "zh-Hans": "阿克米股价3月3日下跌12%。阿克米市值损失了400亿美元。"
    "阿克米市值排名跌至第三名。当天气温为21度。\n",
    "zh-Hant": "阿克米股價3月3日下跌12%。阿克米市值損失了400億美元。"
    "阿克米市值排名跌至第三名。當天氣溫為21度。\n",
}


def _write_base(root: Path, language: str, article: str) -> str:
    (root / "figures").mkdir(parents=True)
    (root / "evidence").mkdir()
    (root / "sources").mkdir()
    (root / "figures" / "acme.yml").write_text(FIGURES, encoding="utf-8")
    (root / "evidence" / "references.yml").write_text(REFERENCES, encoding="utf-8")
    source_id = f"wire-{language.lower()}"
    snapshot = root / "sources" / f"{source_id}.txt"
    snapshot.write_text(article, encoding="utf-8")
    digest = hashlib.sha256(article.encode("utf-8")).hexdigest()
    (root / "sources" / f"{source_id}.yml").write_text(
        f"""sources:
  - id: {source_id}
    snapshot: {source_id}.txt
    sha256: {digest}
    language: {language}
    title: "Acme"
    title_translation: {{en: "Acme"}}
    short_name: {{en: "A wire"}}
    date: "2026-03-04"
    translation_chain:
      - {{language: {language}, method: original}}
""",
        encoding="utf-8",
    )
    return source_id


@pytest.fixture(params=sorted(ARTICLES))
def article_base(request: pytest.FixtureRequest, tmp_path: Path) -> tuple[str, str, Path]:
    language = request.param
    source_id = _write_base(tmp_path / "facts", language, ARTICLES[language])
    return language, source_id, tmp_path / "facts"


def _drafts(language: str, source_id: str, facts: Path) -> tuple[CheckResult, list]:
    result = run_check(facts)
    text = (facts / "sources" / f"{source_id}.txt").read_text(encoding="utf-8")
    return result, list(suggest(result, text, "article.txt", source=source_id).drafts)


def test_each_language_finds_the_figures(article_base: tuple[str, str, Path]) -> None:
    language, source_id, facts = article_base
    _, drafts = _drafts(language, source_id, facts)
    by_figure = {d.figure: d for d in drafts if d.figure}
    assert by_figure["acme-drop"].value == 12
    assert by_figure["acme-drop"].verdict in ("accurate", "hedged")
    assert by_figure["acme-loss"].value == 40_000_000_000
    assert by_figure["acme-loss"].verdict == "accurate"
    assert by_figure["acme-rank"].value == 3
    assert by_figure["acme-rank"].mention.kind == "ordinal"
    assert by_figure["acme-rank"].verdict == "accurate"
    unmatched = [d for d in drafts if d.figure is None]
    assert any(d.value == 21 for d in unmatched), [d.mention.stated for d in drafts]


def test_the_hedge_is_read_as_check_reads_it(article_base: tuple[str, str, Path]) -> None:
    language, source_id, facts = article_base
    _, drafts = _drafts(language, source_id, facts)
    drop = next(d for d in drafts if d.figure == "acme-drop")
    expected = {"en": "nearly", "fa": "nearly", "ja": "nearly", "ar": "about"}
    assert drop.mention.hedge == expected.get(language, "none")


def test_pasted_drafts_pass_the_checker(article_base: tuple[str, str, Path]) -> None:
    """The YAML printed is valid, and pasted into the base its claims raise no quote, number,
    hedge or verdict problem (only translations remain to write)."""
    language, source_id, facts = article_base
    result, _ = _drafts(language, source_id, facts)
    text = (facts / "sources" / f"{source_id}.txt").read_text(encoding="utf-8")
    rendered = render_yaml(suggest(result, text, "article.txt", source=source_id))
    data = yaml.safe_load(rendered)
    assert data["claims"], rendered
    for claim in data["claims"]:
        claim["translation"] = {"en": "An invented sentence."}
    (facts / "figures" / "drafts.yml").write_text(
        yaml.safe_dump(data, allow_unicode=True), encoding="utf-8"
    )
    problems = [
        p
        for p in run_check(facts).problems
        if p.location.path.endswith("drafts.yml") and not p.code.startswith("translation")
    ]
    assert problems == [], [p.render() for p in problems]


def test_a_weekday_is_read_against_the_source_date(tmp_path: Path) -> None:
    source_id = _write_base(tmp_path / "facts", "en", ARTICLES["en"])
    _, drafts = _drafts("en", source_id, tmp_path / "facts")
    tuesday = next(d for d in drafts if d.mention.stated == "Tuesday")
    assert (tuesday.figure, tuesday.value, tuesday.verdict) == (
        "crash-date",
        "2026-03-03",
        "accurate",
    )


def test_a_date_written_with_a_month_name_is_drafted(tmp_path: Path) -> None:
    article = "The day of the Acme crash was March 3, 2026, when its shares crashed.\n"
    source_id = _write_base(tmp_path / "facts", "en", article)
    _, drafts = _drafts("en", source_id, tmp_path / "facts")
    crash = next(d for d in drafts if d.mention.kind == "date")
    assert (crash.mention.stated, crash.figure, crash.value, crash.verdict) == (
        "March 3, 2026",
        "crash-date",
        "2026-03-03",
        "accurate",
    )


def test_one_source_states_one_value_of_a_figure() -> None:
    from crosscheck.suggest import Mention, Scored, assign

    mention = Mention(1, "q", "s", "number", frozenset({"USD"}))
    first = [Scored("loss", 10.0, 40e9, closeness=1.0)]
    second = [Scored("loss", 8.0, 30e9, closeness=0.6), Scored("gain", 6.0, 30e9)]
    assert [
        [s.figure for s in picks] for picks in assign([(mention, first), (mention, second)])
    ] == [
        ["loss"],
        ["gain"],
    ]
    # A range that holds the other value ("tens of billions") can be said of the same figure.
    vague = [Scored("loss", 8.0, 20e9, 90e9, closeness=0.6), Scored("gain", 6.0, 20e9, 90e9)]
    assert [
        [s.figure for s in picks] for picks in assign([(mention, first), (mention, vague)])
    ] == [
        ["loss"],
        ["loss"],
    ]


def test_hostile_snapshot_text_reaches_the_output_inert(tmp_path: Path) -> None:
    """Snapshot text is data: terminal escapes and bidi controls come out as \\u escapes, and
    a YAML-looking quote stays one quoted scalar."""
    article = 'Acme lost $40 billion of market value \x1b[31m\u202e" ]} - id: evil.\n'
    source_id = _write_base(tmp_path / "facts", "en", article)
    result = run_check(tmp_path / "facts")
    suggestions = suggest(result, article, "a.txt", source=source_id)
    for rendered in (render_yaml(suggestions), render_json(suggestions)):
        assert "\x1b" not in rendered and "\u202e" not in rendered
    data = yaml.safe_load(render_yaml(suggestions))
    assert [claim["stated"] for claim in data["claims"]] == ["$40 billion"]
    assert "\x1b[31m\u202e" in data["claims"][0]["quote"]


def test_a_text_without_numbers_gives_an_empty_list(tmp_path: Path) -> None:
    source_id = _write_base(tmp_path / "facts", "en", ARTICLES["en"])
    result = run_check(tmp_path / "facts")
    suggestions = suggest(result, "No numbers here.\n", "a.txt", source=source_id)
    assert suggestions.drafts == ()
    assert yaml.safe_load(render_yaml(suggestions))["claims"] == []


def test_json_has_the_documented_keys(tmp_path: Path) -> None:
    source_id = _write_base(tmp_path / "facts", "en", ARTICLES["en"])
    result, _ = _drafts("en", source_id, tmp_path / "facts")
    suggestions = suggest(result, ARTICLES["en"], "a.txt", source=source_id)
    records = json.loads(render_json(suggestions))
    assert records == json.loads(json.dumps(to_json(suggestions)))
    keys = {"quote", "stated", "value", "hedge", "figure", "verdict", "confidence", "alternatives"}
    assert records and all(keys <= set(record) for record in records)


@pytest.mark.parametrize(
    ("text", "language", "absent"),
    [
        ("One of the analysts left early.", "en", "One"),
        ("این یک طرح بزرگ است و نه کوچک.", "fa", "یک"),
        ("这是一个很大的数据中心。", "zh-Hans", "一"),
        ("Nvidia's R1 and H800 chips and GPT-4 were discussed.", "en", "1"),
        ("His first week in office was busy.", "en", None),
    ],
)
def test_everyday_words_and_names_are_no_numbers(
    text: str, language: str, absent: str | None
) -> None:
    mentions = find_mentions(text, language)
    if absent is None:  # an ordinal with no rank word: found, but about no rank figure
        assert all(m.units == frozenset() for m in mentions if m.kind == "ordinal")
    else:
        assert all(absent not in m.stated for m in mentions), [m.stated for m in mentions]


@pytest.mark.parametrize(
    ("text", "language", "stated"),
    [
        ("Acme's fall was the largest one-day loss ever.", "en", "largest"),
        ("アクメの下落は過去最大となった。", "ja", "過去最大"),
        ("Acme's fall was one of the largest one-day losses.", "en", None),
    ],
)
def test_a_superlative_is_rank_one_where_the_checker_reads_it(
    text: str, language: str, stated: str | None
) -> None:
    ranks = [m for m in find_mentions(text, language) if m.kind == "ordinal"]
    if stated is None:  # "one of the largest": one of several, no rank
        assert ranks == []
    else:
        assert [(m.stated, m.units, m.quantity and m.quantity.value) for m in ranks] == [
            (stated, {"rank"}, 1)
        ]


def test_stated_keeps_scale_and_unit_words() -> None:
    stated = {m.stated for m in find_mentions("Meta will spend $65 billion this year.", "en")}
    assert "$65 billion" in stated
    stated = {m.stated for m in find_mentions("時価総額は5,888億ドル減少した。", "ja")}
    assert "5,888億ドル" in stated
    stated = {m.stated for m in find_mentions("ارزش بازار ۵۸۹ میلیارد دلار کاهش یافت.", "fa")}
    assert "۵۸۹ میلیارد دلار" in stated  # the snapshot's own digits, as a quote needs


@pytest.mark.parametrize(("language", "text"), list(ARTICLES.items()))
def test_the_language_is_told_by_its_script(language: str, text: str) -> None:
    assert detect_language(text * 3) == language


def test_dates_are_read_as_a_local_editor_writes_them() -> None:
    context = date(2025, 1, 31)
    assert resolve_date(PartialDate(weekday=0), context) == "2025-01-27"
    assert resolve_date(PartialDate(month=10), context) == "2024-10"
    assert resolve_date(PartialDate(month=1, day=24), context) == "2025-01-24"
    assert resolve_date(PartialDate(year=1950, decade=True), context) == "1950"
    assert resolve_date(PartialDate(year=2024, month=5), context) == "2024-05"


def test_traditional_and_simplified_share_words_only_through_variants() -> None:
    assert tokens("阿克米市值損失") & tokens("阿克米市值损失") == {"阿克", "克米", "米市", "市值"}
    assert "损失" in tokens("阿克米市值損失", {ord("損"): "损"})


def test_a_huge_line_of_numbers_is_bounded(tmp_path: Path) -> None:
    """No full stop in a megabyte: quotes are cut to MAX_QUOTE, the drafts stop at
    MAX_MENTIONS and say so."""
    from crosscheck.suggest import MAX_MENTIONS, MAX_QUOTE

    source_id = _write_base(tmp_path / "facts", "en", ARTICLES["en"])
    result = run_check(tmp_path / "facts")
    text = "Acme lost $40 billion, " * 40_000
    suggestions = suggest(result, text, "huge.txt", source=source_id)
    assert suggestions.truncated
    assert 0 < len(suggestions.drafts) <= MAX_MENTIONS
    assert all(len(d.mention.quote) <= MAX_QUOTE for d in suggestions.drafts)
    assert "stopped after" in render_yaml(suggestions)


def test_unreadable_snapshots_are_located_errors(tmp_path: Path) -> None:
    with pytest.raises(SuggestError) as missing:
        read_text(tmp_path / "absent.txt", "absent.txt")
    assert missing.value.problem.code == "file-unreadable"
    binary = tmp_path / "binary.txt"
    binary.write_bytes(b"Acme fell\n12% \xff")
    with pytest.raises(SuggestError) as not_text:
        read_text(binary, "binary.txt")
    problem = not_text.value.problem
    assert (problem.code, problem.location.line, problem.location.column) == ("not-utf8", 2, 5)
    with pytest.raises(SuggestError) as folder:
        read_text(tmp_path, "folder")
    assert folder.value.problem.code == "file-unreadable"


def test_cli_prints_yaml_and_exits_by_the_rules(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    facts = tmp_path / "facts"
    source_id = _write_base(facts, "en", ARTICLES["en"])
    snapshot = str(facts / "sources" / f"{source_id}.txt")
    assert main(["suggest", snapshot, "--facts", str(facts)]) == 0
    out = capsys.readouterr().out
    assert yaml.safe_load(out)["claims"][0]["source"] == source_id  # found by its path
    assert main(["suggest", snapshot, "--facts", str(facts), "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)
    assert main(["suggest", str(tmp_path / "absent.txt"), "--facts", str(facts)]) == 1
    assert "error[file-unreadable]" in capsys.readouterr().err
    with pytest.raises(SystemExit) as usage:
        main(["suggest", snapshot, "--facts", str(facts), "--source", "wire"])
    assert usage.value.code == 2
