"""Every URL pattern and API endpoint, every persona, against an explicit table.

A new view without a row in ACCESS fails this test: each view needs a decision
about who may reach it. Regenerate the observed table with
``MAMORI_PRINT_ACCESS_TABLE=1 pytest mamori/accounts/tests/test_url_access.py -s``
and review every difference before pasting it.
"""

from __future__ import annotations

import os
from datetime import date, datetime
from itertools import combinations
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.test import Client
from django.urls import NoReverseMatch, URLPattern, URLResolver, get_resolver, reverse

from mamori.accounts.models import Role, User
from mamori.api.actions import do_create_token, do_create_webhook
from mamori.care.actions import do_add_check_in, ensure_care_plan
from mamori.cases import actions
from mamori.cases.models import CaseKind
from mamori.conftest import Desk
from mamori.consult.actions import ReportInput, do_submit_self_report
from mamori.consult.models import Route, Wish
from mamori.measures.actions import do_decide_measure, do_record_cooperation_request
from mamori.notify.actions import notify_response_team
from mamori.plans.actions import do_build_plan
from mamori.plans.seed import seed_playbooks
from mamori.policy.actions import do_publish, do_start_policy

JST = ZoneInfo("Asia/Tokyo")
PERSONAS = (
    "anon",
    "reporter",
    "handler",
    "other_handler",
    "manager",
    "response",
    "hr",
    "auditor",
    "outsider",
)
SKIPPED_PREFIXES = ("admin:",)  # Django's admin has its own staff-only permission checks.


def _all(status: int) -> dict[str, int]:
    return dict.fromkeys(PERSONAS, status)


def _row(anon: int, others: int, **exceptions: int) -> dict[str, int]:
    row = _all(others)
    row["anon"] = anon
    row.update(exceptions)
    return row


PUBLIC = _all(200)
LOGIN = _row(302, 200)
POST_ONLY = _row(302, 405)
# Our organisation's case: need-to-know, 404 for everyone else.
CASE_READ = _row(302, 200, reporter=404, other_handler=404, outsider=404)
# Forms that change a case: auditors read but never write.
CASE_EDIT = {**CASE_READ, "auditor": 403}
# Care plans and notes: the response team and the designated carer only.
CARE_TEAM = _row(302, 404, response=200)
# Pages for HR admins only.
HR_ONLY = _row(302, 403, hr=200)
# The API answers JSON, never a login redirect; a browser session is not a token.
API_TOKEN_ONLY = _all(401)
API_POST_ONLY = _all(405)

# name → {persona: status} for GET; every named route must be here. The outsider
# is a response-team member of another organisation: pages scoped to their own
# organisation answer 200 with their own (empty) data, ours answer 404.
ACCESS: dict[str, dict[str, int]] = {
    "login": PUBLIC,
    "logout": _all(405),
    "set_language": _all(302),
    "two_factor": _row(302, 200),
    "unlock_user": _row(302, 403, hr=302),
    "cases:mine": LOGIN,
    "cases:list": LOGIN,
    "cases:new": _row(302, 200, reporter=403, auditor=403),
    "cases:detail": CASE_READ,
    "cases:file_download": CASE_READ,
    "cases:edit": CASE_EDIT,
    "cases:entry_add": CASE_EDIT,
    "cases:entry_edit": CASE_EDIT,
    "cases:file_add": CASE_EDIT,
    "cases:party_add": CASE_EDIT,
    "cases:task_add": CASE_EDIT,
    "cases:labels": POST_ONLY,
    "cases:legal_hold": POST_ONLY,
    "cases:next_instalment": POST_ONLY,
    "cases:party_remove": POST_ONLY,
    "cases:status": POST_ONLY,
    "cases:task_toggle": POST_ONLY,
    "plans:build": POST_ONLY,
    "plans:item": POST_ONLY,
    "plans:item_evidence": POST_ONLY,
    "plans:item_task": POST_ONLY,
    "reports:case_report": CASE_READ,
    "reports:case_bundle": CASE_READ,
    "reports:case_list_export": LOGIN,
    "care:plan": CARE_TEAM,
    "care:edit": CARE_TEAM,
    "care:notes": CARE_TEAM,
    "care:open": POST_ONLY,
    "care:check_in_add": POST_ONLY,
    "care:check_in_done": POST_ONLY,
    "care:interviews": CASE_READ,
    "care:interview_add": CASE_EDIT,
    "measures:overview": CASE_READ,
    "measures:add": CASE_EDIT,
    "measures:letter": CASE_EDIT,
    "measures:cooperation_add": CASE_EDIT,
    "measures:cooperation_answer": CASE_EDIT,
    "measures:status": POST_ONLY,
    "measures:customers": _row(302, 200, reporter=403),
    "policy:public": PUBLIC,
    "policy:internal": LOGIN,
    "policy:version_pdf": _row(302, 200, outsider=404),
    "policy:edit": _row(302, 404, response=200, hr=200, outsider=200),
    "policy:versions": _row(302, 404, response=200, hr=200, auditor=200, outsider=200),
    "policy:version": _row(302, 404, response=200, hr=200, auditor=200),
    "policy:acknowledge": POST_ONLY,
    "policy:publish": POST_ONLY,
    "policy:start": POST_ONLY,
    "consult:report": LOGIN,
    "consult:public_report": PUBLIC,
    "consult:submitted": PUBLIC,
    "consult:follow": PUBLIC,
    "consult:follow_thread": _all(302),
    "consult:follow_leave": _all(405),
    "consult:mine": LOGIN,
    "consult:mine_detail": _row(302, 404, reporter=200),
    "consult:reports": LOGIN,
    "consult:report_detail": _row(302, 404, response=200),
    "consult:identity": _row(302, 404, response=200),
    "notify:list": _row(302, 403, response=200, hr=200, outsider=200),
    "notify:retry": POST_ONLY,
    "search:search": LOGIN,
    "compliance:board": _row(302, 403, response=200, hr=200, auditor=200, outsider=200),
    "compliance:board_pdf": _row(302, 403, response=200, hr=200, auditor=200, outsider=200),
    "dashboards:index": _row(302, 200, reporter=403),
    "dashboards:chart": _row(302, 200, reporter=403),
    "api:docs_asset": PUBLIC,
    "api:not_found": _all(404),
    "api:tokens": _row(302, 200, reporter=403),
    "api:token_revoke": POST_ONLY,
    "api:import": HR_ONLY,
    "api:import_confirm": POST_ONLY,
    "api:export": HR_ONLY,
    "api:webhooks": HR_ONLY,
    "api:webhook_detail": HR_ONLY,
    "api:webhook_ping": POST_ONLY,
    "api:webhook_redeliver": POST_ONLY,
    "api:webhook_rotate": POST_ONLY,
    "api:webhook_toggle": POST_ONLY,
    "api:v1:api-root": PUBLIC,
    "api:v1:openapi-json": PUBLIC,
    "api:v1:openapi-view": PUBLIC,
    "api:v1:case_list": API_TOKEN_ONLY,
    "api:v1:case_create": API_TOKEN_ONLY,
    "api:v1:case_detail": API_TOKEN_ONLY,
    "api:v1:case_report": API_TOKEN_ONLY,
    "api:v1:entry_list": API_TOKEN_ONLY,
    "api:v1:entry_create": API_TOKEN_ONLY,
    "api:v1:party_list": API_TOKEN_ONLY,
    "api:v1:party_create": API_TOKEN_ONLY,
    "api:v1:task_list": API_TOKEN_ONLY,
    "api:v1:task_create": API_TOKEN_ONLY,
    "api:v1:file_list": API_TOKEN_ONLY,
    "api:v1:file_upload": API_TOKEN_ONLY,
    "api:v1:file_download": API_TOKEN_ONLY,
    "api:v1:case_status": API_POST_ONLY,
    "api:v1:task_complete": API_POST_ONLY,
    "api:v1:triage": API_POST_ONLY,
}

# The same API endpoints with a read token of each persona (reporters get none).
API_WITH_TOKEN = _row(401, 200, reporter=401, other_handler=404, outsider=404)
API_READ_ENDPOINTS = [
    "api:v1:case_detail",
    "api:v1:case_report",
    "api:v1:entry_list",
    "api:v1:party_list",
    "api:v1:task_list",
    "api:v1:file_list",
    "api:v1:file_download",
]
# Values a route needs that the world's ids do not give.
OVERRIDES: dict[str, dict[str, Any]] = {
    "dashboards:chart": {"slug": "verdict_by_month"},
    "api:export": {"kind": "clients", "fmt": "csv"},
}


def _walk(patterns: list[Any], namespace: str = "") -> list[str]:
    names: list[str] = []
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = pattern.namespace
            ns = f"{namespace}:{inner}" if namespace and inner else (inner or namespace)
            names += _walk(pattern.url_patterns, ns)
        elif isinstance(pattern, URLPattern) and pattern.name:
            names.append(f"{namespace}:{pattern.name}" if namespace else pattern.name)
    return names


def _world(desk: Desk) -> dict[str, Any]:
    seed_playbooks()
    case = desk.open_case(
        "暴言の件",
        kind=CaseKind.CUSTOMER_HARASSMENT,
        first_entry=actions.EntryInput(
            occurred_at=datetime(2026, 11, 2, 9, 30, tzinfo=JST),
            channel="phone",
            summary="お客様から「バカ野郎」と怒鳴られた。",
        ),
    )
    party = actions.do_add_party(actor=desk.handler, case=case, role="victim", worker=desk.worker)
    task = actions.do_add_task(actor=desk.handler, case=case, title="本人と面談")
    file = actions.do_attach_evidence(
        actor=desk.handler, case=case, file=actions.FileInput(name="memo.txt", content=b"memo")
    )
    plan = do_build_plan(actor=desk.handler, case=case)
    care = ensure_care_plan(actor=desk.handler, case=case)
    assert care is not None
    check_in = do_add_check_in(actor=desk.response, plan=care, due=date(2026, 11, 30))
    measure = do_decide_measure(
        actor=desk.response, case=case, kind="warning", reason="暴言が続いたため", target_name="X様"
    )
    cooperation = do_record_cooperation_request(
        actor=desk.handler,
        case=case,
        direction="sent",
        request="事実確認への協力",
        counterpart_company=desk.client,
    )
    version = do_publish(actor=desk.hr, version=do_start_policy(actor=desk.hr))
    submitted = do_submit_self_report(
        organisation=desk.org,
        reporter=desk.reporter,
        data=ReportInput(
            text="お客様に怒鳴られました。", wish=Wish.choices[0][0], route=Route.RESPONSE_TEAM
        ),
    )
    desk.response.email = "response@example.jp"
    desk.response.save(update_fields=["email"])
    notification = notify_response_team(case=case, event="test", summary="test")[0]
    token, _secret = do_create_token(
        actor=desk.handler, name="t", scopes=["cases:read"], expires_at=None
    )
    webhook = do_create_webhook(
        actor=desk.hr, url="https://example.jp/hook", events=["case.opened"]
    )
    delivery = webhook.deliveries.first()
    return {
        "case_id": case.pk,
        "entry_id": case.entries.first().pk,  # type: ignore[union-attr]
        "task_id": task.pk,
        "party_id": party.pk,
        "file_id": file.pk,
        "item_id": plan.items.first().pk,  # type: ignore[union-attr]
        "instalment": 1,
        "fmt": "html",
        "username": desk.other_handler.username,
        "slug": desk.org.slug,
        "org_slug": desk.org.slug,
        "number": version.number,
        "report_id": submitted.report.pk,
        "notification_id": notification.pk,
        "check_in_id": check_in.pk,
        "measure_id": measure.pk,
        "kind": "warning_letter",
        "request_id": cooperation.pk,
        "token_id": token.pk,
        "subscription_id": webhook.pk,
        "delivery_id": delivery.pk if delivery else 1,
        "name": "swagger-ui.css",
        "path": "nothing-here",
    }


def _url(name: str, world: dict[str, Any]) -> str | None:
    world = {**world, **OVERRIDES.get(name, {})}
    try:
        return reverse(name)
    except NoReverseMatch:
        pass
    # Try the world's values for every combination of kwarg names the route may take.
    for size in range(1, 4):
        for keys in combinations(sorted(world), size):
            try:
                return reverse(name, kwargs={k: world[k] for k in keys})
            except NoReverseMatch:
                continue
    return None


def _status(client: Client, url: str, **extra: Any) -> int:
    response = client.get(url, **extra)
    if response.streaming:
        # Consuming the stream lets the test client close the open file; calling
        # close() here would fire request_finished and drop the test's connection.
        b"".join(response.streaming_content)  # type: ignore[attr-defined]
    return int(response.status_code)


@pytest.mark.django_db
def test_every_url_answers_each_persona_as_the_table_says(desk: Desk) -> None:
    world = _world(desk)
    users: dict[str, User | None] = {p: getattr(desk, p, None) for p in PERSONAS}
    users["anon"] = None
    names = sorted(
        n for n in set(_walk(get_resolver().url_patterns)) if not n.startswith(SKIPPED_PREFIXES)
    )
    observed: dict[str, dict[str, int]] = {}
    for name in names:
        url = _url(name, world)
        assert url is not None, f"cannot build a URL for {name}: add its kwargs to _world"
        row = {}
        for persona, user in users.items():
            client = Client()
            if user is not None:
                client.force_login(user)
            row[persona] = _status(client, url)
        observed[name] = row
    if os.environ.get("MAMORI_PRINT_ACCESS_TABLE"):
        print("ACCESS = {")
        for name, row in observed.items():
            cells = ", ".join(f'"{p}": {s}' for p, s in row.items())
            print(f'    "{name}": {{{cells}}},')
        print("}")
    missing = sorted(set(observed) - set(ACCESS))
    assert not missing, f"views without an access decision: {missing}"
    for name, row in observed.items():
        assert row == ACCESS[name], f"{name}: expected {ACCESS[name]}, got {row}"
    for name, row in observed.items():
        assert 500 not in row.values(), name


@pytest.mark.django_db
def test_every_api_read_endpoint_answers_each_persona_with_a_token(desk: Desk) -> None:
    world = _world(desk)
    headers: dict[str, dict[str, str]] = {"anon": {}, "reporter": {}}
    for persona in PERSONAS:
        user = getattr(desk, persona, None)
        if user is None or user.role == Role.REPORTER:
            continue
        _token, secret = do_create_token(
            actor=user,
            name="access",
            scopes=["cases:read", "files:read", "reports"],
            expires_at=None,
        )
        headers[persona] = {"HTTP_AUTHORIZATION": f"Bearer {secret}"}
    for name in API_READ_ENDPOINTS:
        url = _url(name, world)
        assert url is not None, name
        row = {persona: _status(Client(), url, **headers[persona]) for persona in PERSONAS}
        assert row == API_WITH_TOKEN, f"{name}: {row}"
