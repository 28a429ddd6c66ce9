"""Check-up writes: resume without loss, completion, versions, encryption, safety override."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from django.db import connection

from mend.accounts.models import User
from mend.checkup import services
from mend.checkup.models import CheckupAttempt
from mend.checkup.selectors import current_plan, open_attempt, progress
from mend.couples.models import Couple
from mend.couples.selectors import couple_state
from mend.engine.checkup import AnswerError, bank_ids, load_bank

from .helpers import ALICE_BEFORE, answers_at, finish

pytestmark = pytest.mark.django_db


def test_resume_after_interruption_loses_nothing(alice: User, now: datetime) -> None:
    answers = answers_at(ALICE_BEFORE)
    services.attempt_save_bank(user=alice, bank_id="warning_signs", answers=answers["warning_signs"], now=now)
    services.attempt_save_bank(
        user=alice, bank_id="turning_point", answers={"tp_when": "2025-02", "tp_note": "the move"}, now=now
    )
    # ...the browser closes; later another section is saved, then an earlier one is changed
    later = now + timedelta(days=2)
    services.attempt_save_bank(user=alice, bank_id="conflict", answers=answers["conflict"], now=later)
    services.attempt_save_bank(
        user=alice, bank_id="turning_point", answers={"tp_when": "2025-03", "tp_note": "the move"}, now=later
    )
    attempt = CheckupAttempt.objects.get(owner=alice)
    assert attempt.answers["warning_signs"] == answers["warning_signs"]
    assert attempt.answers["conflict"] == answers["conflict"]
    assert attempt.answers["turning_point"] == {"tp_when": "2025-03", "tp_note": "the move"}
    assert attempt.completed_at is None
    assert attempt.updated_at == later
    assert CheckupAttempt.objects.filter(owner=alice).count() == 1


def test_start_is_idempotent_and_records_bank_versions(alice: User, now: datetime) -> None:
    first = services.attempt_start(user=alice, now=now)
    again = services.attempt_start(user=alice, now=now + timedelta(minutes=5))
    assert first.pk == again.pk
    assert first.versions == {b: load_bank(b).version for b in bank_ids()}


def test_bad_answer_raises_engine_error_and_keeps_earlier_answers(alice: User, now: datetime) -> None:
    services.attempt_save_bank(user=alice, bank_id="conflict", answers={"cf_cri_1": 3}, now=now)
    with pytest.raises(AnswerError, match="cf_cri_1"):
        services.attempt_save_bank(user=alice, bank_id="conflict", answers={"cf_cri_1": 9}, now=now)
    with pytest.raises(AnswerError):
        services.attempt_save_bank(user=alice, bank_id="conflict", answers={"no_such": 1}, now=now)
    assert CheckupAttempt.objects.get(owner=alice).answers == {"conflict": {"cf_cri_1": 3}}


def test_complete_needs_every_section(alice: User, now: datetime) -> None:
    with pytest.raises(services.CheckupStateError):
        services.attempt_complete(user=alice, now=now)
    services.attempt_save_bank(user=alice, bank_id="conflict", answers={}, now=now)
    with pytest.raises(services.CheckupStateError, match="Still to do"):
        services.attempt_complete(user=alice, now=now)
    assert open_attempt(alice) is not None


def test_complete_stores_summary_and_plan(alice: User, couple: Couple, now: datetime) -> None:
    attempt = finish(alice, now)
    assert attempt.completed_at == now
    assert attempt.couple == couple
    assert attempt.summary["scales"]["conflict.flooding"]["band"] in {"moderate", "high"}
    assert 3 <= len(attempt.plan["steps"]) <= 6
    assert progress(alice).latest == attempt
    assert progress(alice).retake_due(now + timedelta(weeks=4))
    assert not progress(alice).retake_due(now + timedelta(weeks=4) - timedelta(seconds=1))


def test_answers_are_encrypted_at_rest(alice: User, now: datetime) -> None:
    finish(alice, now, extra={"turning_point": {"tp_note": "what happened at the wedding"}})
    with connection.cursor() as cursor:
        cursor.execute("SELECT answers, summary, plan FROM checkup_checkupattempt")
        raw = " ".join(str(v) for v in cursor.fetchone())
    assert "wedding" not in raw
    assert "tp_note" not in raw
    assert "flooding" not in raw


def test_solo_user_gets_a_solo_plan(dana: User, now: datetime) -> None:
    attempt = finish(dana, now)
    assert attempt.plan["mode"] == "solo"


def test_safety_result_overrides_the_plan(alice: User, couple: Couple, now: datetime) -> None:
    from mend.safety.services import safety_check_submit

    attempt = finish(alice, now)
    assert "safety" not in attempt.plan["variants"]
    safety_check_submit(
        user=alice, answers={"sf_safe_now": "yes", "sf_physical": "yes"}, now=now + timedelta(minutes=1)
    )
    plan = current_plan(alice, attempt, couple_state(alice))
    assert plan is not None
    assert "safety" in plan.variants
    assert not plan.shareable
    assert {s.tool for s in plan.steps} <= {"safety", "help", "journal"}


def test_share_needs_partner_and_finished_checkup(
    alice: User, dana: User, couple: Couple, now: datetime
) -> None:
    with pytest.raises(services.CheckupStateError, match="Finish"):
        services.share_save(user=alice, scales=["conflict.flooding"], now=now)
    finish(dana, now)
    with pytest.raises(services.CheckupStateError, match="partner"):
        services.share_save(user=dana, scales=["conflict.flooding"], now=now)
    finish(alice, now)
    with pytest.raises(services.CheckupError, match="not results"):
        services.share_save(user=alice, scales=["conflict.nope"], now=now)
    with pytest.raises(services.CheckupError, match="cannot be shared"):
        services.share_save(user=alice, scales=[], items=["tp_note"], now=now)
    with pytest.raises(services.CheckupError, match="cannot be shared"):
        services.share_save(user=alice, scales=[], items=["st_living"], now=now)
    share = services.share_save(user=alice, scales=["conflict.flooding", "distress"], now=now)
    assert share.visibility == "shared"
    assert services.share_retract(user=alice, now=now)
    share.refresh_from_db()
    assert share.visibility == "private"
    assert share.scales == []
    assert not services.share_retract(user=alice, now=now)
