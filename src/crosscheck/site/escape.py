"""Text is data, never markup: one escaping function per output format, used everywhere.

- ``html_text``: text (or an attribute value) inside HTML.
- ``markdown_safe_html``: HTML handed to Python-Markdown inside a page's Markdown. Escaping is
  not enough there: Markdown parses the text between inline tags again (``*x*{: onfocus=…}``
  becomes an attribute through attr_list, ``[x](javascript:…)`` a link, ``|`` a table cell), and
  which characters matter depends on the extensions that happen to be on. So the HTML never
  reaches Markdown's parser at all: it travels as an opaque token of hex digits that
  ``InertHtmlExtension`` swaps for a Python-Markdown stash placeholder before any block or
  inline processor runs; Markdown's own raw-HTML postprocessor puts the HTML back after
  parsing, byte for byte. Whatever extensions are enabled, they only ever see the placeholder.
- ``csv_cell``: a text cell of a CSV file (spreadsheets run cells that start like a formula).
"""

from __future__ import annotations

import re
from typing import Any

from markdown import Extension, Markdown
from markdown.preprocessors import Preprocessor
from markupsafe import Markup, escape

# C0 controls (except TAB, LF, CR), DEL and C1 controls have no business in reader-facing text,
# and two of them (STX, ETX) delimit Python-Markdown's own placeholders: a quote carrying
# "\x02wzxhzdk:3\x03" would otherwise pull another stashed fragment into the page.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
REPLACEMENT = "\ufffd"

# Private-use code points delimit a token. Markdown source from docs/ may not contain them
# (render_macros refuses it), and tokens hold only hex digits, so no token can be forged or cut.
TOKEN_OPEN = "\ue000"
TOKEN_CLOSE = "\ue001"
_TOKEN = re.compile(f"{TOKEN_OPEN}([0-9a-f]*){TOKEN_CLOSE}")
_DELIMITERS = re.compile(f"[{TOKEN_OPEN}{TOKEN_CLOSE}]")


def plain_text(value: object) -> str:
    """The text itself, with control characters replaced (they would be invisible or worse)."""
    return _CONTROL.sub(REPLACEMENT, str(value))


def html_text(value: object) -> Markup:
    """Text for HTML element content or a quoted attribute value: &, <, >, " and ' escaped."""
    if isinstance(value, Markup):
        return value
    return escape(plain_text(value))


def markdown_safe_html(html: Markup) -> str:
    """HTML for a Markdown document that Markdown passes through untouched (see above).

    Only ``Markup`` is accepted: text must be escaped with ``html_text`` first."""
    if not isinstance(html, Markup):
        raise TypeError("markdown_safe_html takes Markup: escape text with html_text first")
    return TOKEN_OPEN + str(html).encode("utf-8").hex() + TOKEN_CLOSE


def has_token_delimiters(text: str) -> bool:
    return _DELIMITERS.search(text) is not None


class _RestoreInertHtml(Preprocessor):
    """Tokens → Python-Markdown stash placeholders, after whitespace normalisation (priority 30,
    which strips STX/ETX from the source) and before raw-HTML blocks (20) and everything else."""

    def run(self, lines: list[str]) -> list[str]:
        text = "\n".join(lines)
        if TOKEN_OPEN not in text:
            return lines

        def stash(match: re.Match[str]) -> str:
            return self.md.htmlStash.store(bytes.fromhex(match.group(1)).decode("utf-8"))

        return _TOKEN.sub(stash, text).split("\n")


class InertHtmlExtension(Extension):
    """Enable ``markdown_safe_html`` tokens in a Markdown instance."""

    def extendMarkdown(self, md: Markdown) -> None:
        md.preprocessors.register(_RestoreInertHtml(md), "crosscheck_inert_html", 25)


# OWASP, CSV injection: a cell starting with one of these is read as a formula by Excel,
# LibreOffice or Google Sheets; prefixing a single quote makes it text.
# https://owasp.org/www-community/attacks/CSV_Injection
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: Any) -> str:
    """A text cell of a CSV file: formula triggers neutralised, control characters replaced.

    Only for text columns: numeric columns are written as numbers (see data.py), because a
    leading quote would turn -16.97 into text in every spreadsheet and every CSV reader."""
    if value is None:
        return ""
    text = _CONTROL.sub(REPLACEMENT, str(value))
    if text.startswith(_FORMULA_START):
        return "'" + text
    return text
