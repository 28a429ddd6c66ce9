"""The demo gives dana a next visit and private reflections; running it again adds nothing."""

from __future__ import annotations

from datetime import datetime

import pytest
from django.test import Client

from mend.core.demo import seed_demo
from mend.couples.privacy import Visibility
from mend.help.models import BreakupReflection, SituationSettings
from mend.help.selectors import local_today

pytestmark = pytest.mark.django_db


def test_demo_seeds_dana_situation_once(now: datetime) -> None:
    users = seed_demo(now=now)
    counts = (SituationSettings.objects.count(), BreakupReflection.objects.count())
    seed_demo(now=now)
    assert (SituationSettings.objects.count(), BreakupReflection.objects.count()) == counts == (1, 3)
    visit = SituationSettings.objects.get(user=users.dana).next_visit
    assert visit is not None and visit > local_today(users.dana, now)
    reflections = BreakupReflection.objects.owned_by(users.dana)
    assert {r.visibility for r in reflections} == {Visibility.PRIVATE}
    assert all(r.couple_id is None for r in reflections)
    assert not BreakupReflection.objects.exclude(owner=users.dana).exists()


def test_demo_situation_pages_show_it(now: datetime) -> None:
    users = seed_demo(now=now)
    client = Client()
    client.force_login(users.dana)
    assert "days to go" in client.get("/help/situations/long-distance/").content.decode()
    page = client.get("/help/situations/breakup/").content.decode()
    assert "a proper call at least twice a week" in page
    client.force_login(users.alice)
    assert (
        "a proper call at least twice a week" not in client.get("/help/situations/breakup/").content.decode()
    )
