"""Database sessions that remember their user and ignore malformed cookies.

A cookie with characters a real session key never has (e.g. NUL bytes) is treated as no session,
instead of becoming a query PostgreSQL refuses. Each row carries the signed-in user's id so that
revoking every session of a user is a single indexed delete instead of decoding every session.
Losing the database just while a changed session is written back does not turn a request whose
work was already committed into Django's 400 "session interrupted": the session change (a flash
message, say) is dropped and logged, and the user sees the answer to what they did.
"""

from __future__ import annotations

import logging
import re
from typing import TYPE_CHECKING, Any, cast

from django.contrib.sessions.backends.base import UpdateError
from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore
from django.db import InterfaceError, OperationalError

if TYPE_CHECKING:
    from mend.core.models import UserSession

VALID_KEY = re.compile(r"^[a-z0-9]{8,64}$")
logger = logging.getLogger(__name__)


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

    def save(self, must_create: bool = False) -> None:
        try:
            super().save(must_create=must_create)
        except UpdateError as error:
            # Django reports any failed update as "the session was deleted meanwhile"; only a
            # lost connection is dropped here, a session really deleted (log out) still refuses
            if not isinstance(error.__context__, OperationalError | InterfaceError):
                raise
            logger.warning("session not saved: the database was unavailable (%s)", error.__context__)

    def _validate_session_key(self, key: str | None) -> bool:
        return bool(key) and bool(VALID_KEY.match(str(key)))
