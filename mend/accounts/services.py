"""Writes for accounts: each state change is one function, in a transaction."""

from __future__ import annotations

from datetime import datetime

from django.db import transaction

from .models import ApiToken, User


@transaction.atomic
def user_signup(
    *, email: str, password: str, display_name: str, time_zone: str = "UTC", country: str = ""
) -> User:
    return User.objects.create_user(
        email=email, password=password, display_name=display_name, time_zone=time_zone, country=country
    )


@transaction.atomic
def api_token_create(
    *, user: User, name: str, now: datetime, scope: str = ApiToken.Scope.READ
) -> tuple[ApiToken, str]:
    """Create a token and return it with its secret, which is never stored and shown once.

    Tokens are read-only unless asked for otherwise: an app that only shows data cannot change any.
    """
    if scope not in ApiToken.Scope.values:
        raise ValueError(f"Unknown token scope: {scope!r}")
    secret = ApiToken.new_secret()
    token = ApiToken.objects.create(
        user=user,
        name=name.strip() or "API token",
        scope=scope,
        digest=ApiToken.digest_of(secret),
        hint=secret[: len(ApiToken.PREFIX) + 4],
        created_at=now,
    )
    return token, secret


@transaction.atomic
def api_token_revoke(*, token: ApiToken, now: datetime) -> None:
    if token.revoked_at is None:
        token.revoked_at = now
        token.save(update_fields=["revoked_at"])


def api_token_authenticate(*, secret: str, now: datetime) -> ApiToken | None:
    """The active token (with its active user) behind a secret, or None. Records when it was last used.

    The caller checks the token's scope against the request (`ApiToken.allows`).
    """
    if not secret.startswith(ApiToken.PREFIX) or len(secret) > 200:
        return None
    token = (
        ApiToken.objects.active()
        .select_related("user")
        .filter(digest=ApiToken.digest_of(secret), user__is_active=True)
        .first()
    )
    if token is None:
        return None
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token
