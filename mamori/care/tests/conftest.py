from __future__ import annotations

import pytest

from mamori.care.actions import ensure_care_plan
from mamori.care.models import CarePlan
from mamori.cases import actions as case_actions
from mamori.cases.models import Case, CaseKind, PartyRole
from mamori.conftest import Desk


@pytest.fixture
def harassment(desk: Desk) -> Case:
    """A harassment case owned by the handler, with R as the harmed worker and M課長 as customer."""
    case = desk.open_case("M課長からの暴言", kind=CaseKind.CUSTOMER_HARASSMENT)
    case_actions.do_add_party(
        actor=desk.handler, case=case, role=PartyRole.VICTIM, worker=desk.worker
    )
    case_actions.do_add_party(
        actor=desk.handler, case=case, role=PartyRole.COMPLAINANT, contact=desk.contact
    )
    return case


@pytest.fixture
def plan(desk: Desk, harassment: Case) -> CarePlan:
    opened = ensure_care_plan(actor=desk.handler, case=harassment)
    assert opened is not None
    return opened
