"""The rituals API follows the same privacy and locking rules as the pages."""

from __future__ import annotations

import json

import pytest

from mend.rituals.models import CheckinAnswer, Goal

ALICE_TEXT = "ALICE-API-marker"


def call(client, method, path, body=None):
    kwargs = {"content_type": "application/json"}
    if body is not None:
        kwargs["data"] = json.dumps(body)
    response = getattr(client, method)(f"/api/v1/rituals{path}", **kwargs)
    return response.status_code, (response.json() if response.content else None)


@pytest.mark.django_db
class TestCheckinApi:
    def test_reveal_rules(self, alice_client, bob_client, charlie_client, couple, pinned):
        full = {"went_well": ALICE_TEXT, "closeness": 7, "stress": 3, "actions": ["walk"], "submit": True}
        status, body = call(alice_client, "put", "/checkin", full)
        assert status == 200 and body["mine"]["went_well"] == ALICE_TEXT and not body["revealed"]
        status, body = call(bob_client, "get", "/checkin")
        assert body["partner"] is None and body["partner_submitted"] and ALICE_TEXT not in json.dumps(body)
        assert ALICE_TEXT not in json.dumps(call(charlie_client, "get", "/checkin")[1])
        assert ALICE_TEXT not in json.dumps(call(bob_client, "get", "/history")[1])
        status, body = call(bob_client, "put", "/checkin", {**full, "went_well": "bob"})
        assert status == 200 and body["revealed"] and body["partner"]["went_well"] == ALICE_TEXT
        status, body = call(alice_client, "put", "/checkin", {**full, "went_well": "edit"})
        assert status == 409
        assert (
            CheckinAnswer.objects.get(went_well__isnull=False, owner__email="alice@example.com").went_well
            == ALICE_TEXT
        )

    def test_share_early(self, alice_client, bob_client, couple, pinned):
        call(alice_client, "put", "/checkin", {"went_well": ALICE_TEXT})
        status, body = call(alice_client, "post", "/checkin/share", {})
        assert status == 200 and body["mine"]["shared_early_at"]
        assert call(bob_client, "get", "/checkin")[1]["partner"]["went_well"] == ALICE_TEXT

    @pytest.mark.parametrize(
        "body",
        [
            {"closeness": 0},
            {"stress": 11},
            {"went_well": "x" * 5001},
            {"actions": ["x" * 301]},
            {"actions": ["a"] * 11},
            {"closeness": "lots"},
        ],
    )
    def test_bad_input_is_422_and_nothing_saved(self, alice_client, couple, pinned, body):
        status, payload = call(alice_client, "put", "/checkin", body)
        assert status == 422 and payload["detail"]
        assert not CheckinAnswer.objects.exists()

    def test_submit_without_ratings_is_400_with_reason(self, alice_client, couple, pinned):
        status, body = call(alice_client, "put", "/checkin", {"went_well": "x", "submit": True})
        assert status == 409 and "ratings" in body["detail"]

    def test_crisis_is_flagged_and_held_back(self, alice_client, bob_client, couple, pinned):
        body = {"went_well": "I want to kill myself", "closeness": 1, "stress": 10, "submit": True}
        status, payload = call(alice_client, "put", "/checkin", body)
        assert status == 200 and payload["help_suggested"] and payload["held_back"]
        assert payload["mine"]["submitted_at"] is None
        assert not call(bob_client, "get", "/checkin")[1]["partner_submitted"]

    def test_timer(self, alice_client, bob_client, couple, pinned):
        status, body = call(alice_client, "post", "/checkin/timer", {})
        assert status == 200 and body["timer_ends_at"].startswith("2026-11-24T18:30")
        assert call(bob_client, "get", "/checkin")[1]["timer_ends_at"] == body["timer_ends_at"]

    def test_schedule_in_each_zone(self, alice_client, bob_client, bob, couple, pinned):
        bob.time_zone = "America/New_York"
        bob.save()
        status, body = call(
            alice_client,
            "put",
            "/schedule",
            {"weekday": 6, "local_time": "19:00", "time_zone": "Europe/London"},
        )
        assert status == 200 and body["set_by_me"]
        status, body = call(bob_client, "get", "/schedule")
        slots = {slot["who"]: slot for slot in body["slots"]}
        assert slots["me"]["local_time"] == "14:00" and slots["partner"]["local_time"] == "19:00"
        bad = call(
            alice_client, "put", "/schedule", {"weekday": 1, "local_time": "09:00", "time_zone": "Nowhere/X"}
        )
        assert bad[0] == 422
        aware = call(
            alice_client, "put", "/schedule", {"weekday": 1, "local_time": "07:30:00Z", "time_zone": "UTC"}
        )
        # A time with its own zone would fight `time_zone`: refused with a reason, like reminder times.
        assert aware[0] == 422 and "local_time" in json.dumps(aware[1])

    def test_action_to_goal(self, alice_client, bob_client, couple, pinned):
        full = {"went_well": "x", "closeness": 7, "stress": 3, "actions": ["walk"], "submit": True}
        answer_id = call(alice_client, "put", "/checkin", full)[1]["mine"]["id"]
        assert call(bob_client, "post", f"/answers/{answer_id}/actions/0/goal", {})[0] == 404
        call(bob_client, "put", "/checkin", {**full, "actions": []})
        status, body = call(bob_client, "post", f"/answers/{answer_id}/actions/0/goal", {})
        assert status == 201 and Goal.objects.get(pk=body["goal_id"]).title == "walk"
        assert call(bob_client, "post", f"/answers/{answer_id}/actions/5/goal", {})[0] == 409


@pytest.mark.django_db
class TestGoalsApi:
    def test_crud_and_steps(self, alice_client, bob_client, charlie_client, couple, pinned):
        status, goal = call(
            alice_client,
            "post",
            "/goals",
            {"title": "Dream trip", "why": "PRIVATE-WHY", "steps": ["save", "plan"], "visibility": "private"},
        )
        assert status == 201 and goal["progress"] == 0 and len(goal["steps"]) == 2
        gid = goal["id"]
        for client in (bob_client, charlie_client):
            assert call(client, "get", f"/goals/{gid}")[0] == 404
            assert call(client, "patch", f"/goals/{gid}", {"title": "x"})[0] == 404
            assert call(client, "delete", f"/goals/{gid}")[0] == 404
            assert call(client, "post", f"/goals/{gid}/steps", {"text": "x"})[0] == 404
            assert "PRIVATE-WHY" not in json.dumps(call(client, "get", "/goals")[1])
        step_id = goal["steps"][0]["id"]
        status, goal = call(alice_client, "patch", f"/goals/{gid}/steps/{step_id}", {"done": True})
        assert status == 200 and goal["progress"] == 50
        status, goal = call(alice_client, "post", f"/goals/{gid}/steps", {"text": "book"})
        assert status == 201 and len(goal["steps"]) == 3
        status, goal = call(alice_client, "patch", f"/goals/{gid}", {"visibility": "shared", "ours": True})
        assert status == 200 and goal["visibility"] == "shared"
        status, seen = call(bob_client, "get", f"/goals/{gid}")
        assert status == 200 and seen["can_work_on"] and not seen["mine"]
        assert call(bob_client, "patch", f"/goals/{gid}/steps/{step_id}", {"done": False})[0] == 200
        assert call(bob_client, "delete", f"/goals/{gid}")[0] == 404
        assert call(alice_client, "delete", f"/goals/{gid}/steps/{step_id}")[0] == 204
        assert call(alice_client, "delete", f"/goals/{gid}")[0] == 204
        assert not Goal.objects.exists()

    def test_bad_goal_input(self, alice_client, dana_client, couple, pinned):
        assert call(alice_client, "post", "/goals", {"title": ""})[0] == 422
        assert call(alice_client, "post", "/goals", {"title": "x", "visibility": "public"})[0] == 422
        assert call(alice_client, "post", "/goals", {"title": "x", "steps": ["y" * 301]})[0] == 422
        status, body = call(dana_client, "post", "/goals", {"title": "x", "visibility": "shared"})
        assert status == 409 and "partner" in body["detail"]
        assert not Goal.objects.exists()

    def test_suggestions(self, alice_client, pinned):
        status, body = call(alice_client, "get", "/goal-suggestions")
        assert status == 200 and any(s["id"] == "shared_dream" for s in body)
