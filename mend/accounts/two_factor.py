"""Optional two-factor sign-in (TOTP authenticator app) with one-time recovery codes (django-otp).

Once a user has a confirmed device, a password alone opens only the verification page; every
other page waits until a code is entered. Recovery codes are shown once and work once each.
"""

from __future__ import annotations

import io
from collections.abc import Callable

import qrcode
import qrcode.image.svg
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django_otp import devices_for_user, user_has_device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from .models import AuditEvent, User

RECOVERY_CODES = 10
ALLOWED_UNVERIFIED_PREFIXES = (
    "/accounts/2fa/verify/",
    "/accounts/logout/",
    "/static/",
    "/away/",
    "/healthz",
    "/api/",
)


class RequireVerifiedMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and not request.path.startswith(ALLOWED_UNVERIFIED_PREFIXES)
            and not user.is_verified()
            and user_has_device(user, confirmed=True)
        ):
            return redirect(f"/accounts/2fa/verify/?next={request.get_full_path()}")
        return self.get_response(request)


def totp_pending(user: User) -> TOTPDevice:
    """The unconfirmed authenticator being set up (created on first call)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=False)


def qr_svg(device: TOTPDevice) -> str:
    image = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    buffer = io.BytesIO()
    image.save(buffer)
    svg = buffer.getvalue().decode()
    return svg[svg.index("<svg") :].replace(
        "<svg ", '<svg role="img" aria-label="QR code for your authenticator app" ', 1
    )


@transaction.atomic
def two_factor_enable(*, user: User, device: TOTPDevice, code: str) -> list[str] | None:
    """Confirm the authenticator with a code; returns fresh recovery codes, or None if the code is wrong."""
    if not device.verify_token(code.strip().replace(" ", "")):
        return None
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    AuditEvent.objects.create(user=user, kind="2fa_enabled")
    return recovery_codes_new(user=user)


@transaction.atomic
def recovery_codes_new(*, user: User) -> list[str]:
    StaticDevice.objects.filter(user=user).delete()
    static = StaticDevice.objects.create(user=user, name="Recovery codes", confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create([StaticToken(device=static, token=code) for code in codes])
    return codes


def verify_any(user: User, code: str) -> object | None:
    """The device that accepts `code` (authenticator or a recovery code), or None."""
    cleaned = code.strip().replace(" ", "")
    for device in devices_for_user(user, confirmed=True):
        if device.verify_token(cleaned):
            return device
    return None


@transaction.atomic
def two_factor_disable(*, user: User) -> None:
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    AuditEvent.objects.create(user=user, kind="2fa_disabled")


def has_two_factor(user: User) -> bool:
    return user_has_device(user, confirmed=True)
