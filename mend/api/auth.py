"""API authentication: the browser session (with CSRF) or a personal bearer token.

A token carries a scope: a read-only token may make GET and HEAD requests only; any other request
with it is refused with 403 and a reason, without trying the session.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja.errors import HttpError
from ninja.security import HttpBearer, SessionAuth

from mend.accounts.models import User
from mend.accounts.services import api_token_authenticate
from mend.core.ratelimit import client_ip, hit, is_blocked

TOKEN_FAILURES = 20  # wrong tokens per address per 10 minutes before refusing

READ_ONLY_REFUSAL = (
    "This token is read-only: it may only read (GET). To make changes, create a token with "
    "“Read and write” access in Settings → Personal API tokens."
)


class TokenAuth(HttpBearer):
    openapi_description = (
        "A personal API token, `Authorization: Bearer mend_…`, created in Settings → Personal API "
        "tokens. Each token has a scope: **read** (read only) allows GET and HEAD requests only, and "
        "any other request with it is refused with 403; **write** (read and write) allows every "
        "request. Tokens made before scopes existed are read and write."
    )

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        ident = client_ip(request)
        if is_blocked("api_token", ident, limit=TOKEN_FAILURES):
            raise HttpError(429, "Too many failed token attempts from here. Please wait a few minutes.")
        api_token = api_token_authenticate(secret=token, now=timezone.now())
        if api_token is None:
            hit("api_token", ident, limit=TOKEN_FAILURES, window=600)
            return None
        if not api_token.allows(request.method or ""):
            raise HttpError(403, READ_ONLY_REFUSAL)
        request.user = api_token.user
        request.api_token = api_token  # type: ignore[attr-defined]
        return api_token.user


class SessionUserAuth(SessionAuth):
    """Session auth that returns the user (ninja's default returns it too; kept explicit)."""

    openapi_description = "The browser session cookie; write requests also need the CSRF token."


AUTH = [TokenAuth(), SessionUserAuth()]  # a valid bearer token wins; the session path enforces CSRF


def request_user(request: HttpRequest) -> User:
    """The signed-in user of an API call (every operation requires auth, so it is always a User)."""
    user = request.user
    assert isinstance(user, User)
    return user
