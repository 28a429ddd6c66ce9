from __future__ import annotations

import re
import subprocess
import sys

import pytest
from django.conf import settings
from django.core import mail
from django.test import Client
from django.urls import reverse

from mend.accounts.models import ApiToken, User
from tests.factories import TEST_PASSWORD

pytestmark = pytest.mark.django_db


def test_argon2_is_the_configured_hasher() -> None:
    from django.contrib.auth.hashers import make_password
    from django.test import override_settings

    import config.settings as configured

    assert configured.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")
    with override_settings(PASSWORD_HASHERS=configured.PASSWORD_HASHERS):
        assert make_password("correct horse battery").startswith("argon2$")


def test_signup_logs_in_and_lands_on_dashboard(client: Client) -> None:
    response = client.post(
        reverse("accounts:signup"),
        {
            "email": "New.Person@Example.com",
            "display_name": "Sam",
            "time_zone": "Europe/Berlin",
            "country": "DE",
            "password1": "quiet-river-stones-9",
            "password2": "quiet-river-stones-9",
        },
    )
    assert response.status_code == 302 and response["Location"] == reverse("core:dashboard")
    user = User.objects.get(email="new.person@example.com")
    assert user.display_name == "Sam" and user.country == "DE"
    assert user.password.startswith("md5$")  # tests use a fast hasher; production uses Argon2
    assert "Sam" in client.get(reverse("core:dashboard")).content.decode()


def test_signup_errors_keep_what_was_typed(client: Client, alice: User) -> None:
    response = client.post(
        reverse("accounts:signup"),
        {
            "email": "alice@example.com",
            "display_name": "<script>alert(1)</script>",
            "time_zone": "Europe/London",
            "country": "",
            "password1": "12345678",
            "password2": "different",
        },
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "already exists" in body
    assert "The two passwords differ." in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body  # kept, and escaped
    assert "<script>alert(1)</script>" not in body


def test_signup_applies_password_validators(client: Client) -> None:
    response = client.post(
        reverse("accounts:signup"),
        {
            "email": "x@example.com",
            "display_name": "X",
            "time_zone": "UTC",
            "password1": "123456789012",
            "password2": "123456789012",
        },
    )
    assert response.status_code == 400
    assert "entirely numeric" in response.content.decode()
    assert not User.objects.filter(email="x@example.com").exists()


def test_signup_rejects_oversized_input(client: Client) -> None:
    response = client.post(
        reverse("accounts:signup"),
        {
            "email": "y@example.com",
            "display_name": "Y" * 500,
            "time_zone": "UTC",
            "password1": "p" * 20,
            "password2": "p" * 20,
        },
    )
    assert response.status_code == 400
    assert "at most 60 characters" in response.content.decode()


def test_login_and_lockout_after_repeated_failures(client: Client, alice: User) -> None:
    url = reverse("accounts:login")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        response = client.post(url, {"username": "alice@example.com", "password": "wrong password"})
        assert response.status_code in {200, 429}
    locked = client.post(url, {"username": "alice@example.com", "password": TEST_PASSWORD})
    assert locked.status_code == 429
    assert "Too many attempts" in locked.content.decode()
    assert "_auth_user_id" not in client.session


def test_login_with_right_password(client: Client, alice: User) -> None:
    response = client.post(
        reverse("accounts:login"), {"username": "alice@example.com", "password": TEST_PASSWORD}
    )
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(alice.pk)


def test_logout_needs_post(alice_client: Client) -> None:
    assert alice_client.get(reverse("accounts:logout")).status_code == 405
    assert alice_client.post(reverse("accounts:logout")).status_code == 302
    assert alice_client.get(reverse("core:dashboard")).status_code == 302


def test_password_reset_sends_a_working_link(client: Client, alice: User) -> None:
    client.post(reverse("accounts:password_reset"), {"email": "alice@example.com"})
    assert len(mail.outbox) == 1
    link = re.search(r"http://testserver(/accounts/password/reset/\S+)", mail.outbox[0].body)
    assert link is not None
    page = client.get(link.group(1), follow=True)
    assert page.status_code == 200
    response = client.post(
        page.redirect_chain[-1][0],
        {"new_password1": "fresh-meadow-rain-3", "new_password2": "fresh-meadow-rain-3"},
    )
    assert response.status_code == 302
    alice.refresh_from_db()
    assert alice.check_password("fresh-meadow-rain-3")


def test_password_reset_for_unknown_email_reveals_nothing(client: Client) -> None:
    response = client.post(reverse("accounts:password_reset"), {"email": "nobody@example.com"})
    assert response.status_code == 302
    assert mail.outbox == []


def test_password_change(alice_client: Client, alice: User) -> None:
    response = alice_client.post(
        reverse("accounts:password_change"),
        {
            "old_password": TEST_PASSWORD,
            "new_password1": "brand-new-words-77",
            "new_password2": "brand-new-words-77",
        },
    )
    assert response.status_code == 302
    alice.refresh_from_db()
    assert alice.check_password("brand-new-words-77")


def test_profile_update_and_bad_time_zone(alice_client: Client, alice: User) -> None:
    url = reverse("accounts:profile")
    ok = alice_client.post(
        url,
        {
            "display_name": "Ally",
            "time_zone": "Europe/Paris",
            "country": "FR",
            "quick_exit_url": "https://example.org/",
        },
    )
    assert ok.status_code == 302
    alice.refresh_from_db()
    assert (alice.display_name, alice.time_zone, alice.country) == ("Ally", "Europe/Paris", "FR")
    bad = alice_client.post(
        url,
        {
            "display_name": "Kept name",
            "time_zone": "Mars/Olympus",
            "country": "FR",
            "quick_exit_url": "https://example.org/",
        },
    )
    assert bad.status_code == 400
    assert "Kept name" in bad.content.decode()
    alice.refresh_from_db()
    assert alice.display_name == "Ally"


def test_api_token_shown_once_stored_hashed_and_revocable(alice_client: Client, alice: User) -> None:
    response = alice_client.post(reverse("accounts:tokens"), {"name": "phone"})
    secret = re.search(r"(mend_[A-Za-z0-9_\-]+)", response.content.decode())
    assert secret is not None
    token = ApiToken.objects.get(user=alice)
    assert token.digest == ApiToken.digest_of(secret.group(1)) and secret.group(1) not in token.digest
    api = Client()
    assert (
        api.get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {secret.group(1)}").json()["email"]
        == "alice@example.com"
    )
    assert secret.group(1) not in alice_client.get(reverse("accounts:tokens")).content.decode()
    alice_client.post(reverse("accounts:token_revoke", args=[token.pk]))
    assert api.get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {secret.group(1)}").status_code == 401


def test_someone_elses_token_cannot_be_revoked(charlie_client: Client, alice: User, now: object) -> None:
    from django.utils import timezone

    from mend.accounts.services import api_token_create

    token, _ = api_token_create(user=alice, name="laptop", now=timezone.now())
    assert charlie_client.post(reverse("accounts:token_revoke", args=[token.pk])).status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None


def test_production_refuses_the_development_secret_key() -> None:
    code = "import config.settings"
    env = {"MEND_ENV": "production", "PATH": "/usr/bin:/bin"}
    result = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr
    env["SECRET_KEY"] = "x" * 50
    assert (
        subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, check=False).returncode
        == 0
    )


def test_debug_is_off_unless_asked() -> None:
    code = "import config.settings as s; print(s.DEBUG)"
    out = subprocess.run(
        [sys.executable, "-c", code],
        env={"PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=True,
    )
    assert out.stdout.strip() == "False"
    out = subprocess.run(
        [sys.executable, "-c", code],
        env={"PATH": "/usr/bin:/bin", "DEBUG": "1"},
        capture_output=True,
        text=True,
        check=True,
    )
    assert out.stdout.strip() == "True"
