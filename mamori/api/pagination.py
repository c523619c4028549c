"""Limit/offset pagination with a total count, the same for every list."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django.db.models import Model, QuerySet
from ninja import Schema
from pydantic import Field

from mamori.api.schemas import DEFAULT_LIMIT, MAX_ID, MAX_LIMIT

M = TypeVar("M", bound=Model)


class Paging(Schema):
    limit: int = Field(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT, description="Items per page.")
    offset: int = Field(0, ge=0, le=MAX_ID, description="Items to skip.")


def paginate(
    queryset: QuerySet[M], paging: Paging, build: Callable[[M], dict[str, Any]]
) -> dict[str, Any]:
    count = queryset.count()
    rows = queryset[paging.offset : paging.offset + paging.limit] if paging.offset < count else []
    return {
        "count": count,
        "limit": paging.limit,
        "offset": paging.offset,
        "items": [build(row) for row in rows],
    }
