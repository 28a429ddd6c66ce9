"""Encryption at rest for private free text (journal, notes, free-text answers, safety answers).

Keys come from `MEND_ENCRYPTION_KEYS` (comma-separated Fernet keys, newest first). The first key
encrypts; every key decrypts, so keys can be rotated: add a new key in front, run
`mend rotate_encryption`, then drop the old key. Outside production, a key is derived from
SECRET_KEY so development needs no set-up; production refuses to run without explicit keys.
"""

from __future__ import annotations

import base64
import hashlib
from functools import lru_cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

PREFIX = "fernet:"


class Ciphertext(str):
    """Text that is already encrypted: fields store it as it is (used by key rotation)."""


def _derived_key() -> bytes:
    digest = hashlib.sha256(("mend-encryption:" + settings.SECRET_KEY).encode()).digest()
    return base64.urlsafe_b64encode(digest)


@lru_cache(maxsize=4)
def _fernet(keys: tuple[str, ...], production: bool) -> MultiFernet:
    if not keys:
        if production:
            raise ImproperlyConfigured("Set MEND_ENCRYPTION_KEYS in production (see README).")
        return MultiFernet([Fernet(_derived_key())])
    return MultiFernet([Fernet(key.encode()) for key in keys])


def fernet() -> MultiFernet:
    return _fernet(tuple(settings.MEND_ENCRYPTION_KEYS), bool(getattr(settings, "PRODUCTION", False)))


def encrypt(plain: str) -> str:
    return PREFIX + fernet().encrypt(plain.encode()).decode()


def decrypt(stored: str) -> str:
    if not stored.startswith(PREFIX):
        return stored  # written before encryption was enabled
    try:
        return fernet().decrypt(stored[len(PREFIX) :].encode()).decode()
    except InvalidToken as error:
        raise ImproperlyConfigured(
            "Cannot decrypt stored text: is the right MEND_ENCRYPTION_KEYS set?"
        ) from error


def rotate(stored: str) -> str:
    """Re-encrypt with the newest key (for key rotation)."""
    if not stored.startswith(PREFIX):
        return encrypt(stored)
    return PREFIX + fernet().rotate(stored[len(PREFIX) :].encode()).decode()
