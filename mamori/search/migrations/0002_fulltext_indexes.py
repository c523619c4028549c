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

from mamori.search.migrations._vendor import VendorRunSQL


SQLITE_FORWARD = [
    "CREATE VIRTUAL TABLE search_trigram USING fts5(body, content='', tokenize='trigram')",
    "CREATE VIRTUAL TABLE search_grams USING fts5("
    "grams, content='', detail='none', tokenize='ascii')",
]
SQLITE_BACKWARD = ["DROP TABLE IF EXISTS search_grams", "DROP TABLE IF EXISTS search_trigram"]

# Linear in the text: string_to_array(..., NULL) and unnest walk it once (substr
# or c[i] in a loop would be quadratic on multibyte text). GIN de-duplicates keys.
# COST 10000 (about 1 ms a row) keeps the planner from re-computing it per row as a
# filter instead of using the index: with the default cost a LIMIT query did that.
POSTGRES_GRAMS_FUNCTION = """
CREATE OR REPLACE FUNCTION mamori_search_grams(body text) RETURNS text[]
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE COST 10000 AS $$
  SELECT coalesce(array_agg(v.gram), '{}'::text[]) FROM (
    SELECT ch || coalesce(lead(ch) OVER (ORDER BY n), '') AS pair, ch
    FROM unnest(string_to_array(lower(body), NULL)) WITH ORDINALITY AS x(ch, n)
  ) pairs, LATERAL (VALUES (pairs.pair), (pairs.ch)) AS v(gram)
$$
"""
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
