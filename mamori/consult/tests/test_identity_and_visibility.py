from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from mamori.audit.models import AuditEvent, EventType
from mamori.conftest import Desk
from mamori.consult.models import SelfReport
from mamori.consult.tests.conftest import submit_signed_in


@pytest.fixture
def report(desk: Desk, client: Client) -> SelfReport:
    # A name that cannot collide with words on the page.
    desk.reporter.username = "yamada.hanako"
    desk.reporter.display_name = "山田花子"
    desk.reporter.save(update_fields=["username", "display_name"])
    report = submit_signed_in(
        client, desk, anonymous="on", route="manager", first_contact=desk.manager.pk
    )
    client.logout()
    return report


@pytest.mark.parametrize("persona", ["handler", "manager", "hr", "auditor", "reporter", "outsider"])
def test_identity_is_hidden_from_everyone_but_the_response_team(
    desk: Desk, client: Client, report: SelfReport, persona: str
) -> None:
    desk.login(client, getattr(desk, persona))
    response = client.get(reverse("consult:identity", args=[report.pk]))
    assert response.status_code == 404
    assert not AuditEvent.objects.filter(event_type=EventType.REPORTER_IDENTITY_VIEWED).exists()


def test_response_team_sees_identity_and_the_view_is_audited(
    desk: Desk, client: Client, report: SelfReport
) -> None:
    desk.login(client, desk.response)
    response = client.get(reverse("consult:identity", args=[report.pk]))
    assert response.status_code == 200
    page = response.content.decode()
    assert "山田花子" in page
    assert "yamada.hanako" in page
    assert "090-0000-0000" in page
    event = AuditEvent.objects.get(event_type=EventType.REPORTER_IDENTITY_VIEWED)
    assert event.actor == desk.response
    assert event.case == report.case


def test_chosen_manager_sees_the_report_but_not_who_made_it(
    desk: Desk, client: Client, report: SelfReport, en: dict[str, str]
) -> None:
    desk.login(client, desk.manager)
    response = client.get(reverse("consult:report_detail", args=[report.pk]), headers=en)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Identity protected" in page
    assert "山田花子" not in page
    assert "yamada.hanako" not in page
    assert "090-0000-0000" not in page
    assert reverse("consult:identity", args=[report.pk]) not in page
    # The case page does not name the reporter either.
    case_page = client.get(report.case.get_absolute_url()).content.decode()
    assert "山田花子" not in case_page


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("response", 200),
        ("manager", 200),
        ("handler", 404),
        ("hr", 404),
        ("auditor", 404),
        ("reporter", 404),
        ("outsider", 404),
    ],
)
def test_report_page_answers_by_need_to_know(
    desk: Desk, client: Client, report: SelfReport, persona: str, status: int
) -> None:
    desk.login(client, getattr(desk, persona))
    assert client.get(reverse("consult:report_detail", args=[report.pk])).status_code == status
    listed = client.get(reverse("consult:reports")).context["reports"]
    assert (report in list(listed)) == (status == 200)


def test_manager_sees_only_reports_routed_to_them(desk: Desk, client: Client) -> None:
    to_team = submit_signed_in(client, desk, route="response_team")
    desk.login(client, desk.manager)
    assert client.get(reverse("consult:report_detail", args=[to_team.pk])).status_code == 404


def test_staff_reply_reaches_the_reporter(desk: Desk, client: Client, report: SelfReport) -> None:
    desk.login(client, desk.manager)
    client.post(
        reverse("consult:report_detail", args=[report.pk]),
        {"body": "お知らせいただきありがとうございます。明日お話を伺えますか。"},
    )
    event = AuditEvent.objects.get(event_type=EventType.SELF_REPORT_MESSAGE)
    assert event.actor == desk.manager
    desk.login(client, desk.reporter)
    page = client.get(reverse("consult:mine_detail", args=[report.pk])).content.decode()
    assert "明日お話を伺えますか" in page
    client.post(reverse("consult:mine_detail", args=[report.pk]), {"body": "はい、大丈夫です。"})
    desk.login(client, desk.response)
    staff_page = client.get(reverse("consult:report_detail", args=[report.pk])).content.decode()
    assert "はい、大丈夫です。" in staff_page
    # An anonymous reporter's message is not attributed to them in the audit log.
    assert not AuditEvent.objects.filter(actor=desk.reporter).exists()
