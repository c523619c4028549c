"""PostgreSQL: 1-2 character search reads stored grams instead of computing them.

The GIN index over ``mamori_search_grams(body)`` made every row check
recompute the grams of the whole body in SQL (about 0.4 ms a row); a
newest-first plan over a common word did that hundreds of times per query.
The grams are now computed in Python by the indexer (the same
``gram_string`` SQLite's FTS5 table uses) and stored; the index is over
``mamori_gram_array(grams)``, a plpgsql wrapper of ``string_to_array``.

The wrapper exists for its COST: splitting a document's grams takes about
30 µs, yet ``string_to_array`` is costed like an addition, and with that
estimate the planner filtered all 100,000 rows one by one (3 s) instead of
reading the exact GIN bitmap (60 ms). A plpgsql function is never inlined,
so the declared cost reaches the planner.
"""

from __future__ import annotations

from typing import Any

from django.db import migrations, models

from mamori.search.migrations._shared import POSTGRES_GRAMS_FUNCTION, VendorRunSQL

POSTGRES_FORWARD = [
    "DROP INDEX IF EXISTS search_text_body_grams",
    "DROP FUNCTION IF EXISTS mamori_search_grams(text)",
    """
CREATE OR REPLACE FUNCTION mamori_gram_array(grams text) RETURNS text[]
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE COST 1000 AS $$
BEGIN
  RETURN string_to_array(grams, ' ');
END
$$
""",
    "CREATE INDEX search_text_grams ON search_searchtext USING gin (mamori_gram_array(grams))",
]
POSTGRES_BACKWARD = [
    "DROP INDEX IF EXISTS search_text_grams",
    "DROP FUNCTION IF EXISTS mamori_gram_array(text)",
    POSTGRES_GRAMS_FUNCTION,
    "CREATE INDEX search_text_body_grams ON search_searchtext "
    "USING gin (mamori_search_grams(body))",
]


def fill_grams(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    from mamori.search.text import gram_string

    search_text = apps.get_model("search", "SearchText")
    batch = []
    for row in search_text.objects.only("pk", "body").iterator(chunk_size=1000):
        row.grams = gram_string(row.body)
        batch.append(row)
        if len(batch) >= 1000:
            search_text.objects.bulk_update(batch, ["grams"])
            batch = []
    if batch:
        search_text.objects.bulk_update(batch, ["grams"])


class Migration(migrations.Migration):
    dependencies = [("search", "0002_fulltext_indexes")]

    operations = [
        migrations.AddField(
            model_name="searchtext",
            name="grams",
            field=models.TextField(blank=True, default="", editable=False, verbose_name="grams"),
        ),
        migrations.RunPython(fill_grams, migrations.RunPython.noop),
        VendorRunSQL("postgresql", POSTGRES_FORWARD, POSTGRES_BACKWARD),
    ]
