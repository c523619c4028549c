"""Dashboard pages: every chart with its data table, and each chart as an SVG file."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.safestring import mark_safe

from mamori.accounts.http import AuthenticatedRequest
from mamori.dashboards.charts import CHART_SLUGS, DashboardFilters, build_charts
from mamori.dashboards.forms import DashboardFilterForm


def _filters(request: AuthenticatedRequest) -> tuple[DashboardFilterForm, DashboardFilters | None]:
    if not (request.user.can_handle_cases or request.user.sees_whole_organisation):
        # Reporters follow their own reports elsewhere; figures about others are not theirs.
        raise PermissionDenied
    form = DashboardFilterForm(request.GET or None, user=request.user)
    if not form.is_bound:
        return form, DashboardFilters.default()
    if form.is_valid():
        return form, form.filters()
    return form, None


@login_required
def index(request: AuthenticatedRequest) -> HttpResponse:
    form, filters = _filters(request)
    charts = build_charts(request.user, filters) if filters is not None else []
    for chart in charts:
        # The SVG is built by mamori.dashboards.svg, which escapes every data value.
        chart.extra["safe_svg"] = mark_safe(chart.svg)  # noqa: S308
    return render(
        request,
        "dashboards/index.html",
        {"form": form, "filters": filters, "charts": charts, "query": request.GET.urlencode()},
    )


@login_required
def chart(request: AuthenticatedRequest, slug: str) -> HttpResponse:
    if slug not in CHART_SLUGS:
        raise Http404
    form, filters = _filters(request)
    if filters is None:
        return HttpResponse(status=400)
    svg = next(c.svg for c in build_charts(request.user, filters) if c.slug == slug)
    response = HttpResponse(svg, content_type="image/svg+xml; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{slug}.svg"'
    return response
