"""Model fields that keep private text encrypted in the database."""

from __future__ import annotations

from typing import Any

from django.db import models

from . import crypto


class EncryptedTextField(models.TextField):  # type: ignore[type-arg]
    """Text stored encrypted (Fernet). Not searchable or orderable by content, by design."""

    description = "Text encrypted at rest"

    def get_prep_value(self, value: Any) -> Any:
        if isinstance(value, crypto.Ciphertext):
            return str(value)
        value = super().get_prep_value(value)
        if value is None or value == "":
            return value
        return crypto.encrypt(str(value))

    def from_db_value(self, value: Any, expression: Any, connection: Any) -> Any:
        if value is None or value == "":
            return value
        return crypto.decrypt(value)

    def to_python(self, value: Any) -> Any:
        return value


class EncryptedJSONField(models.TextField):  # type: ignore[type-arg]
    """A JSON value (answers, lists) stored encrypted as text."""

    description = "JSON encrypted at rest"

    def get_prep_value(self, value: Any) -> Any:
        import json

        if isinstance(value, crypto.Ciphertext):
            return str(value)
        if value is None:
            return None
        return crypto.encrypt(json.dumps(value, ensure_ascii=False, sort_keys=True))

    def from_db_value(self, value: Any, expression: Any, connection: Any) -> Any:
        import json

        if value is None or value == "":
            return None
        return json.loads(crypto.decrypt(value))

    def to_python(self, value: Any) -> Any:
        return value

    def value_to_string(self, obj: models.Model) -> str:
        import json

        return json.dumps(self.value_from_object(obj))
