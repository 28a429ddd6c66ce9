"""Behaviour of the trust services: promises, agreements, apologies, notes, acts and moments."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from mend.accounts.models import User
from mend.couples.models import Couple
from mend.trust import services
from mend.trust.models import ActLog, Agreement, Apology, Promise
from mend.trust.selectors import (
    act_of_the_day,
    kept_rate,
    local_day,
    moment_ratio,
    my_promises,
    promises_to_me,
    received_appreciations,
    unread_from_partner,
)

pytestmark = pytest.mark.django_db
PARTS = {
    "did": "I was late for dinner.",
    "impact": "You waited on your own.",
    "responsibility": "That was on me.",
    "change": "I will leave work at six.",
}


def test_promise_defaults_to_partner_when_linked_and_to_self_when_solo(
    alice: User, couple: Couple, dana: User, now: datetime
) -> None:
    shared = services.promise_create(
        user=alice, text="Cook on Friday", due_at=now + timedelta(days=2), now=now
    )
    assert shared.to_partner and shared.visibility == "shared" and shared.couple_id == couple.pk
    solo = services.promise_create(user=dana, text="Sleep early", due_at=now + timedelta(days=2), now=now)
    assert not solo.to_partner and solo.visibility == "private" and solo.couple_id is None
    with pytest.raises(services.TrustError):
        services.promise_create(user=dana, text="x", due_at=now, to_partner=True, now=now)


def test_promise_rejects_empty_and_oversized_text(alice: User, now: datetime) -> None:
    with pytest.raises(services.TrustError):
        services.promise_create(user=alice, text="   ", due_at=now, now=now)
    with pytest.raises(services.TrustError):
        services.promise_create(user=alice, text="x" * 5001, due_at=now, now=now)
    assert not Promise.objects.exists()


def test_kept_then_partner_confirms_or_disputes(
    alice: User, bob: User, couple: Couple, now: datetime
) -> None:
    promise = services.promise_create(user=alice, text="Call the plumber", due_at=now, now=now)
    with pytest.raises(services.TrustError, match="marked as kept"):
        services.promise_respond(user=bob, promise=promise, response="confirmed", now=now)
    services.promise_mark_kept(user=alice, promise=promise, now=now)
    with pytest.raises(services.TrustError):  # the promiser cannot confirm their own promise
        services.promise_respond(user=alice, promise=promise, response="confirmed", now=now)
    done = services.promise_respond(user=bob, promise=promise, response="disputed", note="Only half", now=now)
    assert done.response == "disputed" and done.response_note == "Only half"
    # marking again asks the partner again
    services.promise_mark_missed(user=alice, promise=promise, now=now)
    again = services.promise_mark_kept(user=alice, promise=promise, now=now)
    assert again.response == ""


def test_only_the_promiser_marks_and_outsiders_cannot_answer(
    alice: User, bob: User, charlie: User, couple: Couple, now: datetime
) -> None:
    promise = services.promise_create(user=alice, text="Walk the dog", due_at=now, now=now)
    with pytest.raises(services.TrustError):
        services.promise_mark_kept(user=bob, promise=promise, now=now)
    services.promise_mark_kept(user=alice, promise=promise, now=now)
    with pytest.raises(services.TrustError):
        services.promise_respond(user=charlie, promise=promise, response="confirmed", now=now)
    private = services.promise_create(user=alice, text="Run", due_at=now, to_partner=False, now=now)
    services.promise_mark_kept(user=alice, promise=private, now=now)
    with pytest.raises(services.TrustError):
        services.promise_respond(user=bob, promise=private, response="confirmed", now=now)


def test_kept_rate_counts_due_promises_per_week(
    alice: User, bob: User, couple: Couple, now: datetime
) -> None:
    kept = services.promise_create(user=alice, text="a", due_at=now - timedelta(days=3), now=now)
    services.promise_mark_kept(user=alice, promise=kept, now=now)
    disputed = services.promise_create(user=alice, text="b", due_at=now - timedelta(days=2), now=now)
    services.promise_mark_kept(user=alice, promise=disputed, now=now)
    services.promise_respond(user=bob, promise=disputed, response="disputed", now=now)
    services.promise_create(user=alice, text="c overdue", due_at=now - timedelta(days=1), now=now)
    old = services.promise_create(user=alice, text="d", due_at=now - timedelta(weeks=5), now=now)
    services.promise_mark_missed(user=alice, promise=old, now=now)
    services.promise_create(user=alice, text="future", due_at=now + timedelta(days=1), now=now)
    services.promise_create(user=alice, text="too old", due_at=now - timedelta(weeks=9), now=now)
    rate = kept_rate(my_promises(alice), now=now)
    assert (rate.kept, rate.total, rate.percent) == (1, 4, 25)
    assert (rate.weeks[-1].kept, rate.weeks[-1].total) == (1, 3)
    assert rate.weeks[3].total == 1 and rate.weeks[3].kept == 0
    assert kept_rate(promises_to_me(bob), now=now).total == 4


def test_agreement_revisit_keeps_history(alice: User, bob: User, couple: Couple, now: datetime) -> None:
    agreement = services.agreement_create(user=alice, text="Open about money", share=True, now=now)
    updated = services.agreement_update(
        user=alice,
        agreement=agreement,
        text="Open about money over 50",
        revisit_on=(now + timedelta(days=30)).date(),
        share=True,
        now=now + timedelta(days=1),
    )
    assert updated.text == "Open about money over 50"
    assert [r.text for r in updated.revisions.all()] == ["Open about money"]
    with pytest.raises(services.TrustError):
        services.agreement_update(
            user=bob, agreement=agreement, text="mine now", revisit_on=None, share=True, now=now
        )
    assert Agreement.objects.visible_to(bob).count() == 1


def test_apology_draft_send_respond(alice: User, bob: User, couple: Couple, now: datetime) -> None:
    apology = services.apology_save(user=alice, values=PARTS, now=now)
    assert apology.visibility == "private" and not Apology.objects.visible_to(bob).exists()
    with pytest.raises(services.TrustError):  # not sent yet
        services.apology_respond(user=bob, apology=apology, text="ok", now=now)
    services.apology_send(user=alice, apology=apology, now=now)
    assert Apology.objects.visible_to(bob).get().pk == apology.pk
    with pytest.raises(services.TrustError):
        services.apology_save(user=alice, apology=apology, values=PARTS, now=now)
    with pytest.raises(services.TrustError):
        services.apology_respond(user=alice, apology=apology, text="self", now=now)
    answered = services.apology_respond(user=bob, apology=apology, text="Thank you.", now=now)
    assert answered.response == "Thank you." and answered.responded_at == now


def test_apology_needs_every_part(alice: User, now: datetime) -> None:
    with pytest.raises(services.TrustError, match="impact"):
        services.apology_save(user=alice, values={**PARTS, "impact": " "}, now=now)


def test_solo_apology_stays_a_private_letter(dana: User, now: datetime) -> None:
    apology = services.apology_save(user=dana, values=PARTS, now=now)
    with pytest.raises(services.TrustError, match="private letter"):
        services.apology_send(user=dana, apology=apology, now=now)
    apology.refresh_from_db()
    assert apology.sent_at is None and apology.visibility == "private"


def test_appreciation_drafts_private_sent_shared_and_unread(
    alice: User, bob: User, couple: Couple, now: datetime
) -> None:
    draft = services.appreciation_create(user=alice, text="draft", send=False, now=now)
    services.appreciation_create(user=alice, text="sent", send=True, now=now)
    assert [n.text for n in received_appreciations(bob)] == ["sent"]
    assert unread_from_partner(bob) == (1, 0)
    services.received_mark_read(user=bob, now=now)
    assert unread_from_partner(bob) == (0, 0)
    services.appreciation_send(user=alice, appreciation=draft, now=now)
    assert unread_from_partner(bob) == (1, 0)
    assert unread_from_partner(alice) == (0, 0)


def test_act_of_the_day_avoids_repeats_and_is_stable(alice: User, now: datetime) -> None:
    first = act_of_the_day(alice, now=now)
    assert first is not None and first.outcome == ""
    assert act_of_the_day(alice, now=now) == first
    day = local_day(alice, now)
    services.act_log(user=alice, act_id=first.act.id, outcome="skipped", day=day, now=now)
    second = act_of_the_day(alice, now=now)
    assert second is not None and second.act.id != first.act.id
    services.act_log(user=alice, act_id=second.act.id, outcome="done", day=day, now=now)
    services.act_log(user=alice, act_id=second.act.id, outcome="done", day=day, now=now)  # idempotent
    assert ActLog.objects.filter(owner=alice, act_id=second.act.id).count() == 1
    shown = act_of_the_day(alice, now=now)
    assert shown is not None and shown.act.id == second.act.id and shown.outcome == "done"
    tomorrow = act_of_the_day(alice, now=now + timedelta(days=1))
    assert tomorrow is not None and tomorrow.act.id not in {first.act.id, second.act.id}


def test_long_distance_setting_changes_the_pool(alice: User, now: datetime) -> None:
    services.trust_settings_set(user=alice, long_distance=True, now=now)
    for offset in range(10):
        today = act_of_the_day(alice, now=now + timedelta(days=offset))
        assert today is not None and today.long_distance and today.act.long_distance_ok


def test_act_log_rejects_unknown_ids(alice: User, now: datetime) -> None:
    with pytest.raises(services.TrustError):
        services.act_log(user=alice, act_id="no-such-act", outcome="done", day=now.date(), now=now)


def test_moment_ratio_by_week(alice: User, now: datetime) -> None:
    for _ in range(4):
        services.moment_log(user=alice, kind="positive", now=now - timedelta(hours=1))
    services.moment_log(user=alice, kind="negative", note="tense", now=now - timedelta(hours=2))
    services.moment_log(user=alice, kind="negative", now=now - timedelta(weeks=3))
    weeks = moment_ratio(alice, now=now)
    assert len(weeks) == 8
    assert (weeks[-1].positive, weeks[-1].negative, weeks[-1].ratio) == (4, 1, 4.0)
    assert weeks[-1].label == "4.0 : 1"
    assert weeks[-3].negative == 1 and weeks[-3].ratio == 0.0
    with pytest.raises(services.TrustError):
        services.moment_log(user=alice, kind="meh", now=now)


def test_promise_create_is_what_rituals_calls(alice: User, couple: Couple, now: datetime) -> None:
    promise = services.promise_create(
        user=alice, text="Agreed: a walk on Sunday", due_at=now + timedelta(days=5), now=now
    )
    assert promise.pk and promise.created_at == now


def test_long_distance_follows_the_checkup_until_toggled(dana: User, now: datetime) -> None:
    from mend.checkup.demo import DANA, answers_at, take_checkup
    from mend.trust.selectors import is_long_distance

    assert not is_long_distance(dana)
    apart = {"st_living": "long_distance", "st_tz_hours": 9, "st_broken_up": "no", "st_partner": "unaware"}
    take_checkup(user=dana, answers=answers_at(DANA, situation=apart), now=now)
    assert is_long_distance(dana)
    services.trust_settings_set(user=dana, long_distance=False, now=now)
    assert not is_long_distance(dana)
