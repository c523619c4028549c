"""Full-text indexes for Japanese, one set per database backend.

SQLite: two contentless FTS5 tables keyed by case id (rowid = SearchText pk).
``search_trigram`` (trigram tokenizer) answers terms of 3+ characters;
``search_grams`` (ascii tokenizer, detail=none) holds each document's distinct
unigrams and bigrams as space-separated tokens and answers 1–2 character
terms, which the trigram tokenizer cannot. Both are filled by
``mamori.search.index`` (no triggers: the grams are computed in Python).

PostgreSQL: pg_trgm's GIN index on the body answers ILIKE for 3+ characters;
a GIN index over ``mamori_search_grams(body)`` (distinct unigrams and bigrams,
computed in SQL in linear time) answers 1–2 character terms with ``@>``.
"""

from __future__ import annotations

from typing import Any

from django.db import migrations

from mamori.search.migrations._shared import POSTGRES_GRAMS_FUNCTION, VendorRunSQL


SQLITE_FORWARD = [
    "CREATE VIRTUAL TABLE search_trigram USING fts5(body, content='', tokenize='trigram')",
    "CREATE VIRTUAL TABLE search_grams USING fts5("
    "grams, content='', detail='none', tokenize='ascii')",
]
SQLITE_BACKWARD = ["DROP TABLE IF EXISTS search_grams", "DROP TABLE IF EXISTS search_trigram"]

POSTGRES_FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX search_text_body_trgm ON search_searchtext USING gin (body gin_trgm_ops)",
    POSTGRES_GRAMS_FUNCTION,
    "CREATE INDEX search_text_body_grams ON search_searchtext "
    "USING gin (mamori_search_grams(body))",
]
POSTGRES_BACKWARD = [
    "DROP INDEX IF EXISTS search_text_body_grams",
    "DROP FUNCTION IF EXISTS mamori_search_grams(text)",
    "DROP INDEX IF EXISTS search_text_body_trgm",
]


class Migration(migrations.Migration):
    dependencies = [("search", "0001_search_documents")]

    operations = [
        VendorRunSQL("sqlite", SQLITE_FORWARD, SQLITE_BACKWARD),
        VendorRunSQL("postgresql", POSTGRES_FORWARD, POSTGRES_BACKWARD),
    ]
