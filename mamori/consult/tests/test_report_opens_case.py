from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from mamori.audit.models import AuditEvent, EventType
from mamori.cases.models import Case, CaseKind, CaseParty, Channel, Direction, PartyRole
from mamori.conftest import Desk
from mamori.consult.models import ReporterIdentity, Route, SelfReport
from mamori.consult.tests.conftest import report_form, submit_signed_in


def test_it_opens_a_harassment_case_owned_by_the_response_team(desk: Desk, client: Client) -> None:
    report = submit_signed_in(client, desk)
    case = report.case
    assert case.kind == CaseKind.CUSTOMER_HARASSMENT
    assert case.owner == desk.response
    assert list(case.assignees.all()) == [desk.response]
    assert case.client == desk.client  # matched by the customer company's name
    assert case.severity == 3  # wish to be kept away from the customer
    entry = case.entries.get()
    assert entry.summary == report.text
    assert entry.direction == Direction.INBOUND
    assert entry.channel == Channel.NOTE
    assert any("11月2日の午後" in fact for fact in case.background)


def test_it_gives_the_case_to_the_chosen_manager(desk: Desk, client: Client) -> None:
    report = submit_signed_in(client, desk, route="manager", first_contact=desk.manager.pk)
    assert report.route == Route.MANAGER
    assert report.first_contact == desk.manager
    assert report.case.owner == desk.manager
    assert list(report.case.assignees.all()) == [desk.manager]


def test_danger_makes_the_case_most_severe(desk: Desk, client: Client) -> None:
    report = submit_signed_in(client, desk, in_danger="on", wish="be_heard")
    assert report.case.severity == 5


def test_named_reporter_becomes_the_victim_on_the_case(desk: Desk, client: Client) -> None:
    report = submit_signed_in(client, desk)
    assert not report.anonymous
    party = CaseParty.objects.get(case=report.case)
    assert party.role == PartyRole.VICTIM
    assert party.user == desk.reporter
    assert party.worker == desk.worker
    event = AuditEvent.objects.get(event_type=EventType.SELF_REPORT_SUBMITTED)
    assert event.actor == desk.reporter
    assert event.case == report.case


def test_anonymous_reporter_leaves_no_trace_on_the_case(desk: Desk, client: Client) -> None:
    report = submit_signed_in(client, desk, anonymous="on")
    case = report.case
    assert report.anonymous
    assert not CaseParty.objects.filter(case=case).exists()
    assert case.created_by != desk.reporter
    assert not case.created_by.is_active
    assert case.entries.get().author == case.created_by
    # Only the identity record knows who it was.
    assert ReporterIdentity.objects.get(report=report).user == desk.reporter
    assert not AuditEvent.objects.filter(actor=desk.reporter).exists()
    assert AuditEvent.objects.get(event_type=EventType.SELF_REPORT_SUBMITTED).actor is None


def test_the_desk_account_cannot_sign_in_or_see_cases(desk: Desk, client: Client) -> None:
    report = submit_signed_in(client, desk)
    desk_account = report.case.created_by
    assert not desk_account.has_usable_password()
    assert not desk_account.is_active
    assert not Case.objects.visible_to(desk_account).exists()


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"text": "  "}, "text"),
        ({"route": "manager"}, "first_contact"),
        ({"wish": "other", "wish_other": ""}, "wish_other"),
        ({"wish": "everything"}, "wish"),
    ],
)
def test_it_rejects_incomplete_reports_and_writes_nothing(
    desk: Desk, client: Client, en: dict[str, str], overrides: dict[str, str], field: str
) -> None:
    desk.login(client, desk.reporter)
    response = client.post(reverse("consult:report"), report_form(**overrides), headers=en)
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not SelfReport.objects.exists()
    assert not AuditEvent.objects.exists()


def test_it_asks_for_the_manager_when_there_is_no_response_team(
    desk: Desk, client: Client, en: dict[str, str]
) -> None:
    desk.response.is_active = False
    desk.response.save(update_fields=["is_active"])
    desk.login(client, desk.reporter)
    response = client.post(reverse("consult:report"), report_form(), headers=en)
    assert "no response team" in response.content.decode()
    assert not SelfReport.objects.exists()


def test_a_manager_of_another_organisation_cannot_be_chosen(desk: Desk, client: Client) -> None:
    desk.outsider.role = "manager"
    desk.outsider.save(update_fields=["role"])
    desk.login(client, desk.reporter)
    response = client.post(
        reverse("consult:report"), report_form(route="manager", first_contact=desk.outsider.pk)
    )
    assert response.status_code == 200
    assert "first_contact" in response.context["form"].errors
    assert not SelfReport.objects.exists()


def test_form_states_the_no_adverse_treatment_rule(
    desk: Desk, client: Client, en: dict[str, str]
) -> None:
    desk.login(client, desk.reporter)
    page = client.get(reverse("consult:report"), headers=en).content.decode()
    assert "You will never be dismissed, demoted" in page
    assert "nobody has to carry it alone" in page
    ja = client.get(reverse("consult:report"), HTTP_ACCEPT_LANGUAGE="ja").content.decode()
    assert "不利益な取扱いを受けることは一切ありません" in ja


def test_reporter_sees_own_reports_only(desk: Desk, client: Client) -> None:
    mine = submit_signed_in(client, desk, anonymous="on")
    other_worker = type(desk.reporter).objects.create(
        username="worker2", organisation=desk.org, role="reporter"
    )
    desk.login(client, other_worker)
    client.post(reverse("consult:report"), report_form())
    theirs = SelfReport.objects.exclude(pk=mine.pk).get()
    desk.login(client, desk.reporter)
    listing = client.get(reverse("consult:mine"))
    assert list(listing.context["reports"]) == [mine]
    assert client.get(reverse("consult:mine_detail", args=[mine.pk])).status_code == 200
    assert client.get(reverse("consult:mine_detail", args=[theirs.pk])).status_code == 404


def test_report_notifies_the_response_team_and_the_chosen_manager(
    desk: Desk, client: Client
) -> None:
    from mamori.notify.models import Notification

    for user in (desk.manager, desk.response, desk.hr):
        user.email = f"{user.username}@example.jp"
        user.save(update_fields=["email"])
    report = submit_signed_in(client, desk, route="manager", first_contact=desk.manager.pk)
    sent = Notification.objects.filter(case=report.case, event="consult.submitted")
    assert sorted(sent.values_list("target", flat=True)) == [
        "manager@example.jp",
        "response@example.jp",
    ]
    for notification in sent:
        assert report.text not in notification.payload["text"]
        assert notification.payload["url"].endswith(
            reverse("consult:report_detail", args=[report.pk])
        )
    client.post(reverse("consult:mine_detail", args=[report.pk]), {"body": "追加です"})
    assert Notification.objects.filter(event="consult.message").count() == 2
