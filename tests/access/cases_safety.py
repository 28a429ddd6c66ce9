from .matrix import ACTION, OWN, SECRET, Route, World

ROUTES = [
    Route("safety/", OWN),
    Route("safety/check/", OWN),
    Route("safety/result/", OWN),
    Route("safety/dismiss/", ACTION, owner_status=(302,)),
    Route("safety/forget/", ACTION, owner_status=(302,)),
    Route("GET /api/v1/safety/items", OWN),
    Route("POST /api/v1/safety/checks", ACTION),
    Route("GET /api/v1/safety/latest", OWN),
    Route("POST /api/v1/safety/dismiss", ACTION),
]


def build(world: World) -> None:
    from django.utils import timezone

    from mend.safety.services import safety_check_submit

    check, _result = safety_check_submit(
        user=world["alice"],
        answers={"sf_safe_now": "yes", "sf_physical": "yes", "sf_money": "yes"},
        note=f"private note {SECRET}",
        now=timezone.now(),
    )
    world["alice_safety_check"] = check.pk


def grow(world: World, n: int) -> None:
    """`n` more (older) safety checks for alice."""
    from datetime import timedelta

    from django.utils import timezone

    from mend.safety.models import SafetyCheck

    start = world.get("safety_grown", 0)
    world["safety_grown"] = start + n
    now = timezone.now()
    for i in range(start, start + n):
        SafetyCheck.objects.create(
            owner=world["alice"],
            answers={"sf_safe_now": "yes", "sf_physical": "no", "sf_money": "no"},
            band="none",
            note=f"older check {i}",
            created_at=now - timedelta(days=7 * (i + 1)),
            dismissed_at=now - timedelta(days=7 * (i + 1)),
        )
