from __future__ import annotations

import io
import json
import zipfile

import pytest
from django.test import Client
from django.urls import reverse

from mend.accounts.models import AuditEvent, User
from mend.coach.models import SavedDraft
from mend.couples.models import Couple
from mend.couples.selectors import couple_state
from tests.factories import TEST_PASSWORD

pytestmark = pytest.mark.django_db


def test_export_contains_own_items_and_no_secrets(
    alice_client: Client, alice: User, bob: User, couple: Couple
) -> None:
    SavedDraft.objects.create(owner=alice, text="alice draft words")
    SavedDraft.objects.create(owner=bob, text="bob private words")
    alice_client.post(reverse("accounts:tokens"), {"name": "phone"})
    data = alice_client.get(reverse("accounts:export", args=["json"])).json()
    assert data["account"]["email"] == "alice@example.com" and "password" not in data["account"]
    assert [row["text"] for row in data["items"]["coach.saveddraft"]] == ["alice draft words"]
    text = json.dumps(data)
    assert "bob private words" not in text
    assert "digest" not in data["items"]["accounts.apitoken"][0]
    assert AuditEvent.objects.filter(user=alice, kind="export").exists()


def test_zip_export_has_json_and_readable_html(alice_client: Client, alice: User) -> None:
    SavedDraft.objects.create(owner=alice, text="a <b>bold</b> draft")
    response = alice_client.get(reverse("accounts:export", args=["zip"]))
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    assert set(archive.namelist()) == {"mend-export.json", "mend-export.html"}
    html = archive.read("mend-export.html").decode()
    assert "a &lt;b&gt;bold&lt;/b&gt; draft" in html


def test_delete_account_needs_password_and_confirmation(alice_client: Client, alice: User) -> None:
    response = alice_client.post(reverse("accounts:data"), {"password": "wrong", "confirm": "delete"})
    assert response.status_code == 400
    assert User.objects.filter(pk=alice.pk).exists()


def test_delete_account_removes_private_data_and_partner_sees_only_left(
    alice_client: Client, alice: User, bob: User, couple: Couple
) -> None:
    SavedDraft.objects.create(owner=alice, text="mine")
    response = alice_client.post(reverse("accounts:data"), {"password": TEST_PASSWORD, "confirm": "DELETE"})
    assert response.status_code == 200
    assert not User.objects.filter(pk=alice.pk).exists()
    assert not SavedDraft.objects.exists()
    assert couple_state(bob).couple is None
    bob_client = Client()
    bob_client.force_login(bob)
    dashboard = bob_client.get(reverse("core:dashboard")).content.decode()
    assert "on your own" in dashboard and "Alice" not in dashboard
    assert alice_client.get(reverse("core:dashboard")).status_code == 302


def test_security_log_records_login_and_new_device(client: Client, alice: User) -> None:
    url = reverse("accounts:login")
    client.post(
        url,
        {"username": "alice@example.com", "password": TEST_PASSWORD},
        HTTP_USER_AGENT="Mozilla Firefox Linux",
    )
    other = Client()
    other.post(
        url,
        {"username": "alice@example.com", "password": TEST_PASSWORD},
        HTTP_USER_AGENT="Mozilla iPhone Safari",
    )
    kinds = list(AuditEvent.objects.filter(user=alice).values_list("kind", flat=True))
    assert kinds.count("login") == 2 and "new_device" in kinds
    page = client.get(reverse("accounts:security")).content.decode()
    assert "Logged in from a new device" in page and "Safari on iPhone" in page


def test_logout_everywhere_keeps_current_session(client: Client, alice: User) -> None:
    url = reverse("accounts:login")
    client.post(url, {"username": "alice@example.com", "password": TEST_PASSWORD})
    other = Client()
    other.post(url, {"username": "alice@example.com", "password": TEST_PASSWORD})
    client.post(reverse("accounts:sessions_revoke"))
    assert client.get(reverse("core:dashboard")).status_code == 200
    assert other.get(reverse("core:dashboard")).status_code == 302


def test_logout_everywhere_leaves_the_partners_sessions_alone(client: Client, alice: User, bob: User) -> None:
    url = reverse("accounts:login")
    client.post(url, {"username": "alice@example.com", "password": TEST_PASSWORD})
    partner = Client()
    partner.post(url, {"username": "bob@example.com", "password": TEST_PASSWORD})
    assert partner.get(reverse("core:dashboard")).status_code == 200
    client.post(reverse("accounts:sessions_revoke"))
    assert partner.get(reverse("core:dashboard")).status_code == 200


def test_session_rows_know_their_user_only_after_login(client: Client, alice: User) -> None:
    from mend.core.models import UserSession

    client.get(reverse("accounts:login"))  # an anonymous session (CSRF/ratelimit) may or may not exist
    assert not UserSession.objects.filter(user_id=alice.pk).exists()
    client.post(reverse("accounts:login"), {"username": "alice@example.com", "password": TEST_PASSWORD})
    assert UserSession.objects.filter(user_id=alice.pk).count() == 1
    client.post(reverse("accounts:logout"))
    assert not UserSession.objects.filter(user_id=alice.pk).exists()
