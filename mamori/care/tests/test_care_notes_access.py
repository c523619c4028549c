from __future__ import annotations

import pytest
from django.template import Context, Template
from django.test import Client, RequestFactory
from django.urls import reverse

from mamori.audit.models import AuditEvent, EventType
from mamori.care.actions import do_add_care_note, do_update_care_plan
from mamori.care.models import CareNote, CarePlan
from mamori.conftest import Desk

SECRET = "産業医面談で不眠を訴えた"


@pytest.fixture
def noted(desk: Desk, plan: CarePlan) -> CarePlan:
    # other_handler is not on the case: as designated carer they read notes all the same.
    do_update_care_plan(actor=desk.response, plan=plan, changes={"carer": desk.other_handler})
    do_add_care_note(actor=desk.response, plan=plan, body=SECRET)
    plan.refresh_from_db()
    return plan


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("response", 200),
        ("other_handler", 200),  # the designated carer
        ("handler", 404),  # the case owner
        ("manager", 404),
        ("hr", 404),
        ("auditor", 404),
        ("reporter", 404),
        ("outsider", 404),
    ],
)
def test_care_notes_are_for_the_response_team_and_the_carer_only(
    desk: Desk, client: Client, noted: CarePlan, persona: str, status: int
) -> None:
    desk.login(client, getattr(desk, persona))
    for name in ("care:notes", "care:plan", "care:edit"):
        response = client.get(reverse(name, args=[noted.case_id]))
        assert response.status_code == status, name
        assert (SECRET in response.content.decode()) == (status == 200 and name == "care:notes")


@pytest.mark.parametrize("persona", ["handler", "manager", "hr", "auditor", "response"])
def test_the_case_page_never_shows_care_notes(
    desk: Desk, client: Client, noted: CarePlan, persona: str
) -> None:
    desk.login(client, getattr(desk, persona))
    response = client.get(reverse("cases:detail", args=[noted.case_id]))
    assert response.status_code == 200
    assert SECRET not in response.content.decode()


PANEL = Template("{% load care_tags %}{% care_panel case %}{% interviews_panel case %}")


@pytest.mark.parametrize(
    ("persona", "sees_panel", "sees_link"),
    [
        ("handler", True, False),
        ("manager", True, False),
        ("hr", True, False),
        ("auditor", True, False),
        ("response", True, True),
        ("other_handler", False, False),  # the carer who may not see the case file
        ("outsider", False, False),
    ],
)
def test_the_care_panel_shows_status_but_no_notes(
    desk: Desk, noted: CarePlan, persona: str, sees_panel: bool, sees_link: bool
) -> None:
    request = RequestFactory().get("/", HTTP_ACCEPT_LANGUAGE="en")
    request.user = getattr(desk, persona)
    html = PANEL.render(Context({"request": request, "case": noted.case}))
    assert SECRET not in html
    assert ('id="care"' in html) == sees_panel
    assert (reverse("care:notes", args=[noted.case_id]) in html) == sees_link


def test_each_reading_of_notes_is_audited(desk: Desk, client: Client, noted: CarePlan) -> None:
    desk.login(client, desk.other_handler)
    client.get(reverse("care:notes", args=[noted.case_id]))
    event = AuditEvent.objects.get(event_type=EventType.CARE_NOTE_VIEWED)
    assert event.actor == desk.other_handler
    assert event.data["notes"] == [noted.notes.get().pk]
    assert SECRET not in str(AuditEvent.objects.values_list("data", flat=True))


def test_the_carer_writes_notes_and_others_cannot(
    desk: Desk, client: Client, noted: CarePlan
) -> None:
    desk.login(client, desk.other_handler)
    response = client.post(reverse("care:notes", args=[noted.case_id]), {"body": "二回目の面談。"})
    assert response.status_code == 302
    assert CareNote.objects.filter(plan=noted).count() == 2
    desk.login(client, desk.hr)
    response = client.post(reverse("care:notes", args=[noted.case_id]), {"body": "HRのメモ"})
    assert response.status_code == 404
    assert CareNote.objects.filter(plan=noted).count() == 2


def test_an_empty_note_is_refused_in_english(desk: Desk, client: Client, noted: CarePlan) -> None:
    desk.login(client, desk.response)
    response = client.post(
        reverse("care:notes", args=[noted.case_id]), {"body": "  "}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 200
    assert "This field is required." in response.content.decode()
    assert CareNote.objects.filter(plan=noted).count() == 1


def test_a_carer_replaced_loses_access(desk: Desk, client: Client, noted: CarePlan) -> None:
    do_update_care_plan(actor=desk.response, plan=noted, changes={"carer": desk.manager})
    desk.login(client, desk.other_handler)
    assert client.get(reverse("care:notes", args=[noted.case_id])).status_code == 404
    desk.login(client, desk.manager)
    assert client.get(reverse("care:notes", args=[noted.case_id])).status_code == 200


def test_notes_outcomes_wishes_and_statements_are_encrypted_at_rest(
    desk: Desk, noted: CarePlan
) -> None:
    from django.db import connection
    from django.utils import timezone

    from mamori.care.actions import do_add_check_in, do_complete_check_in, do_record_interview
    from mamori.care.models import CareCheckIn, Interview

    do_update_care_plan(actor=desk.response, plan=noted, changes={"wish_note": SECRET})
    check_in = do_add_check_in(actor=desk.response, plan=noted, due=timezone.localdate())
    do_complete_check_in(actor=desk.response, check_in=check_in, outcome=SECRET)
    interview = do_record_interview(
        actor=desk.response,
        case=noted.case,
        side="worker",
        held_at=noted.opened_at,
        channel="meeting",
        summary="聴取",
        interviewee_name="R",
        interviewers=[desk.response],
        statements=[{"speaker": "R", "said": SECRET}],
    )
    with connection.cursor() as cursor:
        for table, column in [
            ("care_carenote", "body"),
            ("care_careplan", "wish_note"),
            ("care_carecheckin", "outcome"),
            ("care_interview", "statements"),
        ]:
            cursor.execute(f"SELECT {column} FROM {table}")  # noqa: S608
            raw = [row[0] for row in cursor.fetchall()]
            assert raw and all(value.startswith("enc:v1:") for value in raw), table
            assert SECRET not in str(raw)
    assert CareCheckIn.objects.get(pk=check_in.pk).outcome == SECRET
    assert Interview.objects.get(pk=interview.pk).statements == [{"speaker": "R", "said": SECRET}]
    assert CareNote.objects.get().body == SECRET
