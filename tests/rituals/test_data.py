"""Your data: exports include check-in answers, goals and steps; deleting one account keeps the partner's answers."""

from __future__ import annotations

import json

import pytest

from mend.accounts import data_rights
from mend.couples.selectors import couple_state
from mend.rituals import selectors, services
from mend.rituals.models import CheckinAnswer


@pytest.mark.django_db
def test_export_includes_answers_goals_and_steps(alice, bob, couple, now):
    services.checkin_answer_save(user=alice, went_well="EXPORT-ANSWER", now=now)
    services.goal_create(user=alice, title="EXPORT-GOAL", steps=["EXPORT-STEP"], now=now)
    exported = data_rights.export_json(user=alice, now=now)
    assert "EXPORT-ANSWER" in exported and "EXPORT-GOAL" in exported and "EXPORT-STEP" in exported
    assert "EXPORT-ANSWER" not in data_rights.export_json(user=bob, now=now)


@pytest.mark.django_db
def test_deleting_the_week_opener_keeps_partners_answers(alice, bob, couple, now):
    services.checkin_answer_save(user=alice, went_well="hers", closeness=5, stress=5, submit=True, now=now)
    services.checkin_answer_save(user=bob, went_well="BOB-KEEPS", closeness=6, stress=4, submit=True, now=now)
    data_rights.account_delete(user=alice, now=now)
    assert CheckinAnswer.objects.get(owner=bob).went_well == "BOB-KEEPS"
    hist = selectors.history(bob, couple_state(bob), now)
    assert [row.mine.went_well for row in hist.rows] == ["BOB-KEEPS"]
    assert hist.rows[0].partner is None
    assert json.loads(data_rights.export_json(user=bob, now=now))["items"]["rituals.checkinanswer"]
