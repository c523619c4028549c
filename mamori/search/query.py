"""Searching the cases a user may see, with filters, on SQLite and PostgreSQL.

Every search starts from ``Case.objects.visible_to(user)``, so access rules
are the case list's own. Matching is a substring match per term (all terms
must match), answered by an index on both backends:

==============  ===============================  ===================================
term            SQLite                           PostgreSQL
==============  ===============================  ===================================
3+ characters   FTS5 trigram table               stored grams: a 3-character term
                                                 exactly, a longer one by all its
                                                 trigrams, then the text is checked
1–2 characters  FTS5 table of unigrams/bigrams   stored grams (GIN), exactly
other 1–2       ``instr`` scan, after filters    ``strpos`` scan, after filters
==============  ===============================  ===================================

("other" are short terms with ASCII punctuation, such as ``!?``: rare, and
scanned only within the filtered, visible cases.)

A word found in thousands of cases is answered the other way round
(``newest_first``): walking the user's cases newest first and keeping those in
the match list reaches a page of 20 after a few dozen rows, where sorting every
match would read them all.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any

from django.db import connection
from django.db.models import BooleanField, QuerySet
from django.db.models.expressions import RawSQL
from django.utils import timezone

from mamori.cases.models import Case, CaseParty, CaseStatus
from mamori.search.models import SearchDocument, SearchText
from mamori.search.text import (
    Snippet,
    fts_phrase,
    is_caseless,
    is_exact_gram_term,
    is_gram_term,
    like_pattern,
    query_terms,
    snippets,
    term_grams,
)

if TYPE_CHECKING:
    from mamori.accounts.models import User
    from mamori.orgs.models import ClientCompany

OPEN = "open"


@dataclass
class SearchFilters:
    """What narrows a search besides its words; empty values do not filter."""

    status: str = ""
    kind: str = ""
    verdict: str = ""
    category: str = ""
    flag: str = ""
    client: ClientCompany | None = None
    worker: str = ""
    owner: User | None = None
    opened_from: date | None = None
    opened_to: date | None = None

    @property
    def any(self) -> bool:
        return any(getattr(self, name) for name in self.__dataclass_fields__)


def _start_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def _match_subqueries(terms: list[str]) -> list[RawSQL]:
    if not terms:
        return []
    if connection.vendor == "sqlite":
        return _sqlite_matches(terms)
    if connection.vendor == "postgresql":
        return [_postgres_match(terms)]
    # Only SQLite and PostgreSQL are supported; plain SQL elsewhere.
    return [  # pragma: no cover
        RawSQL("SELECT document_id FROM search_searchtext WHERE LOWER(body) LIKE %s", [t])
        for t in (like_pattern(term) for term in terms)
    ]


def _sqlite_matches(terms: list[str]) -> list[RawSQL]:
    """The FTS5 trigram table for 3+ characters, the gram table for 1-2, a scan for the rest."""
    long_terms = [t for t in terms if len(t) >= 3]
    gram_terms = [t for t in terms if is_gram_term(t)]
    other_terms = [t for t in terms if len(t) < 3 and not is_gram_term(t)]
    subqueries: list[RawSQL] = []
    if long_terms:
        subqueries.append(
            RawSQL(
                "SELECT rowid FROM search_trigram WHERE search_trigram MATCH %s",
                [" AND ".join(fts_phrase(t) for t in long_terms)],
            )
        )
    if gram_terms:
        subqueries.append(
            RawSQL(
                "SELECT rowid FROM search_grams WHERE search_grams MATCH %s",
                [" AND ".join(fts_phrase(t) for t in gram_terms)],
            )
        )
    subqueries.extend(
        RawSQL("SELECT document_id FROM search_searchtext WHERE instr(lower(body), %s) > 0", [t])
        for t in other_terms
    )
    return subqueries


def _postgres_match(terms: list[str]) -> RawSQL:
    """One query over the stored grams: the grams every term needs, then the text where needed.

    The GIN bitmap of ``@>`` is exact, so a term that is its own gram needs no
    second look; any other term is checked in the candidates' text, with a plain
    ``strpos`` when the term has no case (Japanese) and ``ILIKE`` otherwise.
    """
    needed: list[str] = []
    checks: list[str] = []
    params: list[Any] = []
    for term in terms:
        needed.extend(gram for gram in term_grams(term) if gram not in needed)
        if is_exact_gram_term(term):
            continue
        if is_caseless(term):
            checks.append("strpos(body, %s) > 0")
            params.append(term)
        else:
            checks.append("body ILIKE %s")
            params.append(like_pattern(term))
    if needed:
        checks.insert(0, "mamori_gram_array(grams) @> %s::text[]")
        params.insert(0, needed)
    where = " AND ".join(checks)
    # Only the fixed fragments above are joined; every value is a parameter.
    return RawSQL(f"SELECT document_id FROM search_searchtext WHERE {where}", params)  # noqa: S608, S611


def _in_list(cases: QuerySet[Case], subquery: RawSQL, *, newest_first: bool) -> QuerySet[Case]:
    if not newest_first:
        return cases.filter(pk__in=subquery)
    # ``(… IN …) IS TRUE`` means the same, but the database does not turn it into
    # a join or an index lookup: the list is built once and checked on each row.
    table = connection.ops.quote_name(Case._meta.db_table)
    pk = connection.ops.quote_name(Case._meta.pk.column or "id")
    return cases.filter(
        RawSQL(  # noqa: S611 - the subquery's SQL is ours, its values are parameters
            f"({table}.{pk} IN ({subquery.sql})) IS TRUE",
            subquery.params,
            output_field=BooleanField(),
        )
    )


def _checked_row_by_row(cases: QuerySet[Case], terms: list[str]) -> QuerySet[Case]:
    """PostgreSQL, many matches: each case's own text checked as the walk reaches it.

    PostgreSQL would build even an ``IS TRUE`` list by reading every match (a
    word in a third of all cases: 60-90 ms); checking the text of the few dozen
    newest cases the page needs costs a couple of milliseconds.
    """
    for term in terms:
        if is_caseless(term):
            cases = cases.filter(search_document__text__body__contains=term)
        else:
            cases = cases.filter(search_document__text__body__icontains=term)
    return cases


def search_cases(
    user: User,
    query: str,
    filters: SearchFilters | None = None,
    *,
    newest_first: bool = False,
) -> QuerySet[Case]:
    """The visible cases matching every term and filter, newest first.

    With no terms and no filters the result is empty: search lists what was asked for.
    ``newest_first`` keeps the match lists from being used as an index, so the
    database walks the cases by date and stops at the page; only worth it when
    the words match many cases (the search page asks for it past its count cap).
    """
    filters = filters or SearchFilters()
    terms = query_terms(query)
    cases: QuerySet[Case] = Case.objects.visible_to(user)
    if not terms and not filters.any:
        return cases.none()
    if newest_first and connection.vendor == "postgresql":
        cases = _checked_row_by_row(cases, terms)
    else:
        for subquery in _match_subqueries(terms):
            cases = _in_list(cases, subquery, newest_first=newest_first)
    if filters.status == OPEN:
        cases = cases.exclude(status=CaseStatus.CLOSED)
    elif filters.status:
        cases = cases.filter(status=filters.status)
    if filters.kind:
        cases = cases.filter(kind=filters.kind)
    if filters.client is not None:
        cases = cases.filter(client=filters.client)
    if filters.owner is not None:
        cases = cases.filter(owner=filters.owner)
    if filters.worker:
        parties = CaseParty.objects.filter(
            worker__organisation_id=user.organisation_id or 0,
            worker__name__icontains=filters.worker,
        )
        cases = cases.filter(pk__in=parties.values("case_id"))
    if filters.opened_from is not None:
        cases = cases.filter(opened_at__gte=_start_of(filters.opened_from))
    if filters.opened_to is not None:
        cases = cases.filter(opened_at__lt=_start_of(filters.opened_to + timedelta(days=1)))
    if filters.verdict:
        cases = cases.filter(search_document__verdict=filters.verdict)
    if filters.category:
        cases = cases.filter(search_document__categories__contains=f"|{filters.category}|")
    if filters.flag:
        cases = cases.filter(search_document__flags__contains=f"|{filters.flag}|")
    return cases.order_by("-opened_at", "-pk")


@dataclass
class Hit:
    """One case in the results, with its labels and marked snippets."""

    case: Case
    document: SearchDocument | None
    snippets: list[tuple[dict[str, Any], Snippet]] = field(default_factory=list)


def hits_for(cases: list[Case], query: str) -> list[Hit]:
    """Attach labels and up to two snippets (with the part they come from) to each case."""
    terms = query_terms(query)
    ids = [c.pk for c in cases]
    documents = SearchDocument.objects.in_bulk(ids)
    texts = SearchText.objects.in_bulk(ids) if terms else {}
    hits: list[Hit] = []
    for case in cases:
        hit = Hit(case=case, document=documents.get(case.pk))
        text = texts.get(case.pk)
        if text is not None:
            sections: list[dict[str, Any]] = list(text.sections)
            offsets = [int(s["o"]) for s in sections]
            for snippet in snippets(text.body, terms, bounds=offsets):
                section = next(
                    (s for s in reversed(sections) if int(s["o"]) <= snippet.offset),
                    {"k": "title"},
                )
                hit.snippets.append((section, snippet))
        hits.append(hit)
    return hits
