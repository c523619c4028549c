"""PostgreSQL: the stored grams include trigrams, and answer terms of three or more characters.

pg_trgm's GIN index is lossy for multibyte text (it keeps a hash of each
non-ASCII trigram), so every case it returned for 土下座 was read back and
checked with ``ILIKE``; the planner expected ten rows where thousands
matched, and a common 3-character word cost 100-200 ms before the first
result. A trigram in the stored grams answers a 3-character term exactly
from the GIN bitmap, and narrows a longer term to the cases holding all its
trigrams, whose text is then checked. pg_trgm's index is no longer read, so
it is dropped: one GIN index fewer to update on every write.
"""

from __future__ import annotations

from typing import Any

from django.db import migrations

from mamori.search.migrations._shared import VendorRunSQL

GRAMS_INDEX = (
    "CREATE INDEX search_text_grams ON search_searchtext USING gin (mamori_gram_array(grams))"
)
TRGM_INDEX = (
    "CREATE INDEX search_text_body_trgm ON search_searchtext USING gin (body gin_trgm_ops)"
)
BATCH = 2000


def _refill(schema_editor: Any, longest: int) -> None:
    """Recompute every stored gram string; the GIN index is dropped meanwhile, built once after."""
    if schema_editor.connection.vendor != "postgresql":
        return
    from mamori.search.text import gram_string

    with schema_editor.connection.cursor() as reader, schema_editor.connection.cursor() as writer:
        reader.execute("SELECT document_id, body FROM search_searchtext ORDER BY document_id")
        while rows := reader.fetchmany(BATCH):
            writer.executemany(
                "UPDATE search_searchtext SET grams = %s WHERE document_id = %s",
                [(gram_string(body, longest), pk) for pk, body in rows],
            )


def add_trigrams(apps: Any, schema_editor: Any) -> None:
    _refill(schema_editor, 3)


def remove_trigrams(apps: Any, schema_editor: Any) -> None:
    _refill(schema_editor, 2)


class Migration(migrations.Migration):
    dependencies = [("search", "0003_stored_grams")]

    operations = [
        VendorRunSQL(
            "postgresql",
            [
                "DROP INDEX IF EXISTS search_text_grams",
                "DROP INDEX IF EXISTS search_text_body_trgm",
            ],
            [GRAMS_INDEX, TRGM_INDEX],
        ),
        migrations.RunPython(add_trigrams, remove_trigrams),
        VendorRunSQL("postgresql", [GRAMS_INDEX], ["DROP INDEX IF EXISTS search_text_grams"]),
    ]
