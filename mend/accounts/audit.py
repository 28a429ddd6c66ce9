"""Recording sensitive account events; hooked to Django's login signals and called by services."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.contrib.auth.signals import user_logged_in, user_logged_out
from django.dispatch import receiver
from django.http import HttpRequest
from django.utils import timezone

from .models import AuditEvent, User


def device_label(request: HttpRequest | None) -> str:
    """A coarse device description (browser family and platform), never the full user agent."""
    agent = (request.META.get("HTTP_USER_AGENT", "") if request is not None else "")[:400]
    browser = next((name for name in ("Firefox", "Edg", "Chrome", "Safari") if name in agent), "Browser")
    platform = next(
        (name for name in ("Android", "iPhone", "iPad", "Windows", "Mac OS", "Linux") if name in agent),
        "unknown system",
    )
    return f"{'Edge' if browser == 'Edg' else browser} on {platform}" if agent else "Unknown device"


def audit(
    *, user: User, kind: str, now: datetime | None = None, request: HttpRequest | None = None
) -> AuditEvent:
    return AuditEvent.objects.create(
        user=user, kind=kind, at=now or timezone.now(), device=device_label(request)
    )


@receiver(user_logged_in)
def _on_login(sender: Any, request: HttpRequest | None, user: User, **kwargs: Any) -> None:
    device = device_label(request)
    seen = AuditEvent.objects.filter(user=user, kind=AuditEvent.Kind.LOGIN, device=device).exists()
    audit(user=user, kind=AuditEvent.Kind.LOGIN, request=request)
    if not seen and AuditEvent.objects.filter(user=user, kind=AuditEvent.Kind.LOGIN).count() > 1:
        audit(user=user, kind=AuditEvent.Kind.NEW_DEVICE, request=request)


@receiver(user_logged_out)
def _on_logout(sender: Any, request: HttpRequest | None, user: User | None, **kwargs: Any) -> None:
    if user is not None and user.is_authenticated and user.pk is not None:
        audit(user=user, kind=AuditEvent.Kind.LOGOUT, request=request)
