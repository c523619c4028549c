"""Audit rows for lockouts.

The lockout decision is made inside django-axes, not by one of our actions, so
its signal is the only place that knows it happened; the row is still written
explicitly, in its own transaction.
"""

from __future__ import annotations

from typing import Any

from axes.signals import user_locked_out
from django.db import transaction
from django.dispatch import receiver

from mamori.accounts.models import User
from mamori.audit.actions import record_event
from mamori.audit.models import EventType


@receiver(user_locked_out)
def audit_lockout(sender: Any, request: Any, username: str | None = None, **kwargs: Any) -> None:
    user = User.objects.filter(username=username).first() if username else None
    with transaction.atomic():
        record_event(
            actor=None,
            event_type=EventType.LOGIN_LOCKED,
            organisation_id=user.organisation_id if user else None,
            data={"username": username or "", "ip": kwargs.get("ip_address") or ""},
        )
