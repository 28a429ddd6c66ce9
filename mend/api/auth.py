"""API authentication: the browser session (with CSRF) or a personal bearer token."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja.errors import HttpError
from ninja.security import HttpBearer, SessionAuth

from mend.accounts.services import api_token_authenticate
from mend.core.ratelimit import client_ip, hit, is_blocked

TOKEN_FAILURES = 20  # wrong tokens per address per 10 minutes before refusing


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> Any:
        ident = client_ip(request)
        if is_blocked("api_token", ident, limit=TOKEN_FAILURES):
            raise HttpError(429, "Too many failed token attempts from here. Please wait a few minutes.")
        user = api_token_authenticate(secret=token, now=timezone.now())
        if user is None:
            hit("api_token", ident, limit=TOKEN_FAILURES, window=600)
            return None
        request.user = user
        return user


class SessionUserAuth(SessionAuth):
    """Session auth that returns the user (ninja's default returns it too; kept explicit)."""


AUTH = [TokenAuth(), SessionUserAuth()]  # a valid bearer token wins; the session path enforces CSRF
