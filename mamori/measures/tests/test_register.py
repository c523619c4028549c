from __future__ import annotations

from datetime import datetime

import pytest
from django.template import Context, Template
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import translation

from mamori.cases import actions as case_actions
from mamori.cases.models import Case, CaseKind, PartyRole
from mamori.conftest import JST, Desk
from mamori.measures.actions import do_decide_measure
from mamori.measures.models import MeasureKind, MeasureStatus
from mamori.measures.register import customer_histories, customer_register, normalise_name


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("ﾔﾏﾀﾞ ﾀﾛｳ", "ヤマダタロウ"),  # half-width kana
        ("山田　太郎", "山田太郎"),  # ideographic space
        ("山田 太郎 様", "山田太郎"),  # honorific
        ("ＹＡＭＡＤＡ Taro", "yamada taro"),  # full-width Latin, case
        ("山田太郎さん", "山田 太郎"),
    ],
)
def test_names_written_differently_match(a: str, b: str) -> None:
    assert normalise_name(a) == normalise_name(b)


def test_different_names_stay_apart() -> None:
    assert normalise_name("山田太郎") != normalise_name("山田次郎")
    assert normalise_name("様") == "様", "a name that is only an honorific is kept"


def _case(desk: Desk, day: int, *, contact: bool = True, name: str = "", **kw: object) -> Case:
    case = desk.open_case(
        f"案件 {day}",
        kind=CaseKind.CUSTOMER_HARASSMENT,
        opened_at=datetime(2026, 10, day, 9, tzinfo=JST),
        **kw,
    )
    if contact:
        case_actions.do_add_party(
            actor=desk.handler, case=case, role=PartyRole.COMPLAINANT, contact=desk.contact
        )
    if name:
        case_actions.do_add_party(
            actor=desk.handler, case=case, role=PartyRole.COMPLAINANT, name=name
        )
    return case


def test_the_register_counts_repeat_incidents_across_cases(desk: Desk) -> None:
    first = _case(desk, 1, name="ﾔﾏﾀﾞ 様")
    second = _case(desk, 5, name="ヤマダ")
    _case(desk, 9)
    do_decide_measure(
        actor=desk.handler,
        case=second,
        kind=MeasureKind.SINGLE_POINT_OF_CONTACT,
        reason="繰り返しの長時間の電話",
        target_party=second.parties.get(contact=desk.contact),
        status=MeasureStatus.IN_EFFECT,
    )
    rows = {row.key: row for row in customer_register(desk.org.pk)}
    contact_row = rows[f"contact:{desk.contact.pk}"]
    assert contact_row.count == 3 and contact_row.company == desk.client.name
    assert contact_row.last_incident == datetime(2026, 10, 9, 9, tzinfo=JST)
    assert [m.kind for m in contact_row.measures] == [MeasureKind.SINGLE_POINT_OF_CONTACT]
    name_row = rows["name:ヤマダ"]
    assert name_row.count == 2 and set(name_row.cases) == {first, second}
    assert customer_register(desk.other_org.pk) == []


def test_the_register_page_links_only_visible_cases(desk: Desk, client: Client) -> None:
    mine = _case(desk, 1)
    theirs = _case(desk, 2, actor=desk.other_handler)
    desk.login(client, desk.handler)
    response = client.get(reverse("measures:customers"), HTTP_ACCEPT_LANGUAGE="en")
    page = response.content.decode()
    assert response.status_code == 200
    assert desk.contact.name in page
    assert mine.get_absolute_url() in page
    assert theirs.get_absolute_url() not in page
    assert '<td class="count-cell">2</td>' in page, "the count covers every case"
    filtered = client.get(reverse("measures:customers"), {"q": "誰もいない"}).content.decode()
    assert desk.contact.name not in filtered


@pytest.mark.parametrize(("persona", "status"), [("reporter", 403), ("auditor", 200)])
def test_the_register_is_for_handlers_and_up(
    desk: Desk, client: Client, persona: str, status: int
) -> None:
    desk.login(client, getattr(desk, persona))
    assert client.get(reverse("measures:customers")).status_code == status


PANEL = Template("{% load measures_tags %}{% measures_panel case %}")


def _panel(desk: Desk, persona: str, case: Case) -> str:
    request = RequestFactory().get("/", HTTP_ACCEPT_LANGUAGE="en")
    request.user = getattr(desk, persona)
    with translation.override("en"):
        return PANEL.render(Context({"request": request, "case": case}))


def test_a_new_case_from_the_same_contact_warns(desk: Desk) -> None:
    hidden = _case(desk, 1, actor=desk.other_handler)
    seen = _case(desk, 3)
    new = _case(desk, 7)
    html = _panel(desk, "handler", new)
    assert "This customer has 2 earlier case(s)." in html
    assert seen.get_absolute_url() in html
    assert hidden.get_absolute_url() not in html, "no link to a case the handler may not see"
    assert hidden.number not in html
    assert "earlier case" not in _panel(desk, "handler", _case(desk, 8, contact=False))
    first = _panel(desk, "response", hidden)
    assert "earlier case" not in first, "the first case has no earlier one"


def test_the_panel_renders_nothing_for_those_who_may_not_see_the_case(desk: Desk) -> None:
    case = _case(desk, 1)
    for persona in ("outsider", "other_handler", "reporter"):
        assert _panel(desk, persona, case).strip() == "", persona


def test_the_register_lists_the_latest_cases_and_counts_them_all(
    desk: Desk, monkeypatch: pytest.MonkeyPatch
) -> None:
    from mamori.measures import register

    monkeypatch.setattr(register, "REGISTER_CASES", 2)
    cases = [_case(desk, day) for day in (1, 2, 3)]
    (row,) = customer_register(desk.org.pk)
    assert row.count == 3
    assert row.cases == [cases[2], cases[1]], "newest first, at most REGISTER_CASES"
    assert [r.key for r in customer_register(desk.org.pk, desk.client.name)] == [row.key]
    assert [r.key for r in customer_register(desk.org.pk, desk.contact.name)] == [row.key]
    assert customer_register(desk.org.pk, "該当なし") == []


def test_a_customer_entered_twice_on_a_case_counts_it_once(desk: Desk) -> None:
    first = _case(desk, 1)
    case_actions.do_add_party(
        actor=desk.handler, case=first, role=PartyRole.COMPLAINANT, contact=desk.contact
    )
    later = _case(desk, 4)
    (row,) = customer_register(desk.org.pk)
    assert row.count == 2 and row.cases == [later, first]
    (history,) = customer_histories(_case(desk, 9))
    assert history.count == 2 and history.latest == [later, first]


def test_parties_carry_their_case_organisation_and_opening(desk: Desk) -> None:
    case = _case(desk, 2)
    party = case.parties.get()
    assert party.organisation_id == case.organisation_id == desk.org.pk
    assert party.case_opened_at == case.opened_at


def test_client_company_counts_follow_the_index(desk: Desk) -> None:
    from mamori.measures.register import client_company_counts
    from mamori.search.index import index_case

    _case(desk, 1)
    desk.open_case("勤怠")
    (row,) = client_company_counts(desk.org.pk)
    assert (row["name"], row["case_count"], row["harassment_count"]) == (desk.client.name, 2, 1)
    index_case(desk.open_case("再度のご指摘"))
    (row,) = client_company_counts(desk.org.pk)
    assert row["case_count"] == 3, "a re-indexed case makes the counts fresh"
    assert client_company_counts(desk.other_org.pk) == []
