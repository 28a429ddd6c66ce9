from .matrix import ACTION, OWN, PRIVATE_OBJECT, SECRET, Route, World

ROUTES = [
    Route("checkup/", OWN),
    Route("checkup/start/", ACTION, owner_status=(302,)),
    Route("checkup/section/<str:bank_id>/", OWN, kwargs=lambda w: {"bank_id": "turning_point"}),
    Route("checkup/results/", OWN),
    Route("checkup/results/<int:pk>/", PRIVATE_OBJECT, kwargs=lambda w: {"pk": w["alice_checkup"]}),
    Route("checkup/plan/", OWN),
    Route("checkup/couple/", OWN),
    Route("checkup/share/", OWN),
    Route("checkup/share/retract/", ACTION, owner_status=(302,)),
    Route("checkup/history/", OWN),
    Route("GET /api/v1/checkup/instruments", OWN),
    Route("GET /api/v1/checkup/attempt", OWN),
    Route("GET /api/v1/checkup/answers/{section}", OWN, kwargs=lambda w: {"section": "turning_point"}),
    Route("PUT /api/v1/checkup/answers/{section}", ACTION, kwargs=lambda w: {"section": "turning_point"}),
    Route("POST /api/v1/checkup/complete", ACTION),
    Route("GET /api/v1/checkup/results", OWN),
    Route("GET /api/v1/checkup/plan", OWN),
    Route("GET /api/v1/checkup/couple", OWN),
    Route("GET /api/v1/checkup/shares", OWN),
    Route("PUT /api/v1/checkup/shares", ACTION),
    Route("DELETE /api/v1/checkup/shares", ACTION),
    Route("GET /api/v1/checkup/history", OWN),
]


def build(world: World) -> None:
    """Alice finished a check-up with a private note, shares her bands, and has a re-take open."""
    from django.utils import timezone

    from mend.checkup.demo import ALICE_BEFORE, answers_at, take_checkup
    from mend.checkup.selectors import shareable_scale_keys
    from mend.checkup.services import attempt_save_bank, share_save

    alice, now = world["alice"], timezone.now()
    note = {"tp_when": "2025-03", "tp_events": ["move"], "tp_note": f"what happened {SECRET}"}
    attempt = take_checkup(
        user=alice, answers=answers_at(ALICE_BEFORE, extra={"turning_point": note}), now=now
    )
    share_save(user=alice, scales=shareable_scale_keys(), items=["rl_sat_1"], now=now)
    attempt_save_bank(user=alice, bank_id="turning_point", answers=note, now=now)
    world["alice_checkup"] = attempt.pk


def grow(world: World, n: int) -> None:
    """`n` more finished check-ups for alice and for bob, older than the ones already there."""
    from datetime import timedelta

    from mend.checkup.models import CheckupAttempt

    done = CheckupAttempt.objects.filter(owner=world["alice"], completed_at__isnull=False).order_by(
        "created_at"
    )
    template = done.first()
    assert template is not None and template.completed_at is not None
    start = world.get("checkup_grown", 0)
    world["checkup_grown"] = start + n
    CheckupAttempt.objects.bulk_create(
        CheckupAttempt(
            owner=person,
            versions=template.versions,
            answers=template.answers,
            current_bank=template.current_bank,
            summary=template.summary,
            plan=template.plan,
            created_at=at,
            updated_at=at,
            completed_at=at,
        )
        for at in (template.completed_at - timedelta(days=30 * (i + 1)) for i in range(start, start + n))
        for person in (world["alice"], world["bob"])
    )
