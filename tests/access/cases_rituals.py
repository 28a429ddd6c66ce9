from .matrix import ACTION, OWN, PRIVATE_OBJECT, SECRET, SHARED_OBJECT, Route, World

ROUTES = [
    Route("rituals/", OWN),
    Route("rituals/share/", ACTION, owner_status=(302,)),
    Route("rituals/timer/", ACTION, owner_status=(302,)),
    Route("rituals/schedule/", OWN),
    Route("rituals/history/", OWN),
    Route("rituals/weeks/<int:pk>/", SHARED_OBJECT, kwargs=lambda w: {"pk": w["rituals_week"]}),
    Route(
        "rituals/answers/<int:pk>/actions/<int:index>/goal/",
        ACTION,
        kwargs=lambda w: {"pk": w["rituals_answer"], "index": 0},
        owner_status=(302,),
    ),
    Route(
        "rituals/answers/<int:pk>/actions/<int:index>/promise/",
        ACTION,
        kwargs=lambda w: {"pk": w["rituals_answer"], "index": 0},
        owner_status=(302,),
    ),
    Route("rituals/goals/", OWN),
    Route("rituals/goals/new/", OWN),
    Route("rituals/goals/<int:pk>/", PRIVATE_OBJECT, kwargs=lambda w: {"pk": w["rituals_goal"]}),
    Route("rituals/goals/<int:pk>/edit/", PRIVATE_OBJECT, kwargs=lambda w: {"pk": w["rituals_goal"]}),
    Route("rituals/goals/<int:pk>/delete/", ACTION, kwargs=lambda w: {"pk": w["rituals_goal"]}),
    Route("rituals/goals/<int:pk>/steps/", ACTION, kwargs=lambda w: {"pk": w["rituals_goal"]}),
    Route(
        "rituals/goals/<int:pk>/steps/<int:step_id>/toggle/",
        ACTION,
        kwargs=lambda w: {"pk": w["rituals_goal"], "step_id": w["rituals_step"]},
    ),
    Route(
        "rituals/goals/<int:pk>/steps/<int:step_id>/delete/",
        ACTION,
        kwargs=lambda w: {"pk": w["rituals_goal"], "step_id": w["rituals_step"]},
    ),
    Route("GET /api/v1/rituals/schedule", OWN),
    Route("PUT /api/v1/rituals/schedule", ACTION),
    Route("GET /api/v1/rituals/checkin", OWN),
    Route("PUT /api/v1/rituals/checkin", ACTION),
    Route("POST /api/v1/rituals/checkin/share", ACTION),
    Route("POST /api/v1/rituals/checkin/timer", ACTION),
    Route("POST /api/v1/rituals/answers/{answer_id}/actions/{index}/goal", ACTION),
    Route("GET /api/v1/rituals/history", OWN),
    Route("GET /api/v1/rituals/goals", OWN),
    Route("GET /api/v1/rituals/goal-suggestions", OWN),
    Route("POST /api/v1/rituals/goals", ACTION),
    Route(
        "GET /api/v1/rituals/goals/{goal_id}", PRIVATE_OBJECT, kwargs=lambda w: {"goal_id": w["rituals_goal"]}
    ),
    Route("PATCH /api/v1/rituals/goals/{goal_id}", ACTION),
    Route("DELETE /api/v1/rituals/goals/{goal_id}", ACTION),
    Route("POST /api/v1/rituals/goals/{goal_id}/steps", ACTION),
    Route("PATCH /api/v1/rituals/goals/{goal_id}/steps/{step_id}", ACTION),
    Route("DELETE /api/v1/rituals/goals/{goal_id}/steps/{step_id}", ACTION),
]


def build(world: World) -> None:
    """Alice's private draft answer (with the marker) in the couple's shared week, and a private goal."""
    from django.utils import timezone

    from mend.rituals.services import checkin_answer_save, goal_create, goal_step_add

    now = timezone.now()
    result = checkin_answer_save(
        user=world["alice"],
        went_well=f"a quiet walk {SECRET}",
        felt_hard=f"the bills {SECRET}",
        closeness=6,
        stress=4,
        actions=[f"walk on Sunday {SECRET}"],
        now=now,
    )
    world["rituals_week"] = result.week.pk
    world["rituals_answer"] = result.answer.pk
    goal = goal_create(
        user=world["alice"],
        title=f"my goal {SECRET}",
        why=f"because {SECRET}",
        steps=[f"step {SECRET}"],
        now=now,
    )
    world["rituals_goal"] = goal.pk
    world["rituals_step"] = goal_step_add(
        user=world["alice"], goal=goal, text=f"another {SECRET}", now=now
    ).pk


def grow(world: World, n: int) -> None:
    """`n` more past weeks for the couple (both answered, revealed) and goals with steps."""
    from datetime import timedelta

    from django.utils import timezone

    from mend.rituals.models import CheckinAnswer, CheckinWeek, Goal, GoalStep

    alice, bob, couple = world["alice"], world["bob"], world["couple"]
    current = CheckinWeek.objects.get(pk=world["rituals_week"])
    start = world.get("rituals_grown", 0)
    world["rituals_grown"] = start + n
    now = timezone.now()
    shared = {"couple": couple, "visibility": "shared"}
    weeks = CheckinWeek.objects.bulk_create(
        CheckinWeek(
            owner=alice,
            **shared,
            week_start=current.week_start - timedelta(weeks=i + 1),
            revealed_at=now - timedelta(weeks=i + 1),
        )
        for i in range(start, start + n)
    )
    CheckinAnswer.objects.bulk_create(
        CheckinAnswer(
            owner=person,
            **shared,
            week=week,
            went_well=f"walk {week.week_start}",
            felt_hard="bills",
            improve="talk",
            closeness=1 + i % 10,
            stress=1 + (i + 3) % 10,
            actions=[f"plan {i}"],
            submitted_at=week.revealed_at,
            updated_at=week.revealed_at,
            created_at=week.revealed_at,
        )
        for i, week in enumerate(weeks)
        for person in (alice, bob)
    )
    goals = Goal.objects.bulk_create(
        Goal(
            owner=owner,
            **(shared if ours else {}),
            title=f"goal {week.week_start}",
            ours=ours,
            created_at=week.revealed_at,
            updated_at=week.revealed_at,
        )
        for week in weeks
        for owner, ours in ((alice, False), (bob, True))
    )
    GoalStep.objects.bulk_create(
        GoalStep(
            goal=goal,
            text=f"step {position}",
            author=goal.owner,
            position=position,
            done_at=goal.created_at if position == 0 else None,
            done_by=goal.owner if position == 0 else None,
        )
        for goal in goals
        for position in range(2)
    )
