"""Check-in and goal pages: rendering, forms that keep the user's text, reveal privacy on the web."""

from __future__ import annotations

from datetime import time, timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from mend.core.dashboard import dashboard_cards
from mend.couples.selectors import couple_state
from mend.rituals import services
from mend.rituals.models import CheckinAnswer, Goal

ALICE_TEXT = "ALICE-ONLY-marker"


def submit(user, now, text, **extra):
    return services.checkin_answer_save(
        user=user, went_well=text, closeness=6, stress=4, submit=True, now=now, **extra
    )


@pytest.mark.django_db
class TestCheckinPage:
    def test_pages_render_for_couple_and_solo(self, alice_client, dana_client, couple, pinned):
        for client in (alice_client, dana_client):
            for url in (
                "/rituals/",
                "/rituals/schedule/",
                "/rituals/history/",
                "/rituals/goals/",
                "/rituals/goals/new/",
            ):
                response = client.get(url)
                assert response.status_code == 200, url
                assert "<title>" in response.content.decode()
        assert "Your weekly review" in dana_client.get("/rituals/").content.decode()
        assert "This week's check-in" in alice_client.get("/rituals/").content.decode()

    def test_save_submit_and_reveal_through_the_form(
        self, alice_client, bob_client, alice, bob, couple, pinned
    ):
        form = {
            "went_well": ALICE_TEXT,
            "felt_hard": "",
            "improve": "",
            "closeness": "7",
            "stress": "3",
            "actions": "walk\nphone-free dinner",
        }
        response = alice_client.post("/rituals/", {**form, "submit": "1"})
        assert response.status_code == 302
        page = bob_client.get("/rituals/").content.decode()
        assert ALICE_TEXT not in page
        assert "has answered and is waiting for you" in page
        bob_form = {**form, "went_well": "bob's view", "actions": ""}
        assert bob_client.post("/rituals/", {**bob_form, "submit": "1"}).status_code == 302
        page = bob_client.get("/rituals/").content.decode()
        assert ALICE_TEXT in page and "side by side" in page
        assert "Make it a goal" in page
        assert 'name="went_well"' not in page  # locked: no form any more

    def test_bad_input_keeps_text_and_answers_400(self, alice_client, couple, pinned):
        response = alice_client.post(
            "/rituals/", {"went_well": "KEEP-ME", "closeness": "42", "stress": "3", "submit": "1"}
        )
        assert response.status_code == 400
        assert "KEEP-ME" in response.content.decode()
        assert not CheckinAnswer.objects.exists()

    def test_submit_without_ratings_keeps_text(self, alice_client, couple, pinned):
        response = alice_client.post("/rituals/", {"went_well": "KEEP-ME", "submit": "1"})
        assert response.status_code == 400
        assert "KEEP-ME" in response.content.decode() and "ratings" in response.content.decode()

    def test_crisis_text_shows_help_panel_and_stays_private(self, alice_client, bob_client, couple, pinned):
        response = alice_client.post(
            "/rituals/",
            {"went_well": "I want to die", "closeness": "2", "stress": "9", "submit": "1"},
        )
        page = response.content.decode()
        assert response.status_code == 200
        assert "help-panel" in page and "Submit anyway" in page
        assert "waiting for you" not in bob_client.get("/rituals/").content.decode()

    def test_share_early(self, alice_client, bob_client, alice, couple, pinned):
        services.checkin_answer_save(user=alice, went_well=ALICE_TEXT, now=pinned)
        assert alice_client.post("/rituals/share/").status_code == 302
        page = bob_client.get("/rituals/").content.decode()
        assert ALICE_TEXT in page and "shared early" in page

    def test_timer_shows_end_time_without_js(self, alice_client, alice, couple, pinned):
        alice_client.post("/rituals/timer/")
        page = alice_client.get("/rituals/").content.decode()
        assert "18:30" in page  # alice is in London: 18:00 UTC + 30 minutes
        assert "data-timer-end" in page and "rituals/timer.js" in page

    def test_schedule_form_shows_each_partners_time(self, alice_client, bob, couple, pinned):
        bob.time_zone = "America/New_York"
        bob.save()
        response = alice_client.post(
            "/rituals/schedule/", {"weekday": "6", "local_time": "19:00", "time_zone": "Europe/London"}
        )
        assert response.status_code == 302
        page = alice_client.get("/rituals/schedule/").content.decode()
        assert "Sundays at 19:00" in page and "Sundays at 14:00" in page

    def test_schedule_bad_input_400(self, alice_client, couple, pinned):
        response = alice_client.post(
            "/rituals/schedule/", {"weekday": "9", "local_time": "25:00", "time_zone": "X"}
        )
        assert response.status_code == 400

    def test_history_chart_and_table(self, alice_client, alice, bob, couple, pinned):
        for weeks_ago in range(3):
            moment = pinned - timedelta(weeks=weeks_ago)
            submit(alice, moment, f"week {weeks_ago}")
            submit(bob, moment, f"bob {weeks_ago}")
        page = alice_client.get("/rituals/history/").content.decode()
        assert "<svg" in page and "<polyline" in page and "<table>" in page
        assert "3 weeks" in page
        assert " style=" not in page.split("<main", 1)[1]

    def test_past_week_page(self, alice_client, bob_client, charlie_client, alice, bob, couple, pinned):
        result = submit(alice, pinned - timedelta(weeks=1), ALICE_TEXT)
        url = f"/rituals/weeks/{result.week.pk}/"
        assert ALICE_TEXT in alice_client.get(url).content.decode()
        bob_page = bob_client.get(url)
        assert bob_page.status_code == 200 and ALICE_TEXT not in bob_page.content.decode()
        assert charlie_client.get(url).status_code == 404


@pytest.mark.django_db
class TestActions:
    def test_agreed_action_becomes_a_shared_goal_once(self, alice_client, alice, bob, couple, pinned):
        submit(alice, pinned, "good", actions=["Walk on Sunday"])
        result = submit(bob, pinned, "good too")
        mine = CheckinAnswer.objects.get(owner=alice)
        assert result.revealed
        url = f"/rituals/answers/{mine.pk}/actions/0/goal/"
        first = alice_client.post(url)
        cache.clear()  # get past the duplicate-submit guard: the service itself must not duplicate
        second = alice_client.post(url)
        assert first.status_code == second.status_code == 302
        goal = Goal.objects.get()
        assert goal.title == "Walk on Sunday" and goal.ours and goal.visibility == "shared"
        assert first["Location"] == f"/rituals/goals/{goal.pk}/"

    def test_partners_unrevealed_action_is_404(self, bob_client, alice, couple, pinned):
        submit(alice, pinned, "x", actions=["secret plan"])
        mine = CheckinAnswer.objects.get(owner=alice)
        assert bob_client.post(f"/rituals/answers/{mine.pk}/actions/0/goal/").status_code == 404

    def test_promise_button_follows_trust_availability(
        self, alice_client, alice, bob, couple, pinned, monkeypatch
    ):
        submit(alice, pinned, "good", actions=["Call your mum"])
        submit(bob, pinned, "good")
        made = []
        monkeypatch.setattr(
            "mend.rituals.selectors.promise_maker", lambda: lambda **kwargs: made.append(kwargs)
        )
        assert "Make it a promise" in alice_client.get("/rituals/").content.decode()
        mine = CheckinAnswer.objects.get(owner=alice)
        assert alice_client.post(f"/rituals/answers/{mine.pk}/actions/0/promise/").status_code == 302
        assert made and made[0]["text"] == "Call your mum" and made[0]["due_at"] == pinned + timedelta(days=7)
        monkeypatch.setattr("mend.rituals.selectors.promise_maker", lambda: None)
        assert "Make it a promise" not in alice_client.get("/rituals/").content.decode()
        cache.clear()  # the duplicate-submit guard would otherwise replay the first answer
        assert alice_client.post(f"/rituals/answers/{mine.pk}/actions/0/promise/").status_code == 404


@pytest.mark.django_db
class TestDashboard:
    def cards(self, user, now):
        return dashboard_cards(user=user, state=couple_state(user), now=now)

    def titles(self, user, now):
        return [card.title for card in self.cards(user, now) if card.url.startswith("/rituals/")]

    def test_no_schedule_invites_to_pick_one(self, alice, couple, now):
        assert self.titles(alice, now) == ["Pick a time for your weekly check-in"]

    def test_due_today_and_overdue_in_users_zone(self, alice, bob, couple, now):
        # NOW: Tuesday 18:00 UTC. Slot: Tuesday 20:00 London (= 20:00 UTC in November).
        services.schedule_set(user=alice, weekday=1, local_time=time(20), time_zone="Europe/London", now=now)
        assert self.titles(alice, now) == ["Check-in today at 20:00"]
        bob.time_zone = "Asia/Kolkata"  # 23:30 on Tuesday there; the slot is 01:30 on Wednesday
        bob.save()
        assert self.titles(bob, now) == []
        assert self.titles(alice, now + timedelta(hours=3)) == ["Your weekly check-in is due"]

    def test_partner_waiting_then_reveal(self, alice, bob, couple, now):
        submit(alice, now, "x")
        assert self.titles(bob, now) == ["Alice is waiting for you"]
        assert self.titles(alice, now) == []
        submit(bob, now, "y")
        assert self.titles(bob, now) == ["Your check-in answers are side by side"]

    def test_constant_queries(self, alice, bob, couple, now):
        from mend.rituals import dashboard

        state = couple_state(alice)
        submit(alice, now, "x")
        with CaptureQueriesContext(connection) as one:
            dashboard.card(user=alice, state=state, now=now)
        for weeks_ago in range(1, 8):
            submit(alice, now - timedelta(weeks=weeks_ago), "x")
            submit(bob, now - timedelta(weeks=weeks_ago), "y")
        with CaptureQueriesContext(connection) as many:
            dashboard.card(user=alice, state=state, now=now)
        assert len(many) == len(one)
