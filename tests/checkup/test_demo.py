"""The demo seeds check-ups for alice (twice), bob and dana, and running it again adds nothing."""

from __future__ import annotations

from datetime import datetime

import pytest
from django.test import Client

from mend.checkup.models import CheckupAttempt, CheckupShare
from mend.checkup.selectors import couple_view
from mend.core.demo import seed_demo
from mend.couples.selectors import couple_state

pytestmark = pytest.mark.django_db


def test_demo_is_idempotent_and_fills_the_couple_view(now: datetime) -> None:
    users = seed_demo(now=now)
    counts = (CheckupAttempt.objects.count(), CheckupShare.objects.count())
    seed_demo(now=now)
    assert (CheckupAttempt.objects.count(), CheckupShare.objects.count()) == counts
    assert CheckupAttempt.objects.filter(owner=users.alice, completed_at__isnull=False).count() == 2
    assert CheckupAttempt.objects.filter(owner=users.dana, completed_at__isnull=False).count() == 1
    assert not CheckupAttempt.objects.filter(owner=users.charlie).exists()
    for person in (users.alice, users.bob):
        view = couple_view(person, couple_state(person))
        assert view.status == "open"
        assert view.rows and all(r.compared for r in view.rows)
    client = Client()
    client.force_login(users.alice)
    history = client.get("/checkup/history/").content.decode()
    assert "<polyline" in history
    dana = CheckupAttempt.objects.get(owner=users.dana)
    assert dana.plan["mode"] == "solo" and "long_distance" in dana.plan["variants"]
