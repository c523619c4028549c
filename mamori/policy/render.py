"""Turning policy text into HTML for the pages and into a PDF.

The body format is a deliberately tiny subset of Markdown: a blank line
separates paragraphs, lines starting with "- " form a bulleted list, lines
starting with "1. " a numbered list, and ``**text**`` is bold. Everything is
escaped first and markup is built only from our own constants, so no text an
editor types can ever become HTML.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from typing import Any

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import SafeString, mark_safe

from mamori.policy.models import PolicyVersion
from mamori.render import html_to_pdf

__all__ = ["Clause", "clauses", "render_body", "render_policy_pdf"]

_BULLET = re.compile(r"^[-・]\s+(.*)$")
_NUMBERED = re.compile(r"^(\d{1,3})[.)．]\s+(.*)$")
# Applied to already escaped text; "*" is never touched by html.escape.
_BOLD = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*")


def _inline(text: str) -> str:
    return _BOLD.sub(r"<strong>\1</strong>", html.escape(text, quote=True))


def _block(lines: list[str]) -> list[str]:
    out: list[str] = []
    paragraph: list[str] = []
    items: list[str] = []
    list_tag = ""

    def flush_paragraph() -> None:
        if paragraph:
            out.append("<p>" + "<br>".join(_inline(line) for line in paragraph) + "</p>")
            paragraph.clear()

    def flush_list() -> None:
        nonlocal list_tag
        if items:
            out.append(f"<{list_tag}>" + "".join(items) + f"</{list_tag}>")
            items.clear()
        list_tag = ""

    for raw in lines:
        line = raw.strip()
        bullet, numbered = _BULLET.match(line), _NUMBERED.match(line)
        tag = "ul" if bullet else "ol" if numbered else ""
        if tag:
            flush_paragraph()
            if tag != list_tag:
                flush_list()
                list_tag = tag
            content = bullet.group(1) if bullet else numbered.group(2)  # type: ignore[union-attr]
            items.append(f"<li>{_inline(content)}</li>")
        elif list_tag and raw[:1].isspace():
            # An indented line continues the list item above it.
            items[-1] = items[-1].removesuffix("</li>") + "<br>" + _inline(line) + "</li>"
        else:
            flush_list()
            paragraph.append(line)
    flush_paragraph()
    flush_list()
    return out


def render_body(text: str) -> SafeString:
    """The body as safe HTML: paragraphs, lists and bold, with every character escaped."""
    blocks: list[list[str]] = [[]]
    for line in text.replace("\r\n", "\n").split("\n"):
        if line.strip():
            blocks[-1].append(line)
        elif blocks[-1]:
            blocks.append([])
    parts = [part for block in blocks if block for part in _block(block)]
    return mark_safe("\n".join(parts))  # noqa: S308 - built from escaped text and our tags


@dataclass(frozen=True)
class Clause:
    """One section ready for a template, in one language."""

    number: int
    key: str
    heading: str
    body_html: SafeString
    categories: tuple[tuple[str, str], ...]  # (id, display name)


def clauses(version: PolicyVersion, lang: str) -> list[Clause]:
    from mamori.triage import label_name

    return [
        Clause(
            number=index,
            key=section.key,
            heading=section.heading(lang),
            body_html=render_body(section.body(lang)),
            categories=tuple((c, label_name(c, lang)) for c in section.categories),
        )
        for index, section in enumerate(version.text().sections, start=1)
    ]


# --- PDF --------------------------------------------------------------------

_CSS = """
@page {
  size: A4;
  margin: 20mm 18mm 20mm 18mm;
  @top-left { content: string(company); font-size: 8pt; color: #666; }
  @top-right { content: string(doc-mark); font-size: 8pt; color: #a33; }
  @bottom-center { content: counter(page) " / " counter(pages); font-size: 8pt; color: #333; }
}
html {
  font-family: "Noto Sans CJK JP", "Noto Serif CJK JP", sans-serif;
  font-size: 10.5pt; line-height: 1.75; color: #111;
}
body { margin: 0; }
.company { string-set: company content(); font-size: 10pt; color: #444; margin: 0; }
.doc-mark { string-set: doc-mark content(); color: #a33; font-size: 9pt; margin: 0; }
h1 { font-size: 17pt; line-height: 1.4; margin: 2mm 0 1mm 0; }
.meta { color: #555; font-size: 9pt; margin: 0 0 6mm 0; padding-bottom: 3mm;
  border-bottom: 0.8pt solid #333; }
h2 { font-size: 12pt; margin: 6mm 0 2mm 0; padding-left: 2mm;
  border-left: 3pt solid #0b6e4f; break-after: avoid; }
p { margin: 0 0 2.5mm 0; text-align: justify; }
ul, ol { margin: 0 0 2.5mm 0; padding-left: 6mm; }
li { margin: 0 0 1mm 0; }
section { break-inside: auto; }
"""


def render_policy_pdf(version: PolicyVersion, lang: str) -> bytes:
    """One version as an A4 PDF with the Noto CJK font embedded.

    Raises :class:`mamori.render.EngineUnavailable` without WeasyPrint and
    :class:`mamori.render.FontUnavailable` when no Noto CJK font was used.
    The page fetches nothing: every URL fetch is refused.
    """
    organisation = version.policy.organisation
    with translation.override(lang):
        context: dict[str, Any] = {
            "version": version,
            "title": version.text().title(lang),
            "company": (organisation.name_en or organisation.name)
            if lang == "en"
            else organisation.name,
            "clauses": clauses(version, lang),
            "stylesheet": mark_safe(_CSS),  # noqa: S308 - our constant
            "lang": lang,
        }
        document = render_to_string("policy/pdf.html", context)
    return html_to_pdf(document)
