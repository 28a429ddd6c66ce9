"""The space and journal demo history: plausible, private where it should be, and idempotent."""

from __future__ import annotations

from datetime import datetime
from types import SimpleNamespace

from mend.accounts.models import User
from mend.couples.models import Couple
from mend.journal import demo as journal_demo
from mend.journal.models import JournalEntry
from mend.space import demo as space_demo
from mend.space.models import AgreementStatus, BreakAgreement, TimeOut


def test_demo_seeds_once(
    alice: User, bob: User, charlie: User, dana: User, couple: Couple, now: datetime
) -> None:
    users = SimpleNamespace(alice=alice, bob=bob, charlie=charlie, dana=dana)
    for _ in range(2):
        space_demo.seed(users=users, couple=couple, now=now)
        journal_demo.seed(users=users, couple=couple, now=now)
    shared = BreakAgreement.objects.get(couple=couple)
    assert shared.status == AgreementStatus.ENDED and shared.accepted_by == bob and shared.end_note
    plan = BreakAgreement.objects.get(owner=dana)
    assert plan.is_personal and plan.status == AgreementStatus.ACTIVE
    pause = TimeOut.objects.get(owner=bob)
    assert pause.returned_at is not None and pause.minutes == 20
    counts = {u.email: JournalEntry.objects.filter(owner=u).count() for u in (alice, bob, dana)}
    assert all(count >= 2 for count in counts.values())
    assert not JournalEntry.objects.filter(owner=charlie).exists()
    assert set(JournalEntry.objects.values_list("visibility", flat=True)) == {"private"}
