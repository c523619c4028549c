"""The print stylesheet embedded in every HTML report (and so in every PDF).

It holds no user text: running headers take their text from the document
through ``string-set``, so nothing from a case is ever parsed as CSS.
"""

from __future__ import annotations

__all__ = ["stylesheet"]

_CSS = """
@page {
  size: A4;
  margin: 17mm 14mm 18mm 14mm;
  @top-left { content: "$confidential"; font-size: 7.5pt; color: #666; }
  @top-right { content: string(report-no); font-size: 7.5pt; color: #666; }
  @bottom-center { content: counter(page) " / " counter(pages); font-size: 8pt; color: #333; }
}
html {
  font-family: "Noto Sans CJK JP", "Noto Serif CJK JP", sans-serif;
  font-size: 9.5pt;
  line-height: 1.6;
  color: #111;
}
body { margin: 0; }
@media screen {
  body { max-width: 182mm; margin: 10mm auto; padding: 0 6mm; }
}
table { border-collapse: collapse; width: 100%; }
th, td { vertical-align: top; text-align: left; overflow-wrap: anywhere; }
.pre { white-space: pre-wrap; }
.nowrap { white-space: nowrap; }
.muted { color: #555; }
.small { font-size: 8pt; }
.mono { font-family: "DejaVu Sans Mono", monospace; font-size: 7pt; overflow-wrap: anywhere; }

/* Title row: document kind and title on the left, stamp boxes on the right. */
table.title-row td { vertical-align: bottom; padding: 0; }
.doc-kind { font-size: 9pt; color: #444; letter-spacing: 0.05em; }
h1 { font-size: 15pt; line-height: 1.35; margin: 1mm 0 0 0; }
h1 .instalment { font-size: 13pt; margin-left: 2mm; }
td.stamps { width: 60mm; padding-left: 4mm; }
table.stamp-box { width: 60mm; table-layout: fixed; }
table.stamp-box th, table.stamp-box td { border: 0.8pt solid #333; text-align: center; }
table.stamp-box th { font-size: 8pt; font-weight: normal; background: #eee; padding: 0.5mm; }
table.stamp-box td { height: 17mm; }

/* Business-form header. */
table.form { margin-top: 4mm; table-layout: fixed; }
table.form th, table.form td { border: 0.8pt solid #333; padding: 1.2mm 2mm; }
table.form th { background: #eee; font-weight: normal; width: 24mm; }
.report-no { string-set: report-no content(); }
.masked {
  display: inline-block; margin-top: 2mm; padding: 0.5mm 2mm;
  border: 0.8pt solid #a33; color: #a33; font-size: 8pt;
}

/* Sections. */
h2 {
  font-size: 11.5pt; margin: 6mm 0 2mm 0; padding: 0.8mm 2mm;
  border-left: 3pt solid #333; background: #f0f0f0;
  break-after: avoid;
}
h3 {
  font-size: 10pt; margin: 3.5mm 0 1.5mm 0;
  border-bottom: 0.6pt solid #999; break-after: avoid;
}
ul.facts { margin: 0; padding-left: 5mm; }
ul.facts li { margin: 0.5mm 0; }
p.none { color: #666; margin: 0; }

table.grid { table-layout: fixed; }
table.grid th, table.grid td { border: 0.6pt solid #777; padding: 1mm 1.6mm; }
table.grid thead th { background: #eee; font-weight: normal; font-size: 8.5pt; }
table.grid tr { break-inside: avoid; }
.c-no { width: 9mm; text-align: center; }
.c-mark { width: 21mm; white-space: nowrap; }
.c-person { width: 30mm; }
.c-date { width: 36mm; }
.c-done { width: 13mm; text-align: center; white-space: nowrap; }
.c-rule { width: 30mm; }
.c-status { width: 25mm; white-space: nowrap; }
.c-hash { width: 53mm; }
tr.dismissed td.text { text-decoration: line-through; color: #666; }

/* Course of events. */
.entry { margin: 0 0 2.5mm 0; break-inside: avoid; }
.entry-head { font-size: 8.8pt; }
.entry-no {
  display: inline-block; min-width: 5mm; padding: 0 1mm; margin-right: 1.5mm;
  border: 0.7pt solid #333; border-radius: 1mm; text-align: center; font-weight: bold;
}
.entry-time { font-weight: bold; margin-right: 2mm; }
.tag {
  display: inline-block; padding: 0 1.2mm; margin-right: 1mm;
  background: #e8e8e8; border-radius: 0.8mm; font-size: 8pt;
}
.participants { color: #444; font-size: 8.3pt; }
.summary { margin: 0.8mm 0 0 6.5mm; }
blockquote.quote {
  margin: 1.2mm 0 0 6.5mm; padding: 1mm 2.5mm;
  border-left: 2.4pt solid #777; background: #f5f5f5;
  font-family: "Noto Serif CJK JP", "Noto Sans CJK JP", serif;
}

/* Triage. */
table.triage-head th { width: 22mm; }
.chip {
  display: inline-block; padding: 0 1.5mm; margin: 0 1mm 0.6mm 0;
  border: 0.6pt solid #777; border-radius: 1mm; font-size: 8.3pt;
}
"""


def stylesheet(confidential: str) -> str:
    """The stylesheet with the fixed confidentiality mark; ``confidential`` is our text."""
    if '"' in confidential or "\\" in confidential:  # pragma: no cover - fixed labels
        raise ValueError("confidential label must not need CSS escaping")
    return _CSS.replace("$confidential", confidential)
