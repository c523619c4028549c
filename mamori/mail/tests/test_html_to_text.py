"""HTML bodies become readable text: no scripts or styles, line breaks kept."""

from __future__ import annotations

import pytest

from mamori.mail._html import html_to_text

CASES = {
    "br": ("一行目<br>二行目<br/>三行目", "一行目\n二行目\n三行目"),
    "paragraphs": ("<p>段落1</p><p>段落2</p>", "段落1\n\n段落2"),
    "divs": ("<div>A</div><div>B</div>", "A\nB"),
    "list items": ("<ul><li>one</li><li>two</li></ul>", "- one\n- two"),
    "script and style dropped": (
        "<style>p{color:red}</style><script>var x = '<p>no</p>';</script><p>yes</p>",
        "yes",
    ),
    "title dropped": ("<html><head><title>件名</title></head><body>本文</body></html>", "本文"),
    "self-closing script does not swallow the rest": ("<script/>after", "after"),
    "entities": ("&lt;株&gt; &amp; &#9312; &copy;&nbsp;2024", "<株> & ① © 2024"),
    "source whitespace collapses": ("<p>a\n   b\t\tc</p>", "a b c"),
    "pre keeps its lines": ("<pre>x  = 1\ny  = 2</pre>", "x  = 1\ny  = 2"),
    "table cells": ("<table><tr><td>名前</td><td>山田</td></tr></table>", "名前\t山田"),
    "image alt text": ('<p>写真: <img src="cid:1" alt="現場写真"></p>', "写真: [現場写真]"),
    "outlook conditional comments": ("<!--[if mso]><p>mso</p><![endif]--><p>ok</p>", "ok"),
    "many blank lines squeezed": ("<p>a</p><p></p><p></p><div></div><p>b</p>", "a\n\nb"),
    "broken markup": ("<p>unclosed <b>bold <i>text", "unclosed bold text"),
    "broken declaration": ("<![if !supportLists]>x<![endif]>y", "xy"),
}


@pytest.mark.parametrize(("source", "expected"), CASES.values(), ids=CASES.keys())
def test_it_turns_html_into_readable_text(source: str, expected: str) -> None:
    assert html_to_text(source) == expected
