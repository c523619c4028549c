from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.db import connection, transaction
from django.db.models import Field

from mamori.crypto import encrypted_fields, rotate


class Command(BaseCommand):
    help = "Re-encrypt every encrypted field with the first key of FIELD_ENCRYPTION_KEYS."

    def handle(self, *args: Any, **options: Any) -> None:
        total = 0
        quote = connection.ops.quote_name
        for model, name in encrypted_fields():
            meta = model._meta
            field = meta.get_field(name)
            assert meta.pk is not None and isinstance(field, Field)  # noqa: S101
            table, pk = quote(meta.db_table), quote(str(meta.pk.column))
            column = quote(str(field.column))
            # Raw SQL on purpose: the stored ciphertext is what gets rotated, and rows
            # written before the column was encrypted are encrypted here as well.
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute(f"SELECT {pk}, {column} FROM {table}")  # noqa: S608
                for row_id, raw in cursor.fetchall():
                    if raw:
                        cursor.execute(
                            f"UPDATE {table} SET {column} = %s WHERE {pk} = %s",  # noqa: S608
                            [rotate(raw), row_id],
                        )
                        total += 1
        self.stdout.write(f"re-encrypted {total} values")
