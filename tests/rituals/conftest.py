"""Pinned time for rituals: views call `timezone.now()`, so tests patch it to the shared NOW."""

from __future__ import annotations

from datetime import datetime

import pytest


@pytest.fixture
def pinned(monkeypatch: pytest.MonkeyPatch, now: datetime) -> datetime:
    monkeypatch.setattr("django.utils.timezone.now", lambda: now)
    return now
