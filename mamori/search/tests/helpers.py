"""Opening indexed cases for the search tests (the index hook runs here until actions call it)."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from django.test import Client
from django.urls import reverse

from mamori.cases import actions
from mamori.cases.models import Case
from mamori.conftest import Desk
from mamori.search.index import index_case

JST = ZoneInfo("Asia/Tokyo")


def open_indexed(
    desk: Desk, title: str, summary: str, quotes: tuple[str, ...] = (), **kwargs: Any
) -> Case:
    case = desk.open_case(
        title,
        first_entry=actions.EntryInput(
            occurred_at=kwargs.pop("occurred_at", datetime(2026, 11, 2, 9, 30, tzinfo=JST)),
            channel="phone",
            summary=summary,
            quotes=list(quotes),
        ),
        **kwargs,
    )
    index_case(case)
    return case


def search_page(client: Client, **params: Any) -> str:
    response = client.get(reverse("search:search"), params, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    return response.content.decode()
