"""The search page: words and filters in, the user's matching cases with marked snippets out."""

from __future__ import annotations

from typing import cast

from django.contrib.auth.decorators import login_required
from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.functional import cached_property
from django.utils.translation import get_language

from mamori.accounts.http import AuthenticatedRequest
from mamori.cases.models import Case
from mamori.search.forms import SearchForm
from mamori.search.query import hits_for, search_cases

PAGE_SIZE = 20
# Counting every hit of a common word (録音 in a third of all cases) costs more than
# the page itself; past this many the page says "1,000+".
COUNT_CAP = 1000


class CappedPaginator(Paginator):  # type: ignore[type-arg]  # Paginator is generic in the stubs only
    """A paginator whose count stops at ``COUNT_CAP`` (the last pages are then not linked).

    Past the cap the page is read from ``common``, the same cases in a form the
    database answers by walking the newest first (see ``search_cases``).
    """

    def __init__(
        self, object_list: QuerySet[Case], per_page: int, common: QuerySet[Case] | None = None
    ) -> None:
        super().__init__(object_list, per_page)
        self.common = common

    @cached_property
    def count(self) -> int:
        cases = cast("QuerySet[Case]", self.object_list)
        return cases.order_by()[: COUNT_CAP + 1].count()

    @property
    def capped(self) -> bool:
        return self.count > COUNT_CAP

    def page(self, number: int | str) -> Page:  # type: ignore[type-arg]
        number = self.validate_number(number)
        if self.capped and self.common is not None:
            self.object_list = self.common
        return super().page(number)


def _label_names() -> dict[str, str]:
    from mamori.triage import CATEGORIES, FLAGS, VERDICTS, label_name

    lang = "en" if (get_language() or "ja").startswith("en") else "ja"
    return {label: label_name(label, lang) for label in (*VERDICTS, *CATEGORIES, *FLAGS)}


@login_required
def search(request: AuthenticatedRequest) -> HttpResponse:
    form = SearchForm(request.GET or None, user=request.user)
    page = None
    hits = []
    asked = False
    if form.is_bound and form.is_valid():
        filters = form.filters()
        query = form.cleaned_data["q"]
        asked = bool(query.strip()) or filters.any
        cases = search_cases(request.user, query, filters).select_related("client", "owner")
        common = search_cases(request.user, query, filters, newest_first=True)
        page = CappedPaginator(
            cases, PAGE_SIZE, common=common.select_related("client", "owner")
        ).get_page(request.GET.get("page"))
        hits = hits_for(list(page.object_list), query)
    params = request.GET.copy()
    params.pop("page", None)
    return render(
        request,
        "search/search.html",
        {
            "form": form,
            "page": page,
            "hits": hits,
            "asked": asked,
            "query": params.urlencode(),
            "label_names": _label_names(),
        },
    )
