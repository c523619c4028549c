"""Whether each measure the law requires is in place, computed from the desk's data.

The amended 労働施策総合推進法 (in force 2026-10-01) asks every employer to:
(1) state and publicise a policy, (2) run a consultation system, (3) respond
promptly and properly — confirm facts from both sides, care for the victim —
(4) deter, and (5) protect privacy and forbid adverse treatment of those who
speak up. Each row below answers one of these from real queries.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING

from django.conf import settings
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from mamori.accounts.models import Role, User
from mamori.cases.models import Case, CaseKind

if TYPE_CHECKING:
    from mamori.orgs.models import Organisation

OK, PARTIAL, MISSING = "ok", "partial", "missing"
# Acknowledgement share that counts as "made known to employees".
ACKNOWLEDGED_TARGET = 80


@dataclass(frozen=True)
class Row:
    key: str
    title: str
    status: str
    figures: str
    details: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Board:
    organisation: Organisation
    generated_at: datetime
    rows: list[Row]
    harassment_cases: int

    @property
    def all_ok(self) -> bool:
        return all(row.status == OK for row in self.rows)


def harassment_cases(organisation: Organisation) -> list[Case]:
    """Harassment cases: by kind, or by their confirmed or suggested triage verdict."""
    from mamori.assessments.actions import current_labels

    candidates = (
        Case.objects.filter(organisation=organisation, purged_at__isnull=True)
        .filter(
            Q(kind=CaseKind.CUSTOMER_HARASSMENT)
            | Q(assessments__verdict="customer_harassment")
            | Q(label_corrections__isnull=False)
        )
        .distinct()
    )
    cases = []
    for case in candidates:
        labels, _correction = current_labels(case)
        if case.kind == CaseKind.CUSTOMER_HARASSMENT or (
            labels and labels.get("verdict") == "customer_harassment"
        ):
            cases.append(case)
    return cases


def _share(part: int, whole: int) -> str:
    return f"{part}/{whole} ({part * 100 // whole}%)" if whole else "0/0"


def _status(part: int, whole: int) -> str:
    if whole == 0 or part == whole:
        return OK
    return PARTIAL if part else MISSING


def build_board(organisation: Organisation) -> Board:
    from mamori.care.queries import care_started, facts_confirmed_from_both_sides
    from mamori.measures.queries import deterrence_measures
    from mamori.notify.models import SlaTimerName
    from mamori.notify.sla import sla_status
    from mamori.policy.status import policy_status

    rows: list[Row] = []
    policy = policy_status(organisation)
    if not policy["published"]:
        rows.append(
            Row("policy", _("Policy published and made known"), MISSING, _("No published policy."))
        )
    else:
        percent = policy["percent"]
        rows.append(
            Row(
                "policy",
                _("Policy published and made known"),
                OK if percent >= ACKNOWLEDGED_TARGET else PARTIAL,
                _("Version %(v)s published; acknowledged by %(a)s of %(t)s employees (%(p)s%%).")
                % {
                    "v": policy["version"],
                    "a": policy["acknowledged"],
                    "t": policy["total"],
                    "p": percent,
                },
                [_("Public page: %(url)s") % {"url": policy["public_url"]}],
            )
        )

    responders = User.objects.filter(
        organisation=organisation, role=Role.RESPONSE_TEAM, is_active=True
    )
    reachable = responders.exclude(email="").count()
    desk_status = OK if reachable else (PARTIAL if responders.exists() else MISSING)
    rows.append(
        Row(
            "desk",
            _("Consultation desk configured and reachable"),
            desk_status,
            _(
                "%(n)s active response-team members, %(r)s reachable by e-mail; self-report form "
                "at /consult/%(slug)s/report/."
            )
            % {"n": responders.count(), "r": reachable, "slug": organisation.slug},
        )
    )

    cases = harassment_cases(organisation)
    total = len(cases)
    now = timezone.now()
    within_sla = 0
    both_sides = 0
    cared = 0
    late: list[str] = []
    for case in cases:
        timers = sla_status(case, now=now)
        first = next((t for t in timers if t.name == SlaTimerName.FIRST_CONTACT), None)
        if first is None or (first.met_at is not None and first.met_at <= first.due_at):
            within_sla += 1
        else:
            late.append(case.number)
        if facts_confirmed_from_both_sides(case):
            both_sides += 1
        if care_started(case):
            cared += 1
    rows.append(
        Row(
            "response",
            _("Harassment cases answered within the first-contact SLA"),
            _status(within_sla, total),
            _share(within_sla, total),
            [_("Late or open: %(cases)s") % {"cases": ", ".join(late)}] if late else [],
        )
    )
    rows.append(
        Row(
            "facts",
            _("Facts confirmed from both sides (customer and worker)"),
            _status(both_sides, total),
            _share(both_sides, total),
        )
    )
    rows.append(
        Row("care", _("Care of the employee started"), _status(cared, total), _share(cared, total))
    )

    measures = deterrence_measures(organisation)
    measured_cases = {m.case_id for m in measures}
    with_measure = sum(1 for case in cases if case.pk in measured_cases)
    rows.append(
        Row(
            "deterrence",
            _("Deterrence: measures decided toward customers"),
            OK if total == 0 or with_measure else MISSING,
            _("%(m)s measures; %(c)s of %(t)s harassment cases have one.")
            % {"m": measures.count(), "c": with_measure, "t": total},
        )
    )

    notice = bool(policy["published"]) and _policy_has_section(organisation, "no-adverse-treatment")
    rows.append(
        Row(
            "no_adverse_treatment",
            _("No-adverse-treatment notice published"),
            OK if notice else MISSING,
            _("In the published policy and on the self-report form.")
            if notice
            else _("The published policy has no no-adverse-treatment section."),
        )
    )
    encrypted = bool(settings.FIELD_ENCRYPTION_KEYS)
    rows.append(
        Row(
            "privacy",
            _("Privacy: reporter identity and care notes encrypted"),
            OK if encrypted else PARTIAL,
            _("Field encryption keys configured.")
            if encrypted
            else _("Using a development key: set FIELD_ENCRYPTION_KEYS."),
        )
    )
    return Board(organisation, now, rows, total)


def _policy_has_section(organisation: Organisation, key: str) -> bool:
    from mamori.policy.models import PolicyVersion

    version = (
        PolicyVersion.objects.filter(policy__organisation=organisation, published_at__isnull=False)
        .order_by("-number")
        .first()
    )
    return bool(version and any(s.get("key") == key for s in version.sections))
