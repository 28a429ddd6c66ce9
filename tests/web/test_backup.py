"""mend backup / mend restore round-trip the data, with private text still encrypted in the copy."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from django.db import connection

from mend.accounts.models import User
from mend.coach.models import SavedDraft
from mend.core.backup import backup, restore
from mend.core.demo import seed_demo

pytestmark = pytest.mark.django_db(transaction=True)


def test_backup_and_restore_round_trip(tmp_path: Path, now: object) -> None:
    from django.utils import timezone

    demo = seed_demo(now=timezone.now())
    SavedDraft.objects.create(owner=demo.alice, text="a private draft for the backup")
    users_before = set(User.objects.values_list("email", flat=True))
    target = tmp_path / "mend.backup"
    backup(target)
    assert target.stat().st_size > 0
    if connection.vendor == "sqlite":
        raw = sqlite3.connect(target).execute("SELECT text FROM coach_saveddraft").fetchone()[0]
        assert "private draft" not in raw  # still encrypted in the copy
    SavedDraft.objects.all().delete()
    User.objects.filter(email="charlie@example.com").delete()
    restore(target)
    connection.close()
    assert set(User.objects.values_list("email", flat=True)) == users_before
    assert SavedDraft.objects.get().text == "a private draft for the backup"
