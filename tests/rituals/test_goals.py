"""Goals: a why, mine or ours, private or shared, steps and progress; who may change what."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from mend.rituals import selectors, services
from mend.rituals.models import Goal, GoalStep

SECRET_WHY = "GOAL-WHY-marker"


def make(user, now, **kwargs):
    fields = {"title": "More time for us", "why": SECRET_WHY, "steps": ["one", "two"], **kwargs}
    return services.goal_create(user=user, now=now, **fields)


@pytest.mark.django_db
class TestGoalServices:
    def test_private_goal_is_only_the_owners(self, alice, bob, charlie, couple, now):
        goal = make(alice, now)
        assert goal.visibility == "private" and goal.couple_id is None
        assert list(Goal.objects.visible_to(bob)) == [] and list(Goal.objects.visible_to(charlie)) == []

    def test_shared_goal_is_visible_to_partner_only(self, alice, bob, charlie, couple, now):
        goal = make(alice, now, visibility="shared", ours=True)
        assert list(Goal.objects.visible_to(bob)) == [goal]
        assert list(Goal.objects.visible_to(charlie)) == []

    def test_solo_user_cannot_share(self, dana, now):
        with pytest.raises(services.RitualError):
            make(dana, now, visibility="shared")
        assert not Goal.objects.exists()

    @pytest.mark.parametrize(
        "kwargs",
        [
            {"title": ""},
            {"title": "x" * 201},
            {"why": "x" * 5001},
            {"steps": ["x" * 301]},
            {"visibility": "public"},
        ],
    )
    def test_bad_input_saves_nothing(self, alice, couple, now, kwargs):
        with pytest.raises(services.RitualError):
            make(alice, now, **kwargs)
        assert not Goal.objects.exists() and not GoalStep.objects.exists()

    def test_progress_from_steps(self, alice, couple, now):
        goal = make(alice, now, steps=["a", "b", "c", "d"])
        for step in list(goal.steps.all())[:3]:
            services.goal_step_set_done(user=alice, step=step, done=True, now=now)
        goal = selectors.visible_goal_or_404(alice, goal.pk)
        assert selectors.progress(goal) == (3, 4, 75)

    def test_partner_may_tick_steps_of_our_shared_goal_only(self, alice, bob, couple, now):
        ours = make(alice, now, visibility="shared", ours=True)
        hers = make(alice, now, visibility="shared", ours=False)
        assert selectors.steps_goal_or_404(bob, ours.pk) == ours
        step = selectors.step_or_404(selectors.steps_goal_or_404(bob, ours.pk), ours.steps.first().pk)
        services.goal_step_set_done(user=bob, step=step, done=True, now=now)
        assert GoalStep.objects.get(pk=step.pk).done_by == bob
        from django.http import Http404

        with pytest.raises(Http404):
            selectors.steps_goal_or_404(bob, hers.pk)

    def test_only_owner_edits_or_deletes(self, alice, bob, couple, now):
        goal = make(alice, now, visibility="shared", ours=True)
        with pytest.raises(services.RitualError):
            services.goal_update(
                user=bob,
                goal=goal,
                title="mine now",
                why="",
                ours=True,
                visibility="shared",
                status="active",
                now=now,
            )
        with pytest.raises(services.RitualError):
            services.goal_delete(user=bob, goal=goal)
        services.goal_update(
            user=alice,
            goal=goal,
            title="Renamed",
            why="w",
            ours=False,
            visibility="private",
            status="done",
            now=now,
        )
        goal.refresh_from_db()
        assert goal.title == "Renamed" and goal.status == "done" and goal.couple_id is None
        assert list(Goal.objects.visible_to(bob)) == []

    def test_goal_list_is_constant_queries(self, alice, bob, couple, now):
        make(alice, now)
        with CaptureQueriesContext(connection) as one:
            selectors.goals_for(alice)
        for i in range(5):
            make(alice, now, title=f"goal {i}")
            make(bob, now, title=f"bob {i}", visibility="shared")
        with CaptureQueriesContext(connection) as many:
            goals = selectors.goals_for(alice)
        assert len(goals) == 11 and len(many) == len(one)

    def test_encrypted_at_rest(self, alice, couple, now):
        goal = make(alice, now)
        with connection.cursor() as cursor:
            cursor.execute("SELECT title, why FROM rituals_goal WHERE id = %s", [goal.pk])
            title, why = cursor.fetchone()
        assert "More time" not in title and SECRET_WHY not in why


@pytest.mark.django_db
class TestGoalPages:
    def test_create_from_suggestion(self, alice_client, couple, pinned):
        suggestions = selectors.goal_suggestions()
        assert {"quality_time", "settle_arguments", "shared_dream"} <= {s.id for s in suggestions}
        page = alice_client.get("/rituals/goals/new/?suggestion=quality_time").content.decode()
        first = next(s for s in suggestions if s.id == "quality_time")
        assert first.title in page and first.first_steps[0] in page

    def test_create_edit_and_steps(self, alice_client, bob_client, alice, couple, pinned):
        response = alice_client.post(
            "/rituals/goals/new/",
            {
                "title": "Walk together",
                "why": "fresh air",
                "owners": "us",
                "visibility": "shared",
                "steps": "Sunday\nWednesday",
            },
        )
        goal = Goal.objects.get()
        assert response["Location"] == f"/rituals/goals/{goal.pk}/"
        assert goal.ours and goal.steps.count() == 2
        step = goal.steps.first()
        assert bob_client.post(f"/rituals/goals/{goal.pk}/steps/{step.pk}/toggle/").status_code == 302
        assert GoalStep.objects.get(pk=step.pk).done_at is not None
        partial = bob_client.post(
            f"/rituals/goals/{goal.pk}/steps/", {"text": "Friday"}, HTTP_HX_REQUEST="true"
        )
        assert partial.status_code == 200 and "Friday" in partial.content.decode()
        assert "<html" not in partial.content.decode()
        assert bob_client.get(f"/rituals/goals/{goal.pk}/edit/").status_code == 404
        assert bob_client.post(f"/rituals/goals/{goal.pk}/delete/").status_code == 404
        edit = alice_client.post(
            f"/rituals/goals/{goal.pk}/edit/",
            {"title": "Walk more", "why": "", "owners": "us", "visibility": "shared", "status": "done"},
        )
        assert edit.status_code == 302
        assert "Walk more" in alice_client.get("/rituals/goals/").content.decode()

    def test_bad_goal_input_keeps_text(self, alice_client, couple, pinned):
        response = alice_client.post(
            "/rituals/goals/new/",
            {"title": "", "why": "KEEP-THIS-WHY", "owners": "me", "visibility": "private"},
        )
        assert response.status_code == 400 and "KEEP-THIS-WHY" in response.content.decode()

    def test_solo_share_refused_with_reason(self, dana_client, pinned):
        response = dana_client.post(
            "/rituals/goals/new/", {"title": "Mine", "why": "KEEP", "owners": "me", "visibility": "shared"}
        )
        assert response.status_code == 400 and "KEEP" in response.content.decode()
        assert not Goal.objects.exists()

    def test_partner_sees_shared_goal_but_not_private_one(
        self, bob_client, charlie_client, alice, couple, now, pinned
    ):
        shared = make(alice, now, title="SHARED-GOAL", why="shared why", visibility="shared", ours=True)
        make(alice, now, title="PRIVATE-GOAL")
        page = bob_client.get("/rituals/goals/").content.decode()
        assert "SHARED-GOAL" in page and "PRIVATE-GOAL" not in page and SECRET_WHY not in page
        assert bob_client.get(f"/rituals/goals/{shared.pk}/").status_code == 200
        assert charlie_client.get(f"/rituals/goals/{shared.pk}/").status_code == 404
        assert "SHARED-GOAL" not in charlie_client.get("/rituals/goals/").content.decode()
