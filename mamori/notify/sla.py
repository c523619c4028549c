"""Response time limits (SLA) per severity, and escalation when one is overdue.

Three timers run from the moment a case is opened (``Case.opened_at``):

first contact   met by the first outbound timeline entry (its ``occurred_at``)
                or the first consultation message from the desk to the reporter
fact-finding    met when the case first moves past "investigating"
                (to responding, monitoring or closed)
decision        met when a measure is decided (``EventType.MEASURE_DECIDED``)
                or the case first reaches monitoring or closed

The limits (``SLA_TABLE``). Severities 4 and 5 (danger to body, threats)
count calendar time, because a threat does not wait for Monday; 1 to 3 count
business days (Monday to Friday in ``TIME_ZONE``, same time of day; public
holidays are not yet skipped):

severity  first contact     fact-finding       decision           escalation step
5         1 hour            1 day              3 days             1 hour
4         4 hours           2 days             5 days             4 hours
3         1 business day    5 business days    10 business days   1 day
2         2 business days   7 business days    15 business days   1 day
1         3 business days   10 business days   20 business days   2 days

A timer is ``due_soon`` in the last quarter of its window, ``overdue`` after
its due time, ``met`` once done (``late`` says whether it was done after the
due time). A closed case stops the clock at ``closed_at``.

Escalation (``escalate_overdue``, run by ``mamori sla-escalate`` and the
worker's periodic ``sla_tick``): an overdue timer is escalated to level 1 (the
owner's manager) when it falls due, to level 2 (the response team: e-mail and
webhooks) one escalation step later, to level 3 (the HR admins) two steps
later. Each level is told once per timer (``SlaEscalation``); a level nobody
can be told at (no manager, nobody with an e-mail address) passes straight on
to the next. Only harassment and consultation cases have timers.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any, Literal

from django.db import IntegrityError, transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from mamori.accounts.models import Role, User
from mamori.audit.actions import record_event
from mamori.audit.models import AuditEvent, EventType
from mamori.cases.models import Case, CaseKind, CaseStatus, Direction
from mamori.notify.models import (
    Notification,
    NotificationEvent,
    SlaEscalation,
    SlaTimerName,
)

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

logger = logging.getLogger(__name__)

SLA_KINDS = frozenset({CaseKind.CUSTOMER_HARASSMENT, CaseKind.CONSULTATION})
PAST_INVESTIGATING = frozenset({CaseStatus.RESPONDING, CaseStatus.MONITORING, CaseStatus.CLOSED})
DECIDED_STATUSES = frozenset({CaseStatus.MONITORING, CaseStatus.CLOSED})
MAX_LEVEL = 3
# The last quarter of a window counts as "due soon".
DUE_SOON_FRACTION = 0.25

State = Literal["on_time", "due_soon", "overdue", "met"]


@dataclass(frozen=True)
class Span:
    """A time limit: calendar hours or days, or business days (Mon-Fri)."""

    amount: int
    unit: Literal["hours", "days", "business_days"]

    def after(self, start: datetime) -> datetime:
        if self.unit == "hours":
            return start + timedelta(hours=self.amount)
        if self.unit == "days":
            return start + timedelta(days=self.amount)
        return add_business_days(start, self.amount)

    def label(self) -> str:
        if self.unit == "hours":
            return _("%(n)s h") % {"n": self.amount}
        if self.unit == "days":
            return _("%(n)s d") % {"n": self.amount}
        return _("%(n)s business days") % {"n": self.amount}


@dataclass(frozen=True)
class SlaLimits:
    first_contact: Span
    fact_finding: Span
    decision: Span
    escalation_step: timedelta

    def span(self, name: str) -> Span:
        return {
            SlaTimerName.FIRST_CONTACT: self.first_contact,
            SlaTimerName.FACT_FINDING: self.fact_finding,
            SlaTimerName.DECISION: self.decision,
        }[SlaTimerName(name)]


SLA_TABLE: dict[int, SlaLimits] = {
    5: SlaLimits(Span(1, "hours"), Span(1, "days"), Span(3, "days"), timedelta(hours=1)),
    4: SlaLimits(Span(4, "hours"), Span(2, "days"), Span(5, "days"), timedelta(hours=4)),
    3: SlaLimits(
        Span(1, "business_days"),
        Span(5, "business_days"),
        Span(10, "business_days"),
        timedelta(days=1),
    ),
    2: SlaLimits(
        Span(2, "business_days"),
        Span(7, "business_days"),
        Span(15, "business_days"),
        timedelta(days=1),
    ),
    1: SlaLimits(
        Span(3, "business_days"),
        Span(10, "business_days"),
        Span(20, "business_days"),
        timedelta(days=2),
    ),
}


def limits_for(severity: int) -> SlaLimits:
    return SLA_TABLE[min(max(severity, 1), 5)]


def add_business_days(start: datetime, days: int) -> datetime:
    """``days`` weekdays after ``start``, at the same local time of day."""
    # Aware arithmetic with one tzinfo keeps the wall-clock time across days.
    current = timezone.localtime(start)
    remaining = days
    while remaining > 0:
        current = current + timedelta(days=1)
        if current.weekday() < 5:
            remaining -= 1
    return current


@dataclass(frozen=True)
class SlaTimer:
    name: str
    started_at: datetime
    due_at: datetime
    met_at: datetime | None
    state: State
    span: Span

    @property
    def label(self) -> StrOrPromise:
        return SlaTimerName(self.name).label

    @property
    def late(self) -> bool:
        return self.met_at is not None and self.met_at > self.due_at

    @property
    def state_label(self) -> StrOrPromise:
        return STATE_LABELS[self.state]


STATE_LABELS: dict[str, StrOrPromise] = {
    "on_time": gettext_lazy("On time"),
    "due_soon": gettext_lazy("Due soon"),
    "overdue": gettext_lazy("Overdue"),
    "met": gettext_lazy("Met"),
}


def timer_state(
    *, started_at: datetime, due_at: datetime, met_at: datetime | None, now: datetime
) -> State:
    if met_at is not None:
        return "met"
    if now > due_at:
        return "overdue"
    window = due_at - started_at
    if due_at - now <= window * DUE_SOON_FRACTION:
        return "due_soon"
    return "on_time"


def compute_timers(
    *,
    severity: int,
    opened_at: datetime,
    first_contact_at: datetime | None,
    fact_found_at: datetime | None,
    decided_at: datetime | None,
    now: datetime,
) -> list[SlaTimer]:
    """The three timers from known facts; pure, so it can be tested with fixed datetimes."""
    limits = limits_for(severity)
    met = {
        SlaTimerName.FIRST_CONTACT: first_contact_at,
        SlaTimerName.FACT_FINDING: fact_found_at,
        SlaTimerName.DECISION: decided_at,
    }
    timers = []
    for name in SlaTimerName:
        span = limits.span(name)
        due_at = span.after(opened_at)
        met_at = met[name]
        timers.append(
            SlaTimer(
                name=name.value,
                started_at=opened_at,
                due_at=due_at,
                met_at=met_at,
                state=timer_state(started_at=opened_at, due_at=due_at, met_at=met_at, now=now),
                span=span,
            )
        )
    return timers


def _earliest(*values: datetime | None) -> datetime | None:
    present = [v for v in values if v is not None]
    return min(present) if present else None


def case_facts(case: Case) -> dict[str, datetime | None]:
    """When the case was first contacted, found out and decided, from its records."""
    from mamori.consult.models import ConsultMessage, MessageSide

    first_outbound = (
        case.entries.filter(direction=Direction.OUTBOUND)
        .order_by("occurred_at")
        .values_list("occurred_at", flat=True)
        .first()
    )
    first_desk_message = (
        ConsultMessage.objects.filter(report__case=case, side=MessageSide.DESK)
        .order_by("created_at")
        .values_list("created_at", flat=True)
        .first()
    )
    fact_found: datetime | None = None
    decided: datetime | None = None
    events = AuditEvent.objects.filter(
        case=case, event_type__in=[EventType.CASE_STATUS, EventType.MEASURE_DECIDED]
    ).order_by("id")
    for event in events.only("event_type", "data", "created_at"):
        new = event.data.get("new") if isinstance(event.data, dict) else None
        if event.event_type == EventType.MEASURE_DECIDED:
            decided = _earliest(decided, event.created_at)
        elif new in PAST_INVESTIGATING:
            fact_found = _earliest(fact_found, event.created_at)
            if new in DECIDED_STATUSES:
                decided = _earliest(decided, event.created_at)
    # A case opened straight into a later status (imports, the demo) met these at opening.
    if fact_found is None and case.status in PAST_INVESTIGATING:
        fact_found = case.opened_at
    if decided is None and case.status in DECIDED_STATUSES:
        decided = case.opened_at
    return {
        "first_contact_at": _earliest(first_outbound, first_desk_message),
        "fact_found_at": fact_found,
        "decided_at": decided,
    }


def sla_status(case: Case, now: datetime | None = None) -> list[SlaTimer]:
    """The case's timers for the case page; empty for kinds without an SLA."""
    if case.kind not in SLA_KINDS:
        return []
    now = now or timezone.now()
    if case.status == CaseStatus.CLOSED and case.closed_at is not None:
        now = min(now, case.closed_at)
    return compute_timers(
        severity=case.severity, opened_at=case.opened_at, now=now, **case_facts(case)
    )


def level_reached(*, due_at: datetime, now: datetime, step: timedelta) -> int:
    """Which escalation level an overdue timer has reached (0 if not overdue)."""
    if now <= due_at:
        return 0
    return min(MAX_LEVEL, 1 + int((now - due_at) / step))


def _level_recipients(case: Case, level: int) -> list[User]:
    if level == 1:
        manager = case.owner.manager
        return [manager] if manager is not None else []
    role = Role.RESPONSE_TEAM if level == 2 else Role.HR_ADMIN
    return list(
        User.objects.filter(
            organisation_id=case.organisation_id, role=role, is_active=True
        ).order_by("id")
    )


def do_escalate(*, case: Case, timer: SlaTimer, level: int, now: datetime) -> list[str] | None:
    """Tell one level about one overdue timer; None if that level was already told."""
    from mamori.notify.actions import desk_language, notify_response_team, notify_users

    with desk_language():
        summary = _("Overdue: %(timer)s was due at %(due)s. Escalated to level %(level)s.") % {
            "timer": SlaTimerName(timer.name).label,
            "due": formats.date_format(timezone.localtime(timer.due_at), "Y-m-d H:i"),
            "level": level,
        }
    try:
        with transaction.atomic():
            escalation = SlaEscalation.objects.create(
                case=case, timer=timer.name, level=level, due_at=timer.due_at, escalated_at=now
            )
            sent: list[Notification]
            if level == 2:
                sent = notify_response_team(
                    case=case, event=NotificationEvent.SLA_OVERDUE, summary=summary
                )
            else:
                sent = notify_users(
                    case=case,
                    users=_level_recipients(case, level),
                    event=NotificationEvent.SLA_OVERDUE,
                    summary=summary,
                )
            recipients = [n.target for n in sent]
            escalation.recipients = recipients
            escalation.save(update_fields=["recipients"])
            record_event(
                actor=None,
                event_type=EventType.SLA_ESCALATED,
                case=case,
                obj=escalation,
                data={
                    "timer": timer.name,
                    "level": level,
                    "due_at": timer.due_at.isoformat(),
                    "recipients": recipients,
                },
            )
    except IntegrityError:
        # Another run escalated this level at the same moment.
        return None
    return recipients


def escalate_case(case: Case, now: datetime) -> int:
    limits = limits_for(case.severity)
    done = 0
    for timer in sla_status(case, now):
        if timer.state != "overdue":
            continue
        reached = level_reached(due_at=timer.due_at, now=now, step=limits.escalation_step)
        told: dict[int, list[Any]] = dict(
            SlaEscalation.objects.filter(case=case, timer=timer.name).values_list(
                "level", "recipients"
            )
        )
        nobody_told = False
        for level in range(1, MAX_LEVEL + 1):
            if level in told:
                nobody_told = not told[level]
                continue
            if level > reached and not nobody_told:
                break
            recipients = do_escalate(case=case, timer=timer, level=level, now=now)
            if recipients is None:
                break
            done += 1
            nobody_told = not recipients
    return done


def escalate_overdue(now: datetime | None = None) -> int:
    """Escalate every open case's overdue timers; returns how many levels were told."""
    now = now or timezone.now()
    cases = (
        Case.objects.filter(kind__in=SLA_KINDS)
        .exclude(status=CaseStatus.CLOSED)
        .select_related("owner__manager", "organisation")
    )
    total = 0
    for case in cases.iterator():
        try:
            total += escalate_case(case, now)
        except Exception:
            # One broken case must not stop the others from being escalated.
            logger.exception("SLA escalation failed for case %s", case.pk)
    return total
