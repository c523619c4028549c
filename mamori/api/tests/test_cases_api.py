from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from mamori.api.models import Scope
from mamori.api.tests.conftest import MakeToken, bearer
from mamori.audit.models import AuditEvent, EventType
from mamori.cases import actions
from mamori.cases.models import Case, CaseKind, CaseStatus, Task
from mamori.conftest import JST, Desk

JSON = "application/json"


def post(client: Client, url: str, data: dict[str, Any], secret: str) -> Any:
    return client.post(url, data, content_type=JSON, headers=bearer(secret))


@pytest.mark.parametrize("persona", ["other_handler", "outsider", "reporter"])
def test_it_answers_404_for_cases_the_user_may_not_see(
    desk: Desk, client: Client, make_token: MakeToken, persona: str
) -> None:
    case = desk.open_case()
    task = actions.do_add_task(actor=desk.handler, case=case, title="電話する")
    user = getattr(desk, persona)
    if persona == "reporter":
        # Reporters cannot hold tokens; one made behind the desk's back is refused too.
        user.role = "case_handler"
        user.save(update_fields=["role"])
        secret = make_token(user)
        user.role = "reporter"
        user.save(update_fields=["role"])
        assert client.get(f"/api/cases/{case.pk}", headers=bearer(secret)).status_code == 401
        return
    secret = make_token(user)
    base = f"/api/cases/{case.pk}"
    for url in [
        base,
        f"{base}/entries",
        f"{base}/tasks",
        f"{base}/parties",
        f"{base}/files",
        f"{base}/reports/md",
    ]:
        response = client.get(url, headers=bearer(secret))
        assert response.status_code == 404, url
        assert response.json()["error"]["code"] == "not_found"
    for url, data in [
        (f"{base}/status", {"status": "investigating"}),
        (f"{base}/entries", {"channel": "phone", "summary": "x"}),
        (f"{base}/tasks", {"title": "x"}),
        (f"{base}/tasks/{task.pk}/complete", {}),
        (f"{base}/parties", {"role": "witness", "name": "x"}),
    ]:
        assert post(client, url, data, secret).status_code == 404, url
    listing = client.get("/api/cases", headers=bearer(secret)).json()
    assert case.pk not in [item["id"] for item in listing["items"]]
    case.refresh_from_db()
    assert case.status == CaseStatus.NEW
    assert case.entries.count() == 1


def test_it_creates_a_case_from_text_and_shows_it(
    desk: Desk, client: Client, make_token: MakeToken
) -> None:
    secret = make_token(desk.handler)
    text = "派遣スタッフの件で至急ご連絡ください。明日までに回答がなければ取引を見直します。"
    response = post(
        client,
        "/api/cases",
        {"text": text, "kind": CaseKind.CLIENT_COMPLAINT, "client_id": desk.client.pk},
        secret,
    )
    assert response.status_code == 201, response.content
    body = response.json()
    case = Case.objects.get(pk=body["id"])
    assert body["number"] == case.number
    assert body["client"] == {"id": desk.client.pk, "name": desk.client.name}
    assert body["owner"]["id"] == desk.handler.pk
    assert body["title"] == text
    assert case.entries.get().summary == text
    assert AuditEvent.objects.filter(case=case, event_type=EventType.CASE_OPENED).exists()
    detail = client.get(f"/api/cases/{case.pk}", headers=bearer(secret)).json()
    assert detail["id"] == case.pk
    assert detail["labels"]["verdict"] in {
        "legitimate_complaint",
        "needs_review",
        "customer_harassment",
    }
    listing = client.get("/api/cases", headers=bearer(secret)).json()
    assert [item["id"] for item in listing["items"]] == [case.pk]
    entries = client.get(f"/api/cases/{case.pk}/entries", headers=bearer(secret)).json()
    assert entries["items"][0]["summary"] == text
    assert entries["items"][0]["assessment"] is not None


def test_it_refuses_a_client_of_another_organisation(
    desk: Desk, client: Client, make_token: MakeToken
) -> None:
    from mamori.orgs.models import ClientCompany

    foreign = ClientCompany.objects.create(organisation=desk.other_org, name="よその取引先")
    secret = make_token(desk.handler)
    response = post(client, "/api/cases", {"text": "苦情です", "client_id": foreign.pk}, secret)
    assert response.status_code == 422
    fields = response.json()["error"]["fields"]
    assert [f["field"] for f in fields] == ["client_id"]
    assert not Case.objects.exists()


def test_auditor_reads_but_cannot_write(desk: Desk, client: Client, make_token: MakeToken) -> None:
    case = desk.open_case()
    # Even if a write scope slipped onto an auditor's token, the desk's rules refuse the write.
    secret = make_token(desk.auditor)
    assert client.get(f"/api/cases/{case.pk}", headers=bearer(secret)).status_code == 200
    response = post(client, f"/api/cases/{case.pk}/tasks", {"title": "x"}, secret)
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "forbidden"
    assert post(client, "/api/cases", {"text": "苦情"}, secret).status_code == 403
    assert case.tasks.count() == 0


def test_it_changes_status_along_the_lifecycle_only(
    desk: Desk, client: Client, make_token: MakeToken
) -> None:
    case = desk.open_case()
    secret = make_token(desk.handler)
    url = f"/api/cases/{case.pk}/status"
    response = post(client, url, {"status": "investigating", "reason": "確認開始"}, secret)
    assert response.status_code == 200
    assert response.json()["status"] == "investigating"
    assert AuditEvent.objects.filter(case=case, event_type=EventType.CASE_STATUS).count() == 1
    response = post(client, url, {"status": "new"}, secret)
    assert response.status_code == 200
    case.refresh_from_db()
    assert case.status == CaseStatus.NEW
    response = post(client, url, {"status": "bogus"}, secret)
    assert response.status_code == 422
    actions.do_change_status(actor=desk.handler, case=case, status=CaseStatus.CLOSED)
    response = post(client, url, {"status": "responding"}, secret)
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "status_change_not_allowed"


def test_it_adds_entries_tasks_and_parties(
    desk: Desk, client: Client, make_token: MakeToken
) -> None:
    case = desk.open_case()
    secret = make_token(desk.handler)
    base = f"/api/cases/{case.pk}"
    response = post(
        client,
        f"{base}/entries",
        {
            "occurred_at": "2026-11-03T10:00:00+09:00",
            "channel": "phone",
            "summary": "課長より再度お電話。",
            "quotes": ["土下座しろ"],
            "participants": ["M課長", "handler"],
        },
        secret,
    )
    assert response.status_code == 201, response.content
    entry = response.json()
    assert entry["occurred_at"].startswith("2026-11-03T")
    assert datetime.fromisoformat(entry["occurred_at"]) == datetime(2026, 11, 3, 10, tzinfo=JST)
    assert entry["quotes"] == ["土下座しろ"]
    assert entry["assessment"]["verdict"]
    future = (timezone.now() + timedelta(days=2)).isoformat()
    response = post(
        client,
        f"{base}/entries",
        {"occurred_at": future, "channel": "phone", "summary": "x"},
        secret,
    )
    assert response.status_code == 422
    assert response.json()["error"]["fields"][0]["field"] == "occurred_at"

    response = post(
        client,
        f"{base}/tasks",
        {"title": "派遣先へ折り返し", "assignee_id": desk.handler.pk, "due": "2026-11-05"},
        secret,
    )
    assert response.status_code == 201
    task_id = response.json()["id"]
    response = post(client, f"{base}/tasks/{task_id}/complete", {}, secret)
    assert response.status_code == 200
    assert response.json()["is_done"] is True
    assert Task.objects.get(pk=task_id).done_at is not None
    tasks = client.get(f"{base}/tasks", headers=bearer(secret)).json()
    assert tasks["count"] == 1
    assert post(client, f"{base}/tasks/999999/complete", {}, secret).status_code == 404

    response = post(
        client, f"{base}/parties", {"role": "complainant", "contact_id": desk.contact.pk}, secret
    )
    assert response.status_code == 201
    assert response.json()["kind"] == "contact"
    response = post(client, f"{base}/parties", {"role": "witness"}, secret)
    assert response.status_code == 422
    parties = client.get(f"{base}/parties", headers=bearer(secret)).json()
    assert [p["name"] for p in parties["items"]] == [str(desk.contact)]


def test_it_paginates_with_limit_offset_and_total_count(
    desk: Desk, client: Client, make_token: MakeToken
) -> None:
    opened = [desk.open_case(f"件{i}") for i in range(5)]
    secret = make_token(desk.response)
    first = client.get("/api/cases", {"limit": 2}, headers=bearer(secret)).json()
    assert first["count"] == 5
    assert first["limit"] == 2
    assert first["offset"] == 0
    assert len(first["items"]) == 2
    rest = client.get("/api/cases", {"limit": 2, "offset": 2}, headers=bearer(secret)).json()
    last = client.get("/api/cases", {"limit": 2, "offset": 4}, headers=bearer(secret)).json()
    beyond = client.get("/api/cases", {"limit": 2, "offset": 50}, headers=bearer(secret)).json()
    ids = [c["id"] for page in (first, rest, last) for c in page["items"]]
    assert sorted(ids) == sorted(c.pk for c in opened)
    assert len(set(ids)) == 5
    assert beyond["items"] == [] and beyond["count"] == 5
    too_many = client.get("/api/cases", {"limit": 101}, headers=bearer(secret))
    assert too_many.status_code == 422
    assert too_many.json()["error"]["fields"][0]["field"] == "limit"


def test_it_filters_cases(desk: Desk, client: Client, make_token: MakeToken) -> None:
    complaint = desk.open_case("苦情")
    harassment = desk.open_case("カスハラ", kind=CaseKind.CUSTOMER_HARASSMENT, client=None)
    actions.do_change_status(actor=desk.handler, case=complaint, status=CaseStatus.INVESTIGATING)
    secret = make_token(desk.response)

    def ids(**params: str | int) -> list[int]:
        body = client.get("/api/cases", params, headers=bearer(secret)).json()
        return [item["id"] for item in body["items"]]

    assert ids(kind="customer_harassment") == [harassment.pk]
    assert ids(status="investigating") == [complaint.pk]
    assert ids(client=desk.client.pk) == [complaint.pk]
    assert set(ids(owner=desk.handler.pk)) == {complaint.pk, harassment.pk}
    assert ids(owner=desk.manager.pk) == []


def test_reading_a_harassment_case_is_audited(
    desk: Desk, client: Client, make_token: MakeToken
) -> None:
    case = desk.open_case("カスハラ", kind=CaseKind.CUSTOMER_HARASSMENT)
    secret = make_token(desk.response, scopes=[Scope.CASES_READ])
    client.get(f"/api/cases/{case.pk}", headers=bearer(secret))
    assert AuditEvent.objects.filter(
        case=case, event_type=EventType.CASE_VIEWED, actor=desk.response
    ).exists()
