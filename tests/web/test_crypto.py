from __future__ import annotations

import pytest
from cryptography.fernet import Fernet
from django.core.exceptions import ImproperlyConfigured
from django.test import override_settings

from mend.core import crypto


def test_round_trip_and_ciphertext_hides_text() -> None:
    stored = crypto.encrypt("I felt alone on Sunday")
    assert "alone" not in stored and stored.startswith(crypto.PREFIX)
    assert crypto.decrypt(stored) == "I felt alone on Sunday"


def test_rotation_keeps_old_text_readable_and_moves_it_to_the_new_key() -> None:
    old, new = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    with override_settings(MEND_ENCRYPTION_KEYS=[old]):
        stored = crypto.encrypt("note")
    with override_settings(MEND_ENCRYPTION_KEYS=[new, old]):
        assert crypto.decrypt(stored) == "note"
        rotated = crypto.rotate(stored)
    with override_settings(MEND_ENCRYPTION_KEYS=[new]):
        assert crypto.decrypt(rotated) == "note"
        with pytest.raises(ImproperlyConfigured):
            crypto.decrypt(stored)


def test_production_requires_explicit_keys() -> None:
    with override_settings(MEND_ENCRYPTION_KEYS=[], PRODUCTION=True), pytest.raises(ImproperlyConfigured):
        crypto.encrypt("x")
