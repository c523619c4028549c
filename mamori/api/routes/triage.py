"""Triage of one text, answering exactly the contract JSON (shared/spec/triage.md)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router
from ninja.responses import codes_4xx

from mamori.api.auth import need_scope
from mamori.api.errors import ApiError
from mamori.api.models import Scope
from mamori.api.schemas import ErrorOut, TriageIn, TriageOut

router = Router(tags=["triage"])


@router.post(
    "/triage",
    response={200: TriageOut, codes_4xx: ErrorOut, 503: ErrorOut},
    url_name="triage",
    summary="Triage a text",
    description=(
        "Scope `triage`. Nothing is stored. `start`/`end` of each finding index the text "
        "as sent (Python string offsets, i.e. Unicode code points). Input the engine refuses "
        "(empty, too long) is 400 with the engine's error code; a broken engine is 503."
    ),
)
def run_triage(request: HttpRequest, payload: TriageIn) -> dict[str, Any]:
    from mamori.triage import InputError, TriageError, triage

    need_scope(request, Scope.TRIAGE)
    try:
        return triage(payload.text).to_dict()
    except InputError as error:
        raise ApiError(
            400, error.code, message_ja=error.message_ja, message_en=error.message_en
        ) from error
    except TriageError as error:
        # The shipped rules or model are broken: not the caller's fault, so no 4xx.
        raise ApiError(
            503, error.code, message_ja=error.message_ja, message_en=error.message_en
        ) from error
