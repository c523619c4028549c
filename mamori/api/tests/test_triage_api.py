from __future__ import annotations

from django.test import Client

from mamori.api.models import Scope
from mamori.api.tests.conftest import MakeToken, bearer
from mamori.conftest import Desk
from mamori.triage import MAX_TEXT_CHARS, triage

CONTRACT_KEYS = [
    "verdict",
    "demand_validity",
    "means",
    "categories",
    "flags",
    "topics",
    "findings",
    "severity",
    "engine",
]
FINDING_KEYS = {"label", "kind", "start", "end", "quote", "rule", "confidence", "explanation"}

TEXT = (
    "いつもお世話になっております。\n"
    "先日の件ですが、担当のAさんをすぐに解雇してください。"
    "この件は総務を通さず、私とあなたの間で処理してほしい。"
    "対応しないなら今後の取引は考え直させてもらう。土下座して謝れ。"
)


def test_it_answers_exactly_the_contract(desk: Desk, client: Client, make_token: MakeToken) -> None:
    secret = make_token(desk.handler, scopes=[Scope.TRIAGE])
    response = client.post(
        "/api/triage", {"text": TEXT}, content_type="application/json", headers=bearer(secret)
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert list(body) == CONTRACT_KEYS
    assert body == triage(TEXT).to_dict()
    assert body["findings"], "the sample must produce evidence"
    for finding in body["findings"]:
        assert set(finding) == FINDING_KEYS
        assert TEXT[finding["start"] : finding["end"]] == finding["quote"]
    assert set(body["engine"]) == {"name", "version"}


def test_offsets_count_code_points_beyond_the_bmp(
    desk: Desk, client: Client, make_token: MakeToken
) -> None:
    # An emoji is one Python character but two UTF-16 units: the offsets must stay Python's.
    text = "😡😡 " + TEXT
    secret = make_token(desk.handler, scopes=[Scope.TRIAGE])
    body = client.post(
        "/api/triage", {"text": text}, content_type="application/json", headers=bearer(secret)
    ).json()
    for finding in body["findings"]:
        assert text[finding["start"] : finding["end"]] == finding["quote"]


def test_engine_input_errors_are_400_with_the_engine_code(
    desk: Desk, client: Client, make_token: MakeToken
) -> None:
    secret = make_token(desk.handler, scopes=[Scope.TRIAGE])
    empty = client.post(
        "/api/triage", {"text": "  "}, content_type="application/json", headers=bearer(secret)
    )
    assert empty.status_code == 400
    error = empty.json()["error"]
    assert error["code"] == "empty_text"
    assert error["message"] == error["message_en"]
    assert error["message_ja"].startswith("テキストが空です")
    long = client.post(
        "/api/triage",
        {"text": "あ" * (MAX_TEXT_CHARS + 1)},
        content_type="application/json",
        headers=bearer(secret),
    )
    assert long.status_code == 400
    assert long.json()["error"]["code"] == "text_too_long"


def test_triage_needs_its_scope(desk: Desk, client: Client, make_token: MakeToken) -> None:
    secret = make_token(desk.handler, scopes=[Scope.CASES_READ])
    response = client.post(
        "/api/triage", {"text": TEXT}, content_type="application/json", headers=bearer(secret)
    )
    assert response.status_code == 403
