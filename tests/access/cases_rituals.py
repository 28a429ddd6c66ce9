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
