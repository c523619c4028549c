"""Operations and SQL shared by the search migrations."""

from __future__ import annotations

from typing import Any

from django.db import migrations


class VendorRunSQL(migrations.RunSQL):
    """RunSQL that only runs on one database vendor."""

    def __init__(self, vendor: str, *args: Any, **kwargs: Any) -> None:
        self.vendor = vendor
        super().__init__(*args, **kwargs)

    def deconstruct(self) -> tuple[str, list[Any], dict[str, Any]]:
        name, args, kwargs = super().deconstruct()
        return name, [self.vendor, *args], kwargs

    def database_forwards(self, app_label: str, schema_editor: Any, from_state: Any, to_state: Any) -> None:
        if schema_editor.connection.vendor == self.vendor:
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label: str, schema_editor: Any, from_state: Any, to_state: Any) -> None:
        if schema_editor.connection.vendor == self.vendor:
            super().database_backwards(app_label, schema_editor, from_state, to_state)


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
