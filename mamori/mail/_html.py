"""Readable plain text from an HTML mail body, with the stdlib ``html.parser``.

Scripts, styles, titles and templates are dropped; ``<br>`` and block
elements (``<p>``, ``<div>``, ``<li>``, table rows, headings …) become line
breaks; other whitespace collapses the way a browser collapses it, except
inside ``<pre>``. Character references are decoded. Never raises.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

__all__ = ["html_to_text"]

_SKIP = frozenset({"script", "style", "title", "template", "noscript"})
_PARAGRAPH = frozenset(
    {"p", "blockquote", "pre", "table", "ul", "ol", "dl", "h1", "h2", "h3", "h4", "h5", "h6", "hr"}
)
_LINE = frozenset(
    {
        "div",
        "tr",
        "dt",
        "dd",
        "section",
        "article",
        "header",
        "footer",
        "address",
        "form",
        "fieldset",
        "center",
        "caption",
        "figure",
        "figcaption",
        "body",
        "html",
    }
)
_CELL = frozenset({"td", "th"})

_SPACE_RE = re.compile(r"[ \t\r\n\f]+")
_BLANK_LINES_RE = re.compile(r"\n{3,}")
_TAG_RE = re.compile(r"<[^>]*>")


class _TextExtractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip_depth = 0
        self._pre_depth = 0
        self._owed = 0  # line breaks owed before the next text; blocks don't stack

    def _block(self, breaks: int) -> None:
        self._owed = max(self._owed, breaks)

    def _emit(self, text: str) -> None:
        if self._owed:
            self.parts.append("\n" * self._owed)
            self._owed = 0
        self.parts.append(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP:
            self._skip_depth += 1
        elif self._skip_depth:
            return
        elif tag == "br":
            self._emit("\n")
        elif tag == "li":
            self._block(1)
            self._emit("- ")
        elif tag in _PARAGRAPH:
            self._block(2)
        elif tag in _LINE:
            self._block(1)
        elif tag in _CELL:
            self._emit("\t")
        elif tag == "img":
            alt = dict(attrs).get("alt")
            if alt:
                self._emit(f"[{alt}]")
        if tag == "pre":
            self._pre_depth += 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        # <br/>, <img/>: a start tag with no content; <script/> must not open a skip.
        if tag not in _SKIP:
            self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self._skip_depth = max(0, self._skip_depth - 1)
        elif self._skip_depth:
            return
        elif tag in _PARAGRAPH:
            self._block(2)
        elif tag in _LINE or tag == "li":
            self._block(1)
        if tag == "pre":
            self._pre_depth = max(0, self._pre_depth - 1)

    def handle_data(self, data: str) -> None:
        if self._skip_depth:
            return
        if not self._pre_depth:
            data = _SPACE_RE.sub(" ", data)
            if data == " " and self._owed:
                return  # source indentation between blocks
        self._emit(data)


def _tidy(text: str) -> str:
    text = text.replace("\xa0", " ")
    lines = [line.strip(" \t") if line.strip() else "" for line in text.split("\n")]
    return _BLANK_LINES_RE.sub("\n\n", "\n".join(lines)).strip("\n")


def html_to_text(source: str) -> str:
    """Return the readable text of an HTML document or fragment."""
    extractor = _TextExtractor()
    try:
        extractor.feed(source)
        extractor.close()
    except (AssertionError, ValueError, IndexError):
        # _markupbase raises AssertionError on some broken declarations
        # ("<![if"); fall back to stripping tags rather than losing the body.
        return _tidy(html.unescape(_TAG_RE.sub(" ", source)))
    return _tidy("".join(extractor.parts))
