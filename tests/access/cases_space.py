from .matrix import ACTION, OWN, SECRET, SHARED_OBJECT, Route, World

ROUTES = [
    Route("space/", OWN),
    Route("space/agreement/new/", OWN),
    Route("space/agreement/accept/", ACTION, owner_status=(302,)),
    Route("space/agreement/withdraw/", ACTION, owner_status=(302,)),
    Route("space/agreement/end/", ACTION, owner_status=(302,)),
    Route("space/agreements/<int:pk>/", SHARED_OBJECT, kwargs=lambda w: {"pk": w["space_agreement"]}),
    Route("space/pause/", OWN),
    Route("space/pause/start/", ACTION, owner_status=(302,)),
    Route("space/pause/back/", ACTION, owner_status=(302,)),
    Route("GET /api/v1/space/options", OWN),
    Route("GET /api/v1/space/agreements", OWN),
    Route("GET /api/v1/space/agreements/current", OWN),
    Route("POST /api/v1/space/agreements", ACTION),
    Route(
        "GET /api/v1/space/agreements/{agreement_id}",
        SHARED_OBJECT,
        kwargs=lambda w: {"agreement_id": w["space_agreement"]},
    ),
    Route(
        "POST /api/v1/space/agreements/{agreement_id}/accept",
        ACTION,
        kwargs=lambda w: {"agreement_id": w["space_agreement"]},
    ),
    Route(
        "POST /api/v1/space/agreements/{agreement_id}/withdraw",
        ACTION,
        kwargs=lambda w: {"agreement_id": w["space_agreement"]},
    ),
    Route(
        "POST /api/v1/space/agreements/{agreement_id}/end",
        ACTION,
        kwargs=lambda w: {"agreement_id": w["space_agreement"]},
    ),
    Route("POST /api/v1/space/timeouts", ACTION),
    Route("GET /api/v1/space/timeouts/current", OWN),
    Route("POST /api/v1/space/timeouts/current/return", ACTION),
]


def build(world: World) -> None:
    from datetime import timedelta

    from django.utils import timezone

    from mend.space.clock import local_day
    from mend.space.models import AgreementStatus, BreakAgreement
    from mend.space.services import timeout_start

    alice, now = world["alice"], timezone.now()
    # A plan alice wrote for herself before she was linked: private, with her own words.
    BreakAgreement.objects.create(
        owner=alice,
        couple=None,
        visibility="private",
        status=AgreementStatus.ENDED,
        starts_on=local_day(alice, now) - timedelta(days=60),
        length_days=10,
        own_prompts=f"only mine {SECRET}",
        end_note=f"ended {SECRET}",
        created_at=now - timedelta(days=61),
        ended_at=now - timedelta(days=50),
    )
    # The break she proposed to bob: shared with him, so it holds no private marker. Written
    # directly because another case gives alice a safety concern, which keeps her proposals private.
    shared = BreakAgreement.objects.create(
        owner=alice,
        couple=world["couple"],
        visibility="shared",
        status=AgreementStatus.PROPOSED,
        starts_on=local_day(alice, now),
        length_days=14,
        contact_rules="Only practical messages.",
        created_at=now,
    )
    world["space_agreement"] = shared.pk
    timeout_start(user=alice, now=now)


def grow(world: World, n: int) -> None:
    from datetime import timedelta

    from django.utils import timezone

    from mend.space.models import AgreementStatus, BreakAgreement, TimeOut

    now = timezone.now()
    for i in range(n):
        start = now - timedelta(days=100 + i)
        BreakAgreement.objects.create(
            owner=world["bob"],
            couple=world["couple"],
            visibility="shared",
            status=AgreementStatus.ENDED,
            starts_on=start.date(),
            length_days=3,
            created_at=start,
            ended_at=start + timedelta(days=3),
        )
        TimeOut.objects.create(
            owner=world["alice"],
            couple=world["couple"],
            visibility="shared",
            message_id="short_pause",
            minutes=20,
            started_at=start,
            return_at=start + timedelta(minutes=20),
            returned_at=start + timedelta(minutes=25),
            created_at=start,
        )
