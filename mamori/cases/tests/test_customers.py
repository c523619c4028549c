from __future__ import annotations

from mamori.cases import actions
from mamori.cases.models import CaseParty, PartyRole
from mamori.conftest import Desk


def test_every_saved_party_carries_its_customer_key(desk: Desk) -> None:
    first = desk.open_case("暴言の件")
    second = desk.open_case("再度の暴言")
    typed = actions.do_add_party(
        actor=desk.handler, case=first, role=PartyRole.COMPLAINANT, name="山田 太郎様"
    )
    again = actions.do_add_party(
        actor=desk.handler, case=second, role=PartyRole.COMPLAINANT, name="山田太郎"
    )
    worker = actions.do_add_party(
        actor=desk.handler, case=first, role=PartyRole.SUBJECT, worker=desk.worker
    )
    assert typed.customer_key == again.customer_key == "name:山田太郎"
    assert worker.customer_key == "", "our own workers are not customers"

    typed.name = "佐藤花子"
    typed.save(update_fields=["name"])
    assert CaseParty.objects.get(pk=typed.pk).customer_key == "name:佐藤花子"


def test_a_contact_party_is_keyed_by_the_contact(desk: Desk) -> None:
    case = desk.open_case()
    party = actions.do_add_party(
        actor=desk.handler, case=case, role=PartyRole.COMPLAINANT, contact=desk.contact
    )
    assert party.customer_key == f"contact:{desk.contact.pk}"
