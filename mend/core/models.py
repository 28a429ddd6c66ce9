"""Sessions that know their user, so "log out everywhere" is one indexed delete."""

from __future__ import annotations

from django.contrib.sessions.base_session import AbstractBaseSession
from django.db import models


class UserSession(AbstractBaseSession):
    """Django's database session plus the signed-in user's id (Django's documented extension point)."""

    user_id = models.BigIntegerField(null=True, db_index=True)

    class Meta:
        db_table = "mend_session"
        verbose_name = "session"
