from __future__ import annotations

from django.core.management.base import CommandError

from mamori.accounts.models import User
from mamori.cases.models import Case


def find_case(value: str) -> Case:
    """A case by database id or by its number (C-2026-0001)."""
    query = Case.objects.select_related("organisation", "owner", "client", "department")
    case = query.filter(number=value).first()
    if case is None and value.isdigit():
        case = query.filter(pk=int(value)).first()
    if case is None:
        raise CommandError(f"案件が見つかりません / no such case: {value}")
    return case


def find_actor(username: str | None, case: Case) -> User:
    if not username:
        return case.owner
    try:
        return User.objects.get(username=username, organisation_id=case.organisation_id)
    except User.DoesNotExist:
        raise CommandError(f"ユーザーが見つかりません / no such user: {username}") from None
