from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from mamori.api.actions import do_revoke_token
from mamori.api.models import ApiToken, Scope
from mamori.api.tests.conftest import MakeToken, bearer
from mamori.api.tokens import hash_token
from mamori.audit.models import AuditEvent, EventType
from mamori.conftest import Desk

CASES = "/api/cases"


def assert_error(response: Any, status: int, code: str) -> dict[str, Any]:
    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith("application/json")
    error: dict[str, Any] = response.json()["error"]
    assert error["code"] == code
    assert error["message_ja"] and error["message_en"]
    return error


def test_it_refuses_a_request_without_token(desk: Desk, client: Client) -> None:
    response = client.get(CASES, HTTP_ACCEPT_LANGUAGE="en")
    error = assert_error(response, 401, "not_authenticated")
    assert error["message"] == error["message_en"]
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_it_refuses_a_session_login_without_token(desk: Desk, client: Client) -> None:
    desk.login(client, desk.handler)
    assert_error(client.get(CASES), 401, "not_authenticated")


@pytest.mark.parametrize(
    "header",
    ["Bearer nonsense", "Bearer mamori_deadbeef_wrongsecret", "Token abc", "Bearer "],
)
def test_it_refuses_an_invalid_token(
    desk: Desk, client: Client, make_token: MakeToken, header: str
) -> None:
    make_token(desk.handler)
    response = client.get(CASES, HTTP_AUTHORIZATION=header)
    assert response.status_code == 401
    assert response.json()["error"]["code"] in {"invalid_token", "not_authenticated"}


def test_it_refuses_a_token_with_the_right_prefix_and_wrong_secret(
    desk: Desk, client: Client, make_token: MakeToken
) -> None:
    secret = make_token(desk.handler)
    forged = secret[:-4] + ("AAAA" if not secret.endswith("AAAA") else "BBBB")
    assert_error(client.get(CASES, headers=bearer(forged)), 401, "invalid_token")


def test_it_refuses_a_revoked_token(desk: Desk, client: Client, make_token: MakeToken) -> None:
    secret = make_token(desk.handler)
    do_revoke_token(actor=desk.handler, token=ApiToken.objects.get(user=desk.handler))
    response = client.get(CASES, headers=bearer(secret))
    assert_error(response, 401, "token_revoked")
    assert 'error="invalid_token"' in response["WWW-Authenticate"]


def test_it_refuses_an_expired_token(desk: Desk, client: Client, make_token: MakeToken) -> None:
    secret = make_token(desk.handler, expires_at=timezone.now() - timedelta(seconds=1))
    assert_error(client.get(CASES, headers=bearer(secret)), 401, "token_expired")


def test_it_refuses_the_token_of_a_deactivated_user(
    desk: Desk, client: Client, make_token: MakeToken
) -> None:
    secret = make_token(desk.handler)
    desk.handler.is_active = False
    desk.handler.save(update_fields=["is_active"])
    assert_error(client.get(CASES, headers=bearer(secret)), 401, "invalid_token")


def test_it_accepts_a_valid_token_and_notes_its_use(
    desk: Desk, client: Client, make_token: MakeToken
) -> None:
    secret = make_token(desk.handler)
    assert client.get(CASES, headers=bearer(secret)).status_code == 200
    assert ApiToken.objects.get(user=desk.handler).last_used_at is not None


def test_missing_scope_is_403_json(desk: Desk, client: Client, make_token: MakeToken) -> None:
    secret = make_token(desk.handler, scopes=[Scope.TRIAGE])
    error = assert_error(client.get(CASES, headers=bearer(secret)), 403, "missing_scope")
    assert "cases:read" in error["message_en"]
    assert "cases:read" in error["message_ja"]


def test_it_stores_only_a_hash_of_the_token(
    desk: Desk, client: Client, make_token: MakeToken
) -> None:
    secret = make_token(desk.handler)
    token = ApiToken.objects.get(user=desk.handler)
    assert token.token_hash == hash_token(secret)
    assert secret not in str(list(ApiToken.objects.values()))


def test_token_page_creates_a_token_shown_once_and_audited(desk: Desk, client: Client) -> None:
    desk.login(client, desk.handler)
    response = client.post(
        reverse("api:tokens"),
        {"name": "CRM", "scopes": [Scope.CASES_READ, Scope.TRIAGE], "expires": "30"},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 200
    token = ApiToken.objects.get(user=desk.handler)
    secret = response.context["secret"]
    assert secret.startswith(f"mamori_{token.prefix}_")
    assert secret in response.content.decode()
    assert token.scopes == [Scope.CASES_READ, Scope.TRIAGE]
    assert token.expires_at is not None
    assert timedelta(days=29) < token.expires_at - timezone.now() <= timedelta(days=30)
    event = AuditEvent.objects.get(event_type=EventType.API_TOKEN_CHANGED)
    assert event.actor == desk.handler
    assert event.data["action"] == "created"
    assert secret not in str(event.data)
    # Shown once: the page does not show it again.
    assert secret not in client.get(reverse("api:tokens")).content.decode()


def test_token_page_revokes_own_token(desk: Desk, client: Client, make_token: MakeToken) -> None:
    secret = make_token(desk.handler)
    token = ApiToken.objects.get(user=desk.handler)
    desk.login(client, desk.handler)
    response = client.post(reverse("api:token_revoke", args=[token.pk]))
    assert response.status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert AuditEvent.objects.filter(
        event_type=EventType.API_TOKEN_CHANGED, data__action="revoked"
    ).exists()
    assert client.get(CASES, headers=bearer(secret)).status_code == 401


def test_nobody_else_revokes_my_token_except_my_hr_admin(
    desk: Desk, client: Client, make_token: MakeToken
) -> None:
    make_token(desk.handler)
    token = ApiToken.objects.get(user=desk.handler)
    for persona in (desk.other_handler, desk.outsider, desk.manager):
        desk.login(client, persona)
        assert client.post(reverse("api:token_revoke", args=[token.pk])).status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None
    desk.login(client, desk.hr)
    assert client.post(reverse("api:token_revoke", args=[token.pk])).status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None


def test_reporters_get_no_tokens(desk: Desk, client: Client) -> None:
    desk.login(client, desk.reporter)
    assert client.get(reverse("api:tokens")).status_code == 403
    response = client.post(
        reverse("api:tokens"), {"name": "x", "scopes": [Scope.TRIAGE], "expires": "30"}
    )
    assert response.status_code == 403
    assert not ApiToken.objects.exists()


def test_auditors_cannot_create_write_tokens(desk: Desk, client: Client) -> None:
    desk.login(client, desk.auditor)
    response = client.post(
        reverse("api:tokens"),
        {"name": "x", "scopes": [Scope.CASES_WRITE], "expires": "30"},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 200
    assert "scopes" in response.context["form"].errors
    assert not ApiToken.objects.exists()
