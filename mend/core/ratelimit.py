"""A small fixed-window rate limit on the cache, for endpoints that invite guessing.

Used on password reset, invite acceptance and API-token failures (login has django-axes).
With several app servers, point CACHE_URL at Redis so the counts are shared.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Callable
from typing import Any, TypeVar, cast

from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, HttpResponseBase, JsonResponse
from django.shortcuts import render

F = TypeVar("F", bound=Callable[..., HttpResponseBase])


def client_ip(request: HttpRequest) -> str:
    return str(request.META.get("REMOTE_ADDR", "unknown"))


def _key(scope: str, ident: str) -> str:
    return "rl:" + scope + ":" + hashlib.sha256(ident.encode()).hexdigest()[:32]


def hit(scope: str, ident: str, *, limit: int, window: int) -> bool:
    """Count one attempt; True while the caller is still within `limit` attempts per `window` seconds."""
    key = _key(scope, ident)
    cache.add(key, 0, timeout=window)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window)
        count = 1
    return count <= limit


def is_blocked(scope: str, ident: str, *, limit: int) -> bool:
    return int(cache.get(_key(scope, ident), 0)) > limit


def too_many(request: HttpRequest) -> HttpResponse:
    text = "Too many attempts from here. Please wait a few minutes and try again."
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": text}, status=429)
    return render(
        request, "core/error.html", {"status": 429, "title": "Please slow down", "text": text}, status=429
    )


def ratelimit(
    scope: str, *, limit: int, window: int, methods: tuple[str, ...] = ("POST",)
) -> Callable[[F], F]:
    """Limit `methods` requests per client address (and per user when signed in)."""

    def decorate(view: F) -> F:
        @functools.wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            if request.method in methods:
                ident = client_ip(request)
                if getattr(request, "user", None) is not None and request.user.is_authenticated:
                    ident += f":{request.user.pk}"
                if not hit(scope, ident, limit=limit, window=window):
                    return too_many(request)
            return view(request, *args, **kwargs)

        return cast(F, wrapped)

    return decorate
