from __future__ import annotations

import pytest

from mamori.cases import actions as case_actions
from mamori.cases.models import Case, CaseKind, PartyRole
from mamori.conftest import Desk


@pytest.fixture
def harassment(desk: Desk) -> Case:
    """A harassment case whose complainant is the client contact M課長."""
    case = desk.open_case(
        "M課長からの暴言",
        kind=CaseKind.CUSTOMER_HARASSMENT,
        background=["M課長が電話で一時間にわたり怒鳴り続けた。"],
    )
    case_actions.do_add_party(
        actor=desk.handler, case=case, role=PartyRole.COMPLAINANT, contact=desk.contact
    )
    case_actions.do_add_party(
        actor=desk.handler, case=case, role=PartyRole.VICTIM, worker=desk.worker
    )
    return case
