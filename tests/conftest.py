"""The standing cast: alice and bob (a linked couple), charlie (outsider), dana (solo)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from django.test import Client

from mend.accounts.models import User
from mend.couples.models import Couple, Membership

from .factories import UserFactory

NOW = datetime(2026, 11, 24, 18, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def _fast_hashing(settings: pytest.FixtureRequest) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # type: ignore[attr-defined]


@pytest.fixture(autouse=True)
def _jobs_run_in_process(settings: pytest.FixtureRequest) -> None:
    """Tests run background jobs at once; the database queue and its worker have their own tests."""
    settings.TASKS = {  # type: ignore[attr-defined]
        "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend", "QUEUES": ["default"]}
    }


@pytest.fixture(autouse=True)
def _fresh_cache() -> None:
    """Rate-limit counters live in the cache: every test starts with none."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def now() -> datetime:
    return NOW


@pytest.fixture
def alice(db: None) -> User:
    return UserFactory(email="alice@example.com", display_name="Alice")


@pytest.fixture
def bob(db: None) -> User:
    return UserFactory(email="bob@example.com", display_name="Bob")


@pytest.fixture
def charlie(db: None) -> User:
    return UserFactory(
        email="charlie@example.com", display_name="Charlie", country="US", time_zone="America/New_York"
    )


@pytest.fixture
def dana(db: None) -> User:
    return UserFactory(
        email="dana@example.com", display_name="Dana", country="AU", time_zone="Australia/Sydney"
    )


@pytest.fixture
def couple(alice: User, bob: User, now: datetime) -> Couple:
    couple = Couple.objects.create(created_by=alice, created_at=now)
    Membership.objects.create(couple=couple, user=alice, joined_at=now)
    Membership.objects.create(couple=couple, user=bob, joined_at=now)
    return couple


def client_for(user: User | None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


@pytest.fixture
def alice_client(alice: User) -> Client:
    return client_for(alice)


@pytest.fixture
def bob_client(bob: User) -> Client:
    return client_for(bob)


@pytest.fixture
def charlie_client(charlie: User) -> Client:
    return client_for(charlie)


@pytest.fixture
def dana_client(dana: User) -> Client:
    return client_for(dana)
