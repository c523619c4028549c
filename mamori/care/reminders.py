"""Reminding carers of check-ins that are due today or overdue.

Run daily (``mamori care-reminders``, e.g. from cron). Each person gets at most
one e-mail a day per check-in: a ``CareReminder`` row is written in the same
transaction as the mail goes out, and its unique key refuses a second one.

Recipients: the plan's designated carer; for a plan without one (or whose
carer has left), the organisation's response team. The mail names only the
case number, the due date and the link: nothing of the care itself.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from mamori.accounts.models import Role, User
from mamori.audit.actions import record_event
from mamori.audit.models import EventType
from mamori.care.models import CareCheckIn, CareReminder, CareStatus

logger = logging.getLogger(__name__)


@dataclass
class ReminderResult:
    sent: int = 0
    already_sent: int = 0
    no_address: int = 0
    failed: int = 0


def _recipients(check_in: CareCheckIn, team: dict[int, list[User]]) -> list[User]:
    carer = check_in.plan.carer
    if carer is not None and carer.is_active:
        return [carer]
    return team.get(check_in.plan.case.organisation_id, [])


def _response_teams(organisation_ids: set[int]) -> dict[int, list[User]]:
    team: dict[int, list[User]] = defaultdict(list)
    users = User.objects.filter(
        organisation_id__in=organisation_ids, role=Role.RESPONSE_TEAM, is_active=True
    ).order_by("pk")
    for user in users:
        if user.organisation_id is not None:
            team[user.organisation_id].append(user)
    return team


def _message(recipient: User, check_ins: list[CareCheckIn], today: date) -> tuple[str, str]:
    lines = [
        _("Hello %(name)s,") % {"name": recipient},
        "",
        _("These care check-ins are due today or overdue:"),
        "",
    ]
    for check_in in check_ins:
        url = settings.SITE_URL.rstrip("/") + reverse("care:plan", args=[check_in.plan.case_id])
        state = _("overdue") if check_in.due < today else _("due today")
        lines.append(f"- {check_in.plan.case.number}  {check_in.due:%Y-%m-%d} ({state})  {url}")
    lines += ["", _("Please record the outcome on the care plan once you have talked.")]
    subject = _("[Mamori] %(count)s care check-in(s) due") % {"count": len(check_ins)}
    return subject, "\n".join(lines) + "\n"


def send_care_reminders(*, today: date | None = None) -> ReminderResult:
    today = today or timezone.localdate()
    result = ReminderResult()
    due = list(
        CareCheckIn.objects.filter(
            done_at__isnull=True, due__lte=today, plan__status=CareStatus.OPEN
        )
        .select_related("plan__case", "plan__carer")
        .order_by("due", "id")
    )
    team = _response_teams({c.plan.case.organisation_id for c in due})
    by_recipient: dict[int, tuple[User, list[CareCheckIn]]] = {}
    for check_in in due:
        for user in _recipients(check_in, team):
            by_recipient.setdefault(user.pk, (user, []))[1].append(check_in)

    with translation.override(settings.LANGUAGE_CODE):
        for recipient, check_ins in by_recipient.values():
            sent_already = set(
                CareReminder.objects.filter(
                    recipient=recipient, sent_on=today, check_in__in=check_ins
                ).values_list("check_in_id", flat=True)
            )
            pending = [c for c in check_ins if c.pk not in sent_already]
            if not pending:
                result.already_sent += 1
                continue
            if not recipient.email:
                result.no_address += 1
                continue
            _send(recipient, pending, today, result)
    return result


def _send(
    recipient: User, check_ins: list[CareCheckIn], today: date, result: ReminderResult
) -> None:
    subject, body = _message(recipient, check_ins, today)
    try:
        with transaction.atomic():
            for check_in in check_ins:
                CareReminder.objects.create(check_in=check_in, recipient=recipient, sent_on=today)
                record_event(
                    actor=None,
                    event_type=EventType.NOTIFICATION_SENT,
                    case=check_in.plan.case,
                    obj=check_in,
                    data={"kind": "care_reminder", "to": recipient.pk, "due": check_in.due},
                )
            send_mail(subject, body, None, [recipient.email])
    except IntegrityError:
        # Another run sent it first between our check and our insert.
        result.already_sent += 1
    except Exception:  # any SMTP or backend error: log it, audit it, go on with the others
        logger.exception("care reminder to user %s failed", recipient.pk)
        result.failed += 1
        with transaction.atomic():
            for check_in in check_ins:
                record_event(
                    actor=None,
                    event_type=EventType.NOTIFICATION_FAILED,
                    case=check_in.plan.case,
                    obj=check_in,
                    data={"kind": "care_reminder", "to": recipient.pk, "due": check_in.due},
                )
    else:
        result.sent += 1
