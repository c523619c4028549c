"""The dashboard's figures: one aggregate per chart, over the cases the user may see.

:func:`build_charts` returns every chart with its SVG and the data table
behind it; :func:`chart_svg` returns one chart's SVG text, for PDF reports.
Figures are cached per user scope, filters and language, and invalidated
whenever a case of the organisation is re-indexed (``dashboard_version``).

Labels (verdict, categories) and the first response time come from
``mamori.search.models.SearchDocument``; a case without one (not indexed yet)
counts as "not assessed".
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING

from django.core.cache import cache
from django.db.models import Count, Q, QuerySet
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from mamori.cases.models import Case, CaseStatus, PartyRole
from mamori.dashboards import svg
from mamori.search.index import dashboard_version

if TYPE_CHECKING:
    from mamori.accounts.models import User
    from mamori.orgs.models import ClientCompany

CACHE_SECONDS = 300
TOP_N = 15
VERDICT_COLOURS = {
    "legitimate_complaint": "#0b6e4f",
    "needs_review": "#f7c948",
    "customer_harassment": "#b42318",
    "": "#9aa5b1",
}
SLA_SAMPLE = 300
SLA_ORDER = ("overdue", "due_soon", "on_time", "met")
SLA_COLOURS = {"overdue": "#b42318", "due_soon": "#f7c948", "on_time": "#0b6e4f", "met": "#9aa5b1"}
AGE_BUCKETS: tuple[tuple[int | None, str], ...] = (
    (3, "0–3"),
    (7, "4–7"),
    (30, "8–30"),
    (90, "31–90"),
    (None, "91+"),
)
CHART_SLUGS = (
    "verdict_by_month",
    "category_by_month",
    "open_by_age",
    "open_by_sla",
    "by_client",
    "by_department",
    "first_response",
    "time_to_close",
    "repeat_customers",
)


@dataclass(frozen=True)
class DashboardFilters:
    """The period (opened between start and end, inclusive) and an optional client."""

    start: date
    end: date
    client: ClientCompany | None = None

    @classmethod
    def default(cls) -> DashboardFilters:
        today = timezone.localdate()
        first = today.replace(day=1)
        for _month in range(11):
            first = (first - timedelta(days=1)).replace(day=1)
        return cls(start=first, end=today)

    def key(self) -> str:
        return f"{self.start}:{self.end}:{self.client.pk if self.client else ''}"


@dataclass
class Chart:
    """One chart: its SVG, and the table of the same figures for screen readers and print."""

    slug: str
    title: str
    desc: str
    svg: str
    headers: list[str]
    rows: list[list[str]]
    note: str = ""
    empty: bool = False
    extra: dict[str, str] = field(default_factory=dict)


def _lang() -> str:
    return "en" if (get_language() or "ja").startswith("en") else "ja"


def _label(label: str) -> str:
    from mamori.triage import label_name

    if not label:
        return _("Not assessed")
    try:
        return label_name(label, _lang())
    except (KeyError, ValueError):
        return label


def _months(start: date, end: date) -> list[date]:
    months = []
    current = start.replace(day=1)
    while current <= end:
        months.append(current)
        current = (current + timedelta(days=32)).replace(day=1)
    return months


def _month_label(month: date) -> str:
    return f"{month.year}-{month.month:02d}"


def _axis_labels(months: list[date]) -> list[str]:
    """Short axis labels: the year only where it starts or changes (2026-01, 02, 03 …)."""
    return [
        _month_label(m) if i == 0 or m.month == 1 else f"{m.month:02d}"
        for i, m in enumerate(months)
    ]


def _aware(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def base_cases(user: User, filters: DashboardFilters) -> QuerySet[Case]:
    """The visible cases opened in the period (and of the client, if one is chosen)."""
    cases = Case.objects.visible_to(user).filter(
        opened_at__gte=_aware(filters.start),
        opened_at__lt=_aware(filters.end + timedelta(days=1)),
    )
    if filters.client is not None:
        cases = cases.filter(client=filters.client)
    return cases


def percentile(values: list[float], fraction: float) -> float | None:
    """Linear-interpolated percentile (``fraction`` in 0..1); ``None`` for no values."""
    if not values:
        return None
    ordered = sorted(values)
    position = (len(ordered) - 1) * fraction
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def _fmt(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f}".rstrip("0").rstrip(".")


def _verdict_by_month(cases: QuerySet[Case], months: list[date]) -> Chart:
    slug = "verdict_by_month"
    title = _("Cases per month by verdict")
    counts: dict[tuple[date, str], int] = defaultdict(int)
    rows = (
        cases.annotate(month=TruncMonth("opened_at"))
        .values("month", "search_document__verdict")
        .annotate(n=Count("id", distinct=True))
        .order_by()
    )
    for row in rows:
        month = (
            timezone.localtime(row["month"]).date()
            if isinstance(row["month"], datetime)
            else row["month"]
        )
        counts[(month.replace(day=1), row["search_document__verdict"] or "")] += row["n"]
    verdicts = ["customer_harassment", "needs_review", "legitimate_complaint", ""]
    series = [
        svg.Series(_label(v), [counts.get((m, v), 0) for m in months], VERDICT_COLOURS[v])
        for v in verdicts
    ]
    total = sum(counts.values())
    desc = _(
        "Stacked bars: cases opened each month, split by their current verdict. Total %(n)s."
    ) % {"n": total}
    labels = [_month_label(m) for m in months]
    table = [[labels[i], *(str(int(s.values[i] or 0)) for s in series)] for i in range(len(months))]
    headers = [_("Month"), *(s.name for s in series)]
    if not total:
        return _empty(slug, title, desc, headers)
    return Chart(
        slug,
        title,
        desc,
        svg.stacked_bars(slug, title, desc, _axis_labels(months), series),
        headers,
        table,
    )


def _category_by_month(cases: QuerySet[Case], months: list[date]) -> Chart:
    from mamori.triage import CATEGORIES

    slug = "category_by_month"
    title = _("Cases per month by category")
    counts: dict[tuple[date, str], int] = defaultdict(int)
    rows = (
        cases.exclude(search_document__categories="")
        .filter(search_document__isnull=False)
        .values_list("pk", "opened_at", "search_document__categories")
    )
    for _pk, opened_at, categories in rows:
        month = timezone.localtime(opened_at).date().replace(day=1)
        for category in (categories or "").split("|"):
            if category:
                counts[(month, category)] += 1
    present = [c for c in CATEGORIES if any(counts.get((m, c)) for m in months)]
    series = [svg.Series(_label(c), [counts.get((m, c), 0) for m in months]) for c in present]
    desc = _(
        "Stacked bars: cases opened each month with each harassment category. A case with "
        "several categories counts once in each; cases without a category are left out."
    )
    labels = [_month_label(m) for m in months]
    headers = [_("Month"), *(s.name for s in series)]
    if not series:
        return _empty(slug, title, desc, headers)
    table = [[labels[i], *(str(int(s.values[i] or 0)) for s in series)] for i in range(len(months))]
    return Chart(
        slug,
        title,
        desc,
        svg.stacked_bars(slug, title, desc, _axis_labels(months), series),
        headers,
        table,
    )


def _open_by_age(user: User, filters: DashboardFilters) -> Chart:
    slug = "open_by_age"
    title = _("Open cases by age")
    cases = Case.objects.visible_to(user).exclude(status=CaseStatus.CLOSED)
    if filters.client is not None:
        cases = cases.filter(client=filters.client)
    now = timezone.now()
    conditions: dict[str, Count] = {}
    lower = 0
    for upper, name in AGE_BUCKETS:
        # Age in whole days since opening falls in (lower, upper]; the first bucket starts at 0.
        q = Q(opened_at__lte=now - timedelta(days=lower)) if lower else Q()
        if upper is not None:
            q &= Q(opened_at__gt=now - timedelta(days=upper))
        conditions[name] = Count("id", filter=q, distinct=True)
        lower = upper or 0
    figures = cases.aggregate(**conditions)
    items = [
        (_("%(range)s days") % {"range": name}, float(figures[name] or 0))
        for _u, name in AGE_BUCKETS
    ]
    desc = _("Horizontal bars: cases not closed, by days since they were opened (all periods).")
    headers = [_("Age"), _("Open cases")]
    table = [[label, str(int(value))] for label, value in items]
    if not any(v for _l, v in items):
        return _empty(slug, title, desc, headers)
    return Chart(
        slug,
        title,
        desc,
        svg.horizontal_bars(slug, title, desc, items, colour="#b44d12"),
        headers,
        table,
    )


def _open_by_sla(user: User, filters: DashboardFilters) -> Chart:
    """Open harassment and consultation cases by their most urgent SLA timer.

    Uses ``mamori.notify.sla.sla_status`` (three timers per case, a few queries
    each), so it looks at the most recently opened ``SLA_SAMPLE`` open cases.
    """
    slug = "open_by_sla"
    title = _("Open cases by SLA state")
    headers = [_("SLA state"), _("Open cases")]
    try:
        from mamori.notify.sla import SLA_KINDS, STATE_LABELS, sla_status
    except ImportError:
        desc = _("SLA timers are not available on this desk.")
        return _empty(slug, title, desc, headers)
    cases = (
        Case.objects.visible_to(user)
        .exclude(status=CaseStatus.CLOSED)
        .filter(kind__in=list(SLA_KINDS))
        .select_related("owner")
        .order_by("-opened_at")
    )
    if filters.client is not None:
        cases = cases.filter(client=filters.client)
    sample = list(cases[: SLA_SAMPLE + 1])
    capped = len(sample) > SLA_SAMPLE
    counts: dict[str, int] = defaultdict(int)
    now = timezone.now()
    for case in sample[:SLA_SAMPLE]:
        states = {timer.state for timer in sla_status(case, now)}
        worst = next((state for state in SLA_ORDER if state in states), "met")
        counts[worst] += 1
    items = [(str(STATE_LABELS[state]), float(counts[state])) for state in SLA_ORDER]
    desc = _(
        "Horizontal bars: open harassment and consultation cases by their most urgent "
        "response-time (SLA) timer, all periods."
    )
    if capped:
        desc += " " + _("Only the %(n)s most recently opened cases are counted.") % {
            "n": SLA_SAMPLE
        }
    table = [[label, str(int(value))] for label, value in items]
    if not any(value for _label, value in items):
        return _empty(slug, title, desc, headers)
    chart_svg_text = svg.horizontal_bars(slug, title, desc, items, colour="#b42318")
    return Chart(slug, title, desc, chart_svg_text, headers, table)


def _by_field(
    cases: QuerySet[Case],
    slug: str,
    title: str,
    fields: tuple[str, ...],
    none_label: str,
    header: str,
) -> Chart:
    rows = cases.values(*fields).annotate(n=Count("id", distinct=True)).order_by("-n", *fields)
    items: list[tuple[str, float]] = []
    others = 0
    for i, row in enumerate(rows):
        if i >= TOP_N:
            others += row["n"]
            continue
        name = " ".join(str(row[f]) for f in fields if row[f]) or none_label
        items.append((name, float(row["n"])))
    desc = _("Horizontal bars: cases opened in the period, the %(n)s largest first.") % {"n": TOP_N}
    if others:
        desc += " " + _("%(n)s more cases belong to others.") % {"n": others}
    headers = [header, _("Cases")]
    table = [[name, str(int(value))] for name, value in items]
    if not items:
        return _empty(slug, title, desc, headers)
    return Chart(slug, title, desc, svg.horizontal_bars(slug, title, desc, items), headers, table)


def _durations(cases: QuerySet[Case], months: list[date]) -> tuple[Chart, Chart]:
    first: dict[date, list[float]] = defaultdict(list)
    close: dict[date, list[float]] = defaultdict(list)
    rows = cases.values_list("pk", "opened_at", "closed_at", "search_document__first_response_at")
    for _pk, opened_at, closed_at, responded_at in rows:
        month = timezone.localtime(opened_at).date().replace(day=1)
        if responded_at is not None:
            first[month].append(max(0.0, (responded_at - opened_at).total_seconds() / 3600))
        if closed_at is not None:
            close[month].append(max(0.0, (closed_at - opened_at).total_seconds() / 86400))
    labels = [_month_label(m) for m in months]
    charts = []
    for slug, title, unit_label, unit, data in (
        ("first_response", _("Time to first response"), _("hours"), "h", first),
        ("time_to_close", _("Time to close"), _("days"), "d", close),
    ):
        median = [percentile(data[m], 0.5) for m in months]
        p90 = [percentile(data[m], 0.9) for m in months]
        series = [
            svg.Series(_("Median"), median, "#0b6e4f"),
            svg.Series(_("90th percentile"), p90, "#b44d12"),
        ]
        desc = _(
            "Lines: median and 90th percentile per month of opening, in %(unit)s. "
            "Months without data leave a gap."
        ) % {"unit": unit_label}
        headers = [
            _("Month"),
            _("Cases"),
            f"{_('Median')} ({unit_label})",
            f"{_('90th percentile')} ({unit_label})",
        ]
        table = [
            [labels[i], str(len(data[m])), _fmt(median[i]), _fmt(p90[i])]
            for i, m in enumerate(months)
        ]
        if not any(data[m] for m in months):
            charts.append(_empty(slug, title, desc, headers))
        else:
            charts.append(
                Chart(
                    slug,
                    title,
                    desc,
                    svg.lines(slug, title, desc, _axis_labels(months), series, unit),
                    headers,
                    table,
                )
            )
    return charts[0], charts[1]


def _repeat_customers(cases: QuerySet[Case]) -> Chart:
    from mamori.cases.models import CaseParty

    slug = "repeat_customers"
    title = _("Repeat complainants")
    rows = (
        CaseParty.objects.filter(
            role=PartyRole.COMPLAINANT, contact__isnull=False, case__in=cases.values("pk")
        )
        .values("contact", "contact__name", "contact__client__name")
        .annotate(n=Count("case", distinct=True))
        .filter(n__gt=1)
        .order_by("-n", "contact__client__name", "contact__name")[:TOP_N]
    )
    items = [(f"{r['contact__client__name']} {r['contact__name']}", float(r["n"])) for r in rows]
    desc = _(
        "Horizontal bars: client contacts recorded as complainant on more than one case opened "
        "in the period, most cases first."
    )
    headers = [_("Contact"), _("Cases")]
    table = [[name, str(int(value))] for name, value in items]
    if not items:
        return _empty(slug, title, desc, headers)
    return Chart(
        slug,
        title,
        desc,
        svg.horizontal_bars(slug, title, desc, items, colour="#8e44ad"),
        headers,
        table,
    )


def _empty(slug: str, title: str, desc: str, headers: list[str]) -> Chart:
    message = _("No cases in this period.")
    return Chart(slug, title, desc, svg.empty(slug, title, desc, message), headers, [], empty=True)


def _compute(user: User, filters: DashboardFilters) -> list[Chart]:
    cases = base_cases(user, filters)
    months = _months(filters.start, filters.end)
    first_response, time_to_close = _durations(cases, months)
    return [
        _verdict_by_month(cases, months),
        _category_by_month(cases, months),
        _open_by_age(user, filters),
        _open_by_sla(user, filters),
        _by_field(
            cases,
            "by_client",
            _("Cases per client"),
            ("client__name",),
            _("No client"),
            _("Client"),
        ),
        _by_field(
            cases,
            "by_department",
            _("Cases per department"),
            ("client__name", "department__name"),
            _("No department"),
            _("Department"),
        ),
        first_response,
        time_to_close,
        _repeat_customers(cases),
    ]


def _cache_key(user: User, filters: DashboardFilters) -> str:
    # Organisation-wide roles share figures; everyone else's depend on their own cases.
    scope = f"org{user.organisation_id}" if user.sees_whole_organisation else f"user{user.pk}"
    version = dashboard_version(user.organisation_id or 0)
    raw = f"{scope}:{filters.key()}:{_lang()}:{version}:{timezone.localdate()}"
    return "mamori:dashboards:charts:" + hashlib.sha256(raw.encode()).hexdigest()[:32]


def build_charts(user: User, filters: DashboardFilters | None = None) -> list[Chart]:
    """Every dashboard chart for this user and these filters (cached)."""
    filters = filters or DashboardFilters.default()
    key = _cache_key(user, filters)
    charts: list[Chart] | None = cache.get(key)
    if charts is None:
        charts = _compute(user, filters)
        cache.set(key, charts, CACHE_SECONDS)
    return charts


def chart_svg(user: User, slug: str, filters: DashboardFilters | None = None) -> str:
    """One chart as standalone SVG text (e.g. to embed in a PDF report)."""
    for chart in build_charts(user, filters):
        if chart.slug == slug:
            return chart.svg
    raise KeyError(slug)


def iter_svgs(user: User, filters: DashboardFilters | None = None) -> Iterator[tuple[str, str]]:
    """``(slug, svg)`` for every chart, in page order."""
    for chart in build_charts(user, filters):
        yield chart.slug, chart.svg
