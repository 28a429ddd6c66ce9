"""Weekly check-in: private answers, reveal, sharing early, locking, solo reviews, crisis language."""

from __future__ import annotations

from datetime import time, timedelta

import pytest
from django.db import connection

from mend.couples.privacy import Visibility
from mend.couples.selectors import couple_state
from mend.rituals import selectors, services
from mend.rituals.models import CheckinAnswer, CheckinWeek

ALICE_TEXT = "ALICE-WENT-WELL-marker"
BOB_TEXT = "BOB-WENT-WELL-marker"


def answer(user, now, text="a good walk", submit=True, **kwargs):
    fields = {"went_well": text, "closeness": 7, "stress": 3, **kwargs}
    return services.checkin_answer_save(user=user, submit=submit, now=now, **fields)


def view_for(user, now):
    return selectors.current_week_view(user, couple_state(user), now)[0]


@pytest.mark.django_db
class TestReveal:
    def test_partner_sees_nothing_until_both_submitted(self, alice, bob, charlie, couple, now):
        answer(alice, now, ALICE_TEXT)
        bob_view = view_for(bob, now)
        assert bob_view.partner_answer is None
        assert bob_view.partner_submitted  # he knows she is waiting, not what she wrote
        assert not CheckinAnswer.objects.visible_to(bob).filter(owner=alice).exists()
        assert not CheckinAnswer.objects.visible_to(charlie).exists()
        assert not view_for(alice, now).revealed

    def test_draft_is_not_announced(self, alice, bob, couple, now):
        answer(alice, now, ALICE_TEXT, submit=False)
        assert not view_for(bob, now).partner_submitted

    def test_both_submitted_reveals_both(self, alice, bob, charlie, couple, now):
        answer(alice, now, ALICE_TEXT)
        result = answer(bob, now + timedelta(minutes=5), BOB_TEXT)
        assert result.revealed
        alice_view, bob_view = view_for(alice, now), view_for(bob, now)
        assert alice_view.revealed and bob_view.revealed
        assert alice_view.partner_answer.went_well == BOB_TEXT
        assert bob_view.partner_answer.went_well == ALICE_TEXT
        assert not CheckinAnswer.objects.visible_to(charlie).exists()

    def test_share_early_shows_only_the_sharers_answer(self, alice, bob, couple, now):
        answer(alice, now, ALICE_TEXT, submit=False)
        answer(bob, now, BOB_TEXT, submit=False)
        services.checkin_share_early(user=alice, now=now)
        assert view_for(bob, now).partner_answer.went_well == ALICE_TEXT
        assert view_for(alice, now).partner_answer is None  # bob's stays private
        assert not view_for(alice, now).revealed

    def test_share_early_is_for_couples(self, dana, now):
        answer(dana, now)
        with pytest.raises(services.RitualError):
            services.checkin_share_early(user=dana, now=now)

    def test_share_early_needs_an_answer(self, alice, couple, now):
        with pytest.raises(services.RitualError):
            services.checkin_share_early(user=alice, now=now)

    def test_texts_are_encrypted_at_rest(self, alice, couple, now):
        result = answer(alice, now, ALICE_TEXT, actions=["ACTION-marker"])
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT went_well, actions FROM rituals_checkinanswer WHERE id = %s", [result.answer.pk]
            )
            went_well, actions = cursor.fetchone()
        assert ALICE_TEXT not in went_well and "ACTION-marker" not in actions


@pytest.mark.django_db
class TestEditUntilReveal:
    def test_edit_after_submit_keeps_one_row(self, alice, bob, couple, now):
        answer(alice, now, "first")
        answer(alice, now + timedelta(minutes=1), "second")
        rows = CheckinAnswer.objects.filter(owner=alice)
        assert rows.count() == 1 and rows.get().went_well == "second"
        assert rows.get().submitted_at == now  # first submission time kept

    def test_locked_after_reveal(self, alice, bob, couple, now):
        answer(alice, now, ALICE_TEXT)
        answer(bob, now, BOB_TEXT)
        with pytest.raises(services.RitualLocked):
            answer(alice, now + timedelta(minutes=1), "changed my mind")
        with pytest.raises(services.RitualLocked):
            answer(bob, now + timedelta(minutes=1), "changed", submit=False)
        assert CheckinAnswer.objects.get(owner=alice).went_well == ALICE_TEXT

    def test_new_week_is_a_new_checkin(self, alice, bob, couple, now):
        answer(alice, now)
        answer(bob, now)
        result = answer(alice, now + timedelta(days=7), "next week")
        assert not result.revealed
        assert CheckinWeek.objects.filter(couple=couple).count() == 2


@pytest.mark.django_db
class TestValidation:
    @pytest.mark.parametrize(
        "kwargs",
        [
            {"closeness": 11},
            {"stress": 0},
            {"went_well": "x" * 5001},
            {"actions": ["x" * 301]},
            {"actions": [f"a{i}" for i in range(11)]},
        ],
    )
    def test_bad_input_is_refused_and_nothing_saved(self, alice, couple, now, kwargs):
        with pytest.raises(services.RitualError):
            services.checkin_answer_save(user=alice, now=now, **{"went_well": "ok", **kwargs})
        assert not CheckinAnswer.objects.exists()

    def test_submit_needs_both_ratings(self, alice, couple, now):
        with pytest.raises(services.RitualError, match="ratings"):
            services.checkin_answer_save(user=alice, went_well="ok", closeness=5, submit=True, now=now)

    def test_draft_needs_nothing(self, alice, couple, now):
        result = services.checkin_answer_save(user=alice, felt_hard="half-written", now=now)
        assert result.answer.submitted_at is None and result.answer.felt_hard == "half-written"

    def test_actions_are_trimmed(self, alice, couple, now):
        result = answer(alice, now, actions=["  walk on Sunday ", "", "   "])
        assert result.answer.actions == ["walk on Sunday"]


@pytest.mark.django_db
class TestSolo:
    def test_solo_review_is_private_and_never_revealed(self, dana, alice, now):
        result = answer(dana, now, "DANA-marker")
        assert result.week.couple_id is None and result.week.visibility == Visibility.PRIVATE
        assert not result.revealed
        view = view_for(dana, now)
        assert view.i_submitted and not view.is_couple
        assert not CheckinAnswer.objects.visible_to(alice).exists()
        answer(dana, now + timedelta(hours=1), "edited")  # still editable this week
        assert CheckinAnswer.objects.get(owner=dana).went_well == "edited"

    def test_waiting_user_works_solo(self, alice, now):
        from mend.couples.services import couple_create

        couple_create(user=alice, now=now)
        result = answer(alice, now)
        assert result.week.couple_id is None


@pytest.mark.django_db
class TestCrisis:
    CRISIS = "I want to die and I keep thinking about ending it all"

    def test_crisis_text_is_held_back_from_submitting(self, alice, bob, couple, now):
        result = answer(alice, now, self.CRISIS)
        assert result.crisis and result.held_back
        assert result.answer.submitted_at is None
        assert not view_for(bob, now).partner_submitted
        assert CheckinAnswer.objects.get(owner=alice).went_well == self.CRISIS  # nothing lost

    def test_confirmed_submit_goes_through(self, alice, bob, couple, now):
        result = answer(alice, now, self.CRISIS, confirm_sensitive=True)
        assert result.crisis and not result.held_back and result.answer.submitted_at is not None

    def test_editing_in_crisis_text_withdraws_an_early_share(self, alice, bob, couple, now):
        answer(alice, now, "fine", submit=False)
        services.checkin_share_early(user=alice, now=now)
        answer(alice, now, self.CRISIS, submit=False)
        assert view_for(bob, now).partner_answer is None

    def test_share_early_held_back(self, alice, bob, couple, now):
        answer(alice, now, self.CRISIS, submit=False)
        result = services.checkin_share_early(user=alice, now=now)
        assert result.held_back
        assert view_for(bob, now).partner_answer is None

    def test_partner_with_safety_concern_is_not_announced(self, alice, bob, couple, now, monkeypatch):
        answer(alice, now)
        monkeypatch.setattr("mend.rituals.selectors.partner_has_concern", lambda partner: True)
        assert not view_for(bob, now).partner_submitted


@pytest.mark.django_db
class TestTimerAndSchedule:
    def test_timer_is_shared_and_not_restarted_while_running(self, alice, bob, couple, now):
        week = services.checkin_timer_start(user=alice, now=now)
        services.checkin_timer_start(user=bob, now=now + timedelta(minutes=10))
        week.refresh_from_db()
        assert week.timer_started_at == now
        assert view_for(bob, now).timer_ends_at == now + timedelta(minutes=30)
        services.checkin_timer_start(user=bob, now=now + timedelta(minutes=31))
        week.refresh_from_db()
        assert week.timer_started_at == now + timedelta(minutes=31)

    def test_schedule_is_one_per_couple_and_either_can_change_it(self, alice, bob, couple, now):
        services.schedule_set(user=alice, weekday=6, local_time=time(19), time_zone="Europe/London", now=now)
        services.schedule_set(user=bob, weekday=5, local_time=time(10), time_zone="America/New_York", now=now)
        schedule = selectors.schedule_for(alice, couple_state(alice))
        assert schedule is not None and schedule.weekday == 5 and schedule.owner == bob
        assert schedule.visibility == Visibility.SHARED

    def test_bad_time_zone_refused(self, alice, now):
        with pytest.raises(services.RitualError):
            services.schedule_set(user=alice, weekday=1, local_time=time(9), time_zone="Mars/Base", now=now)

    def test_weeks_follow_the_schedule_zone(self, alice, bob, couple, now):
        # NOW is Tuesday 18:00 UTC; a schedule in Sydney puts it on Wednesday morning there, same week.
        services.schedule_set(
            user=alice, weekday=0, local_time=time(9), time_zone="Australia/Sydney", now=now
        )
        sunday_late = now + timedelta(days=5, hours=5)  # Sunday 23:00 UTC = Monday 10:00 in Sydney
        result = answer(alice, sunday_late)
        assert result.week.week_start.isoformat() == "2026-11-30"


@pytest.mark.django_db
class TestHistory:
    def test_history_and_streak_for_a_couple(self, alice, bob, charlie, couple, now):
        for weeks_ago in (0, 1, 3):
            moment = now - timedelta(weeks=weeks_ago)
            answer(alice, moment, closeness=5 + weeks_ago)
            answer(bob, moment)
        answer(alice, now - timedelta(weeks=2))  # only alice that week: not a done week
        hist = selectors.history(alice, couple_state(alice), now)
        assert [row.week.week_start.isoformat() for row in hist.rows] == [
            "2026-11-23",
            "2026-11-16",
            "2026-11-09",
            "2026-11-02",
        ]
        assert hist.streak.weeks == 3 and len(hist.streak.forgiven) == 1
        assert selectors.history(charlie, couple_state(charlie), now).rows == []

    def test_partner_ratings_only_when_visible(self, alice, bob, couple, now):
        answer(alice, now, closeness=9)
        hist = selectors.history(bob, couple_state(bob), now)
        assert hist.rows[0].partner is None
