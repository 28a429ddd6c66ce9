from .matrix import ACTION, OWN, PUBLIC, SECRET, Route, World

ROUTES = [
    Route("help/", PUBLIC),
    Route("help/now/", PUBLIC),
    Route("help/faq/", PUBLIC),
    Route("help/statistics/", PUBLIC),
    Route("help/report/", OWN),
    Route("help/report/preview/", OWN),
    Route("help/report/summary.pdf", OWN),
    Route("help/situations/", OWN),
    Route("help/situations/breakup/", OWN),
    Route("help/situations/breakup/no-contact/", ACTION, owner_status=(302,)),
    Route(
        "help/situations/breakup/<int:pk>/delete/",
        ACTION,
        kwargs=lambda w: {"pk": w["alice_reflection"]},
        owner_status=(302,),
    ),
    Route("help/situations/long-distance/", OWN),
    Route("help/situations/solo/", OWN),
    Route("GET /api/v1/help/lines", PUBLIC),
    Route("GET /api/v1/help/countries", PUBLIC),
    Route("GET /api/v1/help/directory", PUBLIC),
    Route("GET /api/v1/help/faq", PUBLIC),
    Route("GET /api/v1/help/statistics", PUBLIC),
]


def build(world: World) -> None:
    from django.utils import timezone

    from mend.help.services import next_visit_set, reflection_add

    reflection = reflection_add(
        user=world["alice"], prompt="", text=f"what went wrong {SECRET}", now=timezone.now()
    )
    world["alice_reflection"] = reflection.pk
    today = timezone.now().date()
    next_visit_set(user=world["alice"], day=today, today=today, now=timezone.now())


def grow(world: World, n: int) -> None:
    """`n` more (older) break-up reflections for alice."""
    from datetime import timedelta

    from django.utils import timezone

    from mend.help.models import BreakupReflection

    start = world.get("help_grown", 0)
    world["help_grown"] = start + n
    now = timezone.now()
    for i in range(start, start + n):
        BreakupReflection.objects.create(
            owner=world["alice"],
            prompt="",
            text=f"older reflection {i}",
            created_at=now - timedelta(days=i + 1),
        )
