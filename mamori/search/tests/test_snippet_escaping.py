from __future__ import annotations

from django.test import Client

from mamori.conftest import Desk
from mamori.search.tests.helpers import open_indexed, search_page


def test_snippets_escape_the_text_before_marking(desk: Desk, client: Client) -> None:
    open_indexed(
        desk,
        "<b>件名</b>",
        "<script>alert('録音')</script> と書かれたメモ&録音",
        quotes=('"><img src=x onerror=alert(1)>',),
    )
    desk.login(client, desk.response)
    html = search_page(client, q="録音")
    assert "<script>alert" not in html
    assert "<img src=x" not in html
    assert "&lt;script&gt;alert(&#x27;<mark>録音</mark>&#x27;)&lt;/script&gt;" in html
    assert "&amp;<mark>録音</mark>" in html


def test_a_query_cannot_inject_markup(desk: Desk, client: Client) -> None:
    open_indexed(desk, "件名", "本文")
    desk.login(client, desk.response)
    html = search_page(client, q="<script>x</script>")
    assert "<script>x</script>" not in html
