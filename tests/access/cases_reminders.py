from .matrix import ACTION, OWN, PUBLIC, SECRET, Route, World

ROUTES = [
    Route("reminders/", OWN),
    Route("reminders/calendar/new/", ACTION),
    Route("reminders/calendar/revoke/", ACTION, owner_status=(302,)),
    Route(
        "reminders/calendar/<str:token>.ics",
        PUBLIC,
        kwargs=lambda w: {"token": w["alice_feed_secret"]},
        note="public by secret link; a wrong or revoked token is a 404 (tests/reminders)",
    ),
    Route("GET /api/v1/reminders/preferences", OWN),
    Route("PATCH /api/v1/reminders/preferences", ACTION),
    Route("GET /api/v1/reminders/upcoming", OWN),
]


def build(world: World) -> None:
    from datetime import time, timedelta

    from django.utils import timezone

    from mend.reminders.services import calendar_feed_create

    alice = world["alice"]
    now = timezone.now()
    try:
        from mend.trust.models import Promise

        Promise.objects.create(
            owner=alice, text=f"call mum {SECRET}", due_at=now + timedelta(hours=20), created_at=now
        )
    except ImportError:  # pragma: no cover - the trust tool is optional for reminders
        pass
    try:
        from mend.rituals.models import CheckinSchedule

        CheckinSchedule.objects.get_or_create(
            couple=world["couple"],
            defaults={"owner": alice, "weekday": 6, "local_time": time(20, 0), "time_zone": "Europe/London"},
        )
    except ImportError:  # pragma: no cover
        pass
    _feed, secret = calendar_feed_create(user=alice, now=now)
    world["alice_feed_secret"] = secret


def grow(world: World, n: int) -> None:
    """`n` more promises due in the coming weeks (each one an upcoming reminder), reminders already
    sent, and old revoked calendar links for alice."""
    from datetime import timedelta

    from django.utils import timezone

    from mend.reminders.models import CalendarFeed, Kind, ReminderSent
    from mend.trust.models import Promise

    start = world.get("reminders_grown", 0)
    world["reminders_grown"] = start + n
    alice, now = world["alice"], timezone.now()
    for i in range(start, start + n):
        promise = Promise.objects.create(
            owner=alice, text=f"upcoming {i}", due_at=now + timedelta(days=1, hours=i), created_at=now
        )
        ReminderSent.objects.create(
            user=alice,
            kind=Kind.PROMISE,
            ref=f"promise:{promise.pk}",
            occurrence=(now - timedelta(days=i + 1)).date(),
            due_at=now - timedelta(days=i + 1),
            subject="A promise is due",
            body="Open mend to see it.",
            status=ReminderSent.Status.SENT,
            sent_at=now - timedelta(days=i + 1),
        )
        CalendarFeed.objects.create(
            user=alice, digest=f"{i:064x}", hint="old", created_at=now, revoked_at=now
        )
