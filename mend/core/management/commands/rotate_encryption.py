"""Re-encrypt every encrypted field with the newest key in MEND_ENCRYPTION_KEYS."""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import connection, transaction

from mend.core import crypto
from mend.core.fields import EncryptedJSONField, EncryptedTextField


class Command(BaseCommand):
    help = "Re-encrypt private text with the newest encryption key (run after adding a key in front)."

    def handle(self, *args: Any, **options: Any) -> None:
        total = 0
        quote = connection.ops.quote_name
        for model in apps.get_models():
            fields = [f for f in model._meta.fields if isinstance(f, EncryptedTextField | EncryptedJSONField)]
            if not fields:
                continue
            pk_column = model._meta.pk.column
            columns = ", ".join(quote(f.column) for f in fields)
            sql = f"SELECT {quote(pk_column)}, {columns} FROM {quote(model._meta.db_table)}"  # noqa: S608 - names from model metadata
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute(sql)
                for pk, *values in cursor.fetchall():
                    changes = {
                        f.name: crypto.Ciphertext(crypto.rotate(v))
                        for f, v in zip(fields, values, strict=True)
                        if v
                    }
                    if changes:
                        model._default_manager.filter(pk=pk).update(**changes)
                        total += 1
        self.stdout.write(f"Re-encrypted {total} rows.")
