"""Every change at the consultation desk goes through these functions.

A report is recorded by the organisation's desk account (an inactive user,
``consult-desk.<slug>``), never by the reporter: the case's creator, its
first timeline entry and its audit rows must not reveal who spoke up. The
reporter is named on the case (as the victim) only if they chose so.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from mamori.accounts.models import Role, User
from mamori.audit.actions import record_event
from mamori.audit.models import EventType
from mamori.cases.actions import (
    ActionError,
    EntryInput,
    do_add_party,
    do_open_case,
    do_set_assignees,
)
from mamori.cases.models import CaseKind, Channel, Direction, PartyRole
from mamori.consult.keys import generate_key, key_digest
from mamori.consult.models import (
    ConsultMessage,
    MessageSide,
    ReportChannel,
    ReporterIdentity,
    Route,
    SelfReport,
    Wish,
)
from mamori.notify.actions import (
    desk_language,
    notify_response_team,
    notify_users,
    quiet_label_changes,
)
from mamori.notify.models import NotificationEvent
from mamori.orgs.models import ClientCompany, Worker

if TYPE_CHECKING:
    from mamori.orgs.models import Organisation

DESK_USERNAME = "consult-desk.{slug}"
DESK_DISPLAY_NAME = "相談窓口 / Consultation desk"
TITLE_MAX = 200


class ConsultError(ActionError):
    """A report or message the desk's rules refuse; the message is shown to the user."""


@dataclass
class ReportInput:
    text: str
    wish: str
    route: str
    first_contact: User | None = None
    happened_when: str = ""
    place: str = ""
    channel: str = ""
    customer_company: str = ""
    customer_person: str = ""
    wish_other: str = ""
    in_danger: bool = False
    anonymous: bool = True
    name: str = ""
    contact: str = ""
    # Only for reports made without signing in: with the key, it opens follow-up.
    passphrase: str = ""


@dataclass
class SubmittedReport:
    report: SelfReport
    # Shown once to a reporter who is not signed in; never stored.
    key: str | None


def desk_user(organisation: Organisation) -> User:
    """The organisation's desk account: records reports, cannot sign in, sees nothing."""
    user, created = User.objects.get_or_create(
        username=DESK_USERNAME.format(slug=organisation.slug),
        defaults={
            "organisation": organisation,
            "role": Role.REPORTER,
            "is_active": False,
            "display_name": DESK_DISPLAY_NAME,
        },
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user


def managers_of(organisation: Organisation) -> list[User]:
    return list(
        User.objects.filter(organisation=organisation, role=Role.MANAGER, is_active=True).order_by(
            "display_name", "username"
        )
    )


def first_response_team_member(organisation: Organisation) -> User | None:
    return (
        User.objects.filter(organisation=organisation, role=Role.RESPONSE_TEAM, is_active=True)
        .order_by("id")
        .first()
    )


def severity_for(wish: str, in_danger: bool) -> int:
    """Danger to body or life is the top severity; a wish for action or distance is 3."""
    if in_danger:
        return 5
    if wish in {Wish.SEPARATE, Wish.ACT}:
        return 3
    return 2


def _background(data: ReportInput, owner: User) -> list[str]:
    facts = []
    if data.happened_when:
        facts.append(_("When: %(value)s") % {"value": data.happened_when})
    if data.place or data.channel:
        how = str(ReportChannel(data.channel).label) if data.channel else ""
        where = " / ".join(part for part in (data.place, how) if part)
        facts.append(_("Where / how: %(value)s") % {"value": where})
    customer = " / ".join(p for p in (data.customer_company, data.customer_person) if p)
    if customer:
        facts.append(_("Customer: %(value)s") % {"value": customer})
    wish = str(Wish(data.wish).label)
    if data.wish_other:
        wish = f"{wish}: {data.wish_other}"
    facts.append(_("The reporter would like: %(value)s") % {"value": wish})
    if data.in_danger:
        facts.append(_("The reporter mentions violence or threats, or feels unsafe."))
    if data.route == Route.MANAGER:
        facts.append(_("First contact chosen by the reporter: %(name)s") % {"name": owner})
    else:
        facts.append(_("First contact chosen by the reporter: the response team"))
    return facts


def do_submit_self_report(
    *,
    organisation: Organisation,
    reporter: User | None,
    data: ReportInput,
    now: datetime | None = None,
) -> SubmittedReport:
    """Record a report, open its case and tell the desk; all or nothing.

    ``reporter`` is the signed-in user, or None for a report made without
    signing in (which then needs a passphrase and gets a report key).
    """
    text = data.text.strip()
    if not text:
        raise ConsultError("a report needs a text")
    if reporter is not None and reporter.organisation_id != organisation.pk:
        raise ConsultError("reporter of another organisation")
    if reporter is None and not data.passphrase:
        raise ConsultError("a report made without signing in needs a passphrase")
    if data.route == Route.MANAGER:
        manager = data.first_contact
        if (
            manager is None
            or manager.organisation_id != organisation.pk
            or manager.role != Role.MANAGER
            or not manager.is_active
        ):
            raise ConsultError("choose one of the organisation's managers")
        owner = manager
    elif data.route == Route.RESPONSE_TEAM:
        found = first_response_team_member(organisation)
        if found is None:
            raise ConsultError("the organisation has no active response team member")
        owner = found
    else:
        raise ConsultError(f"unknown route {data.route!r}")
    if data.wish not in Wish.values:
        raise ConsultError(f"unknown wish {data.wish!r}")
    now = now or timezone.now()
    anonymous = reporter is None or data.anonymous
    severity = severity_for(data.wish, data.in_danger)
    with transaction.atomic():
        desk = desk_user(organisation)
        client = None
        if data.customer_company:
            client = ClientCompany.objects.filter(
                organisation=organisation, name__iexact=data.customer_company.strip()
            ).first()
        with desk_language():
            title = _("Consultation desk report")
            if data.customer_company:
                title = f"{title}: {data.customer_company}"
            background = _background(data, owner)
            party_note = _("Reported through the consultation desk")
        with quiet_label_changes():
            case = do_open_case(
                actor=desk,
                kind=CaseKind.CUSTOMER_HARASSMENT,
                title=title[:TITLE_MAX],
                owner=owner,
                client=client,
                severity=severity,
                background=background,
                opened_at=now,
                first_entry=EntryInput(
                    occurred_at=now,
                    channel=Channel.NOTE,
                    direction=Direction.INBOUND,
                    summary=text,
                ),
            )
        do_set_assignees(actor=desk, case=case, users=[owner])
        if reporter is not None and not anonymous:
            do_add_party(
                actor=desk,
                case=case,
                role=PartyRole.VICTIM,
                user=reporter,
                worker=Worker.objects.filter(user=reporter).first(),
                note=party_note,
            )
        key = generate_key() if reporter is None else None
        report = SelfReport.objects.create(
            organisation=organisation,
            case=case,
            text=text,
            happened_when=data.happened_when.strip(),
            place=data.place.strip(),
            channel=data.channel,
            customer_company=data.customer_company.strip(),
            customer_person=data.customer_person.strip(),
            wish=data.wish,
            wish_other=data.wish_other.strip(),
            in_danger=data.in_danger,
            route=data.route,
            first_contact=owner if data.route == Route.MANAGER else None,
            anonymous=anonymous,
            signed_in=reporter is not None,
            key_digest=key_digest(key) if key else None,
            passphrase_hash=make_password(data.passphrase) if key else "",
            submitted_at=now,
        )
        if reporter is not None or data.name.strip() or data.contact.strip():
            ReporterIdentity.objects.create(
                report=report, user=reporter, name=data.name.strip(), contact=data.contact.strip()
            )
        record_event(
            actor=None if anonymous else reporter,
            event_type=EventType.SELF_REPORT_SUBMITTED,
            case=case,
            obj=report,
            data={
                "route": report.route,
                "first_contact": report.first_contact_id,
                "wish": report.wish,
                "in_danger": report.in_danger,
                "severity": severity,
                "anonymous": anonymous,
                "signed_in": report.signed_in,
            },
        )
        _notify(report, NotificationEvent.SELF_REPORT)
    return SubmittedReport(report=report, key=key)


def _notify(report: SelfReport, event: str) -> None:
    case = report.case
    with desk_language():
        if event == NotificationEvent.SELF_REPORT:
            summary = _(
                "A new report came in through the consultation desk. "
                "Put the employee's care first and make first contact promptly."
            )
        else:
            summary = _("The reporter sent a new message through the consultation desk.")
    path = report.get_absolute_url()
    notify_response_team(case=case, event=event, summary=summary, path=path)
    if report.route == Route.MANAGER and report.first_contact is not None:
        notify_users(
            case=case, users=[report.first_contact], event=event, summary=summary, path=path
        )


def do_post_desk_message(*, actor: User, report: SelfReport, body: str) -> ConsultMessage:
    """A message from the desk to the reporter; the first one counts as first contact."""
    body = body.strip()
    if not body:
        raise ConsultError("empty message")
    if actor.organisation_id != report.organisation_id:
        raise ConsultError("staff of another organisation")
    with transaction.atomic():
        message = ConsultMessage.objects.create(
            report=report,
            side=MessageSide.DESK,
            author=actor,
            body=body,
            created_at=timezone.now(),
        )
        record_event(
            actor=actor,
            event_type=EventType.SELF_REPORT_MESSAGE,
            case=report.case,
            obj=message,
            data={"side": MessageSide.DESK, "report": report.pk, "length": len(body)},
        )
    return message


def do_post_reporter_message(
    *, report: SelfReport, body: str, reporter: User | None = None
) -> ConsultMessage:
    """A message from the reporter; stored without their account, the desk is notified."""
    body = body.strip()
    if not body:
        raise ConsultError("empty message")
    with transaction.atomic():
        message = ConsultMessage.objects.create(
            report=report, side=MessageSide.REPORTER, body=body, created_at=timezone.now()
        )
        record_event(
            actor=None if report.anonymous else reporter,
            event_type=EventType.SELF_REPORT_MESSAGE,
            case=report.case,
            obj=message,
            data={"side": MessageSide.REPORTER, "report": report.pk, "length": len(body)},
        )
        _notify(report, NotificationEvent.CONSULT_MESSAGE)
    return message


def do_view_identity(*, actor: User, report: SelfReport) -> ReporterIdentity | None:
    """Read the reporter's identity; the caller has checked the actor may (response team)."""
    with transaction.atomic():
        identity = ReporterIdentity.objects.select_related("user").filter(report=report).first()
        record_event(
            actor=actor,
            event_type=EventType.REPORTER_IDENTITY_VIEWED,
            case=report.case,
            obj=report,
            data={"report": report.pk, "identity_given": identity is not None},
        )
    return identity
