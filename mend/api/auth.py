"""API authentication: the browser session (with CSRF) or a personal bearer token."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja.security import HttpBearer, SessionAuth

from mend.accounts.services import api_token_authenticate


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> Any:
        user = api_token_authenticate(secret=token, now=timezone.now())
        if user is not None:
            request.user = user
        return user


class SessionUserAuth(SessionAuth):
    """Session auth that returns the user (ninja's default returns it too; kept explicit)."""


AUTH = [TokenAuth(), SessionUserAuth()]  # a valid bearer token wins; the session path enforces CSRF
