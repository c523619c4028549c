from __future__ import annotations

from django.test import Client

from mamori.api.tests.conftest import MakeToken, bearer
from mamori.conftest import Desk


def test_errors_come_in_the_request_language_with_both_texts(desk: Desk, client: Client) -> None:
    english = client.get("/api/cases/1", HTTP_ACCEPT_LANGUAGE="en").json()["error"]
    japanese = client.get("/api/cases/1", HTTP_ACCEPT_LANGUAGE="ja").json()["error"]
    default = client.get("/api/cases/1").json()["error"]
    assert (
        english["message"]
        == english["message_en"]
        == "Authentication required: " + ("send an API token in the Authorization: Bearer header.")
    )
    assert japanese["message"] == japanese["message_ja"]
    assert japanese["message_ja"].startswith("認証が必要です")
    assert default["message"] == default["message_ja"]
    assert english["message_ja"] == japanese["message_ja"]


def test_not_found_is_json(desk: Desk, client: Client, make_token: MakeToken) -> None:
    secret = make_token(desk.handler)
    for url in ["/api/cases/999999", "/api/nothing/here", f"/api/cases/{2**70}"]:
        response = client.get(url, headers=bearer(secret))
        assert response.status_code in {404, 422}, url
        assert response.json()["error"]["code"] in {"not_found", "validation_error"}
    response = client.get("/api/nothing/here", headers=bearer(secret))
    assert response.json()["error"]["message"] == "Not found."
    response = client.get("/api/cases/abc", headers=bearer(secret))
    assert response.status_code == 422
    assert response.json()["error"]["fields"][0]["field"] == "case_id"
    assert response.json()["error"]["fields"][0]["location"] == "path"


def test_validation_errors_list_the_fields(
    desk: Desk, client: Client, make_token: MakeToken
) -> None:
    secret = make_token(desk.handler)
    response = client.post(
        "/api/cases",
        {"kind": "nonsense", "title": "x" * 201},
        content_type="application/json",
        headers=bearer(secret, lang="ja"),
    )
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "validation_error"
    fields = {f["field"]: f for f in error["fields"]}
    assert set(fields) == {"text", "kind", "title"}
    assert fields["text"]["code"] == "missing"
    assert fields["text"]["message"] == fields["text"]["message_ja"] == "必須項目です。"
    assert fields["text"]["message_en"] == "This field is required."
    assert fields["title"]["message_en"] == "Give at most 200 characters."
    assert "client_complaint" in fields["kind"]["message_en"]


def test_it_refuses_nul_characters_before_they_reach_the_database(
    desk: Desk, client: Client, make_token: MakeToken
) -> None:
    secret = make_token(desk.handler)
    response = client.post(
        "/api/cases", {"text": "a\x00b"}, content_type="application/json", headers=bearer(secret)
    )
    assert response.status_code == 422
    assert response.json()["error"]["fields"][0]["code"] == "text_not_allowed"


def test_malformed_json_is_400(desk: Desk, client: Client, make_token: MakeToken) -> None:
    secret = make_token(desk.handler)
    response = client.post(
        "/api/cases", "{not json", content_type="application/json", headers=bearer(secret)
    )
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "invalid_json"


def test_wrong_method_is_405_json(desk: Desk, client: Client, make_token: MakeToken) -> None:
    secret = make_token(desk.handler)
    response = client.delete("/api/cases", headers=bearer(secret))
    assert response.status_code == 405
    assert response.json()["error"]["code"] == "method_not_allowed"
    assert "GET" in response["Allow"]


def test_server_errors_are_json_too(
    desk: Desk, client: Client, make_token: MakeToken, monkeypatch: object
) -> None:
    import pytest

    from mamori.api.routes import cases

    def boom(*args: object, **kwargs: object) -> None:
        raise RuntimeError("database on fire")

    mp: pytest.MonkeyPatch = monkeypatch  # type: ignore[assignment]
    mp.setattr(cases, "paginate", boom)
    secret = make_token(desk.handler)
    response = client.get("/api/cases", headers=bearer(secret))
    assert response.status_code == 500
    error = response.json()["error"]
    assert error["code"] == "internal_error"
    assert "fire" not in response.content.decode()
