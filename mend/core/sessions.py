"""Database sessions that remember their user and ignore malformed cookies.

A cookie with characters a real session key never has (e.g. NUL bytes) is treated as no session,
instead of becoming a query PostgreSQL refuses. Each row carries the signed-in user's id so that
revoking every session of a user is a single indexed delete instead of decoding every session.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, cast

from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore

if TYPE_CHECKING:
    from mend.core.models import UserSession

VALID_KEY = re.compile(r"^[a-z0-9]{8,64}$")


class SessionStore(DatabaseSessionStore):
    @classmethod
    def get_model_class(cls) -> type[UserSession]:
        from mend.core.models import UserSession

        return UserSession

    def create_model_instance(self, data: dict[str, Any]) -> UserSession:
        instance = cast("UserSession", super().create_model_instance(data))
        user_id = data.get("_auth_user_id")
        try:
            instance.user_id = int(user_id) if user_id is not None else None
        except (TypeError, ValueError):
            instance.user_id = None
        return instance

    def _validate_session_key(self, key: str | None) -> bool:
        return bool(key) and bool(VALID_KEY.match(str(key)))
