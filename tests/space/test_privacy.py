"""Space text is encrypted at rest, kept out of admin pages, and the start-page cards cost constant queries."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.db import connection

from mend.accounts.models import User
from mend.couples.models import Couple
from mend.couples.selectors import couple_state
from mend.space import services
from mend.space.clock import local_day
from mend.space.dashboard import card
from mend.space.models import AgreementStatus, BreakAgreement, TimeOut
from tests.conftest import client_for

WORDS = "Only texts about the allotment"


def test_free_text_is_encrypted_and_admin_shows_none_of_it(
    alice: User, bob: User, couple: Couple, now: datetime
) -> None:
    agreement = services.agreement_propose(
        user=alice, starts_on=local_day(alice, now), length_days=5, contact_rules=WORDS, now=now
    )
    with connection.cursor() as cursor:
        cursor.execute("SELECT contact_rules FROM space_breakagreement WHERE id = %s", [agreement.pk])
        assert "allotment" not in cursor.fetchone()[0]
    admin = User.objects.create_superuser(
        email="admin@example.com", password="x-long-pass-123", display_name="Admin"
    )
    client = client_for(admin)
    for url in ("/admin/space/breakagreement/", f"/admin/space/breakagreement/{agreement.pk}/change/"):
        response = client.get(url)
        assert response.status_code == 200 and "allotment" not in response.content.decode()


def test_cards_cost_the_same_queries_with_more_history(
    alice: User, bob: User, couple: Couple, now: datetime, django_assert_num_queries: Any
) -> None:
    agreement = services.agreement_propose(
        user=alice, starts_on=local_day(alice, now), length_days=5, now=now
    )
    services.agreement_accept(user=bob, agreement_id=agreement.pk, now=now)
    services.timeout_start(user=alice, now=now)
    state = couple_state(bob)
    with django_assert_num_queries(3):
        first = card(user=bob, state=state, now=now)
    for i in range(15):
        start = now - timedelta(days=30 + i)
        BreakAgreement.objects.create(
            owner=bob,
            couple=couple,
            visibility="shared",
            status=AgreementStatus.ENDED,
            starts_on=start.date(),
            length_days=2,
            created_at=start,
            ended_at=start,
        )
        TimeOut.objects.create(
            owner=alice,
            couple=couple,
            visibility="shared",
            message_id="short_pause",
            minutes=20,
            started_at=start,
            return_at=start + timedelta(minutes=20),
            returned_at=start,
            created_at=start,
        )
    with django_assert_num_queries(3):
        again = card(user=bob, state=state, now=now)
    assert [c.title for c in again] == [c.title for c in first]
    assert any("asked for a pause" in c.title for c in again) and any("days left" in c.title for c in again)
