from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from mend.accounts.models import AuditEvent, User
from tests.factories import TEST_PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_throttle_delay(settings: pytest.FixtureRequest) -> None:
    """django-otp slows down guesses after a wrong code; these tests step through on purpose."""
    settings.OTP_TOTP_THROTTLE_FACTOR = 0  # type: ignore[attr-defined]
    settings.OTP_STATIC_THROTTLE_FACTOR = 0  # type: ignore[attr-defined]


def current_code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"


def enable(client: Client, user: User) -> list[str]:
    page = client.get(reverse("accounts:two_factor"))
    assert "<svg" in page.content.decode()
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    wrong = client.post(
        reverse("accounts:two_factor"), {"code": "000000" if current_code(device) != "000000" else "111111"}
    )
    assert wrong.status_code == 400
    response = client.post(reverse("accounts:two_factor"), {"code": current_code(device)})
    assert response.status_code == 200
    return re.findall(r"<code>([a-z0-9]+)</code>", response.content.decode())


def test_enable_then_login_needs_a_code(alice_client: Client, alice: User) -> None:
    codes = enable(alice_client, alice)
    assert len(codes) == 10
    assert AuditEvent.objects.filter(user=alice, kind="2fa_enabled").exists()
    fresh = Client()
    fresh.post(reverse("accounts:login"), {"username": "alice@example.com", "password": TEST_PASSWORD})
    blocked = fresh.get(reverse("core:dashboard"))
    assert blocked.status_code == 302 and blocked["Location"].startswith("/accounts/2fa/verify/")
    assert fresh.post(reverse("accounts:two_factor_verify"), {"code": "123"}).status_code == 400
    device = TOTPDevice.objects.get(user=alice, confirmed=True)
    device.refresh_from_db()
    ok = fresh.post(reverse("accounts:two_factor_verify"), {"code": codes[0]})
    assert ok.status_code == 302
    assert fresh.get(reverse("core:dashboard")).status_code == 200
    # a recovery code works once
    again = Client()
    again.post(reverse("accounts:login"), {"username": "alice@example.com", "password": TEST_PASSWORD})
    assert again.post(reverse("accounts:two_factor_verify"), {"code": codes[0]}).status_code == 400
    assert current_code(device)  # the authenticator still works for the real owner


def test_disable_needs_a_valid_code(alice_client: Client, alice: User) -> None:
    codes = enable(alice_client, alice)
    refused = alice_client.post(reverse("accounts:two_factor"), {"action": "disable", "code": "nope"})
    assert refused.status_code == 400
    alice_client.post(reverse("accounts:two_factor"), {"action": "disable", "code": codes[1]})
    assert not TOTPDevice.objects.filter(user=alice).exists()
    assert AuditEvent.objects.filter(user=alice, kind="2fa_disabled").exists()
