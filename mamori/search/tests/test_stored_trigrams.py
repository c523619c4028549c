"""PostgreSQL keeps trigrams in the stored grams; migration 0004 fills them for existing rows."""

from __future__ import annotations

import importlib
from types import SimpleNamespace

import pytest
from django.db import connection

from mamori.conftest import Desk
from mamori.search.models import SearchText
from mamori.search.query import search_cases
from mamori.search.tests.helpers import open_indexed
from mamori.search.text import gram_string

trigram_migration = importlib.import_module("mamori.search.migrations.0004_stored_trigrams")


@pytest.fixture
def postgres() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("the stored grams are PostgreSQL's; SQLite keeps them in FTS5 tables")


def _found(desk: Desk, query: str) -> set[int]:
    return set(search_cases(desk.response, query).values_list("pk", flat=True))


def test_the_indexer_stores_trigrams(desk: Desk, postgres: None) -> None:
    case = open_indexed(desk, "件名", "土下座を要求された")
    stored = set(SearchText.objects.get(pk=case.pk).grams.split(" "))
    assert {"土", "土下", "土下座", "下座を"} <= stored
    assert "土下座を" not in stored


def test_the_migration_refills_grams_both_ways(desk: Desk, postgres: None) -> None:
    case = open_indexed(desk, "件名", "土下座を要求された")
    editor = SimpleNamespace(connection=connection)

    trigram_migration.remove_trigrams(None, editor)
    row = SearchText.objects.get(pk=case.pk)
    assert row.grams == gram_string(row.body, 2)
    # Without trigrams a 3-character word is not found: the refill is what finds it again.
    assert _found(desk, "土下座") == set()

    trigram_migration.add_trigrams(None, editor)
    assert "土下座" in SearchText.objects.get(pk=case.pk).grams.split(" ")
    assert _found(desk, "土下座") == {case.pk}
    assert _found(desk, "録音") == set()
