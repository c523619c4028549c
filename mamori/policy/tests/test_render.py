from __future__ import annotations

import pytest

from mamori.policy.diff import inline_diff
from mamori.policy.render import render_body


@pytest.mark.parametrize(
    ("text", "html"),
    [
        ("一行目", "<p>一行目</p>"),
        ("一行目\n二行目", "<p>一行目<br>二行目</p>"),
        ("段落1\n\n段落2", "<p>段落1</p>\n<p>段落2</p>"),
        ("導入\n- あ\n- い\n\n結び", "<p>導入</p>\n<ul><li>あ</li><li>い</li></ul>\n<p>結び</p>"),
        ("1. 一\n2. 二", "<ol><li>一</li><li>二</li></ol>"),
        ("- 箇条\n  続き", "<ul><li>箇条<br>続き</li></ul>"),
        ("**要求内容の妥当性**：説明", "<p><strong>要求内容の妥当性</strong>：説明</p>"),
        ('<b>x</b> & "y"', "<p>&lt;b&gt;x&lt;/b&gt; &amp; &quot;y&quot;</p>"),
        ("- <script>alert(1)</script>", "<ul><li>&lt;script&gt;alert(1)&lt;/script&gt;</li></ul>"),
        ("**<i>x</i>**", "<p><strong>&lt;i&gt;x&lt;/i&gt;</strong></p>"),
        ("-ハイフンだけ", "<p>-ハイフンだけ</p>"),
        ("", ""),
    ],
)
def test_render_body(text: str, html: str) -> None:
    assert render_body(text) == html


@pytest.mark.parametrize(
    ("old", "new", "html"),
    [
        ("同じ", "同じ", "同じ"),
        ("当社は守ります。", "当社は必ず守ります。", "当社は<ins>必ず</ins>守ります。"),
        ("We protect you.", "We always protect you.", "We<ins> always</ins> protect you."),
        ("a\nb", "a", "a\n<del>b</del>"),
        ("a", "a\n\nc", "a\n<ins>↵</ins>\n<ins>c</ins>"),
        ("<x>", "<y>", "&lt;<del>x</del><ins>y</ins>&gt;"),
        ("全く別の文章です", "ABC", "<del>全く別の文章です</del><ins>ABC</ins>"),
    ],
)
def test_inline_diff(old: str, new: str, html: str) -> None:
    assert inline_diff(old, new) == html
