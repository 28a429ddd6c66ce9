"""Database sessions that ignore malformed session cookies before they reach the database.

A cookie with characters a real session key never has (e.g. NUL bytes) is treated as no session,
instead of becoming a query PostgreSQL refuses.
"""

from __future__ import annotations

import re

from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore

VALID_KEY = re.compile(r"^[a-z0-9]{8,64}$")


class SessionStore(DatabaseSessionStore):
    def _validate_session_key(self, key: str | None) -> bool:
        return bool(key) and bool(VALID_KEY.match(str(key)))
