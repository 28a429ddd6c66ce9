from __future__ import annotations

import json

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from mend.accounts.models import User

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clear_cache() -> None:
    cache.clear()


def test_password_reset_is_rate_limited(client: Client) -> None:
    statuses = [
        client.post(reverse("accounts:password_reset"), {"email": "x@example.com"}).status_code
        for _ in range(6)
    ]
    assert statuses[:5] == [302] * 5 and statuses[5] == 429


def test_invite_code_guessing_is_rate_limited(bob_client: Client) -> None:
    statuses = [
        bob_client.post(reverse("couples:join_code"), {"code": f"AAAA-AAA{i % 10}"}).status_code
        for i in range(11)
    ]
    assert statuses[:10] == [400] * 10 and statuses[10] == 429


def test_wrong_api_tokens_are_refused_after_many_failures(alice: User) -> None:
    client = Client()
    statuses = [
        client.get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer mend_wrong{i}").status_code for i in range(22)
    ]
    assert statuses[0] == 401 and statuses[-1] == 429
    body = json.loads(client.get("/api/v1/me", HTTP_AUTHORIZATION="Bearer mend_x").content)
    assert "Too many" in body["detail"]
