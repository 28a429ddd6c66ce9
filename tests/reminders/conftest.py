"""Shared set-up: alice and bob's weekly check-in, a promise of alice's, and helpers."""

from __future__ import annotations

from datetime import datetime, time, timedelta

import pytest

from mend.accounts.models import User
from mend.couples.models import Couple
from mend.rituals.models import CheckinSchedule
from mend.trust.models import Promise
from tests.access.matrix import SECRET


@pytest.fixture
def schedule(couple: Couple, alice: User) -> CheckinSchedule:
    # now is Tuesday 24 Nov 2026 18:00 UTC; the check-in is Tuesdays 20:00 London, so the
    # three-hours-before reminder went out at 17:00 and is due now.
    return CheckinSchedule.objects.create(
        owner=alice, couple=couple, weekday=1, local_time=time(20, 0), time_zone="Europe/London"
    )


@pytest.fixture
def promise(alice: User, couple: Couple, now: datetime) -> Promise:
    return Promise.objects.create(
        owner=alice,
        couple=couple,
        visibility="shared",
        to_partner=True,
        text=f"fix the shelf {SECRET}",
        due_at=now + timedelta(hours=23),
        created_at=now - timedelta(days=3),
    )


def concern(user: User, now: datetime) -> None:
    from mend.safety.models import SafetyCheck

    SafetyCheck.objects.create(owner=user, answers={}, band="some", created_at=now)
