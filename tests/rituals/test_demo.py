"""The demo seeds a believable history once, and only once."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from mend.couples.selectors import couple_state
from mend.rituals import demo, selectors
from mend.rituals.models import CheckinAnswer, CheckinWeek, Goal, GoalStep


@pytest.mark.django_db
def test_demo_history_is_plausible_and_idempotent(alice, bob, charlie, dana, couple, now):
    users = SimpleNamespace(alice=alice, bob=bob, charlie=charlie, dana=dana)
    demo.seed(users=users, couple=couple, now=now)
    counts = (
        CheckinWeek.objects.count(),
        CheckinAnswer.objects.count(),
        Goal.objects.count(),
        GoalStep.objects.count(),
    )
    demo.seed(users=users, couple=couple, now=now)
    assert counts == (
        CheckinWeek.objects.count(),
        CheckinAnswer.objects.count(),
        Goal.objects.count(),
        GoalStep.objects.count(),
    )
    hist = selectors.history(alice, couple_state(alice), now)
    revealed = [row for row in hist.rows if row.week.revealed_at]
    assert len(revealed) >= 6
    closeness = [row.mine.closeness for row in reversed(revealed)]
    stress = [row.mine.stress for row in reversed(revealed)]
    assert closeness[-1] > closeness[0] and stress[-1] < stress[0]  # trending better
    assert hist.streak.alive and hist.streak.weeks >= 6
    bob_view = selectors.current_week_view(alice, couple_state(alice), now)[0]
    assert bob_view.partner_submitted and bob_view.partner_answer is None  # bob waits for alice
    dana_hist = selectors.history(dana, couple_state(dana), now)
    assert len(dana_hist.rows) >= 3 and all(row.week.couple_id is None for row in dana_hist.rows)
    assert Goal.objects.filter(owner=alice, ours=True).exists() and Goal.objects.filter(owner=dana).exists()
