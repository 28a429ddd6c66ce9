"""Trust routes in the access matrix: alice's private items carry SECRET, her shared ones never do."""

from .matrix import ACTION, OWN, PRIVATE_OBJECT, SECRET, SHARED_OBJECT, Route, World

ROUTES = [
    Route("trust/", OWN),
    Route("trust/promises/", OWN),
    Route("trust/promises/<int:pk>/kept/", ACTION, kwargs=lambda w: {"pk": w["trust_promise_private"]}),
    Route("trust/promises/<int:pk>/missed/", ACTION, kwargs=lambda w: {"pk": w["trust_promise_private"]}),
    # confirm/dispute are the partner's actions, so they point at a promise alice made to herself
    Route("trust/promises/<int:pk>/confirm/", ACTION, kwargs=lambda w: {"pk": w["trust_promise_private"]}),
    Route("trust/promises/<int:pk>/dispute/", ACTION, kwargs=lambda w: {"pk": w["trust_promise_private"]}),
    Route("trust/agreements/", OWN),
    Route("trust/agreements/<int:pk>/", SHARED_OBJECT, kwargs=lambda w: {"pk": w["trust_agreement_shared"]}),
    Route(
        "trust/agreements/<int:pk>/edit/",
        PRIVATE_OBJECT,
        kwargs=lambda w: {"pk": w["trust_agreement_shared"]},
    ),
    Route("trust/apologies/", OWN),
    Route("trust/apologies/new/", OWN),
    Route("trust/apologies/<int:pk>/", SHARED_OBJECT, kwargs=lambda w: {"pk": w["trust_apology_sent"]}),
    Route(
        "trust/apologies/<int:pk>/edit/", PRIVATE_OBJECT, kwargs=lambda w: {"pk": w["trust_apology_draft"]}
    ),
    Route("trust/apologies/<int:pk>/send/", ACTION, kwargs=lambda w: {"pk": w["trust_apology_draft"]}),
    # responding is the partner's action: a draft is not visible to them, so they get 404
    Route("trust/apologies/<int:pk>/respond/", ACTION, kwargs=lambda w: {"pk": w["trust_apology_draft"]}),
    Route("trust/appreciations/", OWN),
    Route("trust/appreciations/<int:pk>/send/", ACTION, kwargs=lambda w: {"pk": w["trust_note_draft"]}),
    Route("trust/acts/", OWN),
    Route("trust/acts/log/", ACTION),
    Route("trust/acts/distance/", ACTION),
    Route("trust/moments/", OWN),
    Route("GET /api/v1/trust/promises", OWN),
    Route("POST /api/v1/trust/promises", ACTION),
    Route("GET /api/v1/trust/promises/kept-rate", OWN),
    Route("POST /api/v1/trust/promises/{promise_id}/kept", ACTION),
    Route("POST /api/v1/trust/promises/{promise_id}/missed", ACTION),
    Route("POST /api/v1/trust/promises/{promise_id}/confirm", ACTION),
    Route("POST /api/v1/trust/promises/{promise_id}/dispute", ACTION),
    Route("GET /api/v1/trust/agreements", OWN),
    Route("POST /api/v1/trust/agreements", ACTION),
    Route("PUT /api/v1/trust/agreements/{agreement_id}", ACTION),
    Route("GET /api/v1/trust/apologies", OWN),
    Route("POST /api/v1/trust/apologies", ACTION),
    Route(
        "GET /api/v1/trust/apologies/{apology_id}",
        PRIVATE_OBJECT,
        kwargs=lambda w: {"apology_id": w["trust_apology_draft"]},
    ),
    Route("POST /api/v1/trust/apologies/{apology_id}/send", ACTION),
    Route("POST /api/v1/trust/apologies/{apology_id}/respond", ACTION),
    Route("GET /api/v1/trust/appreciations", OWN),
    Route("POST /api/v1/trust/appreciations", ACTION),
    Route("GET /api/v1/trust/acts/today", OWN),
    Route("POST /api/v1/trust/acts/today", ACTION),
    Route("GET /api/v1/trust/moments", OWN),
    Route("POST /api/v1/trust/moments", ACTION),
    Route("GET /api/v1/trust/moments/ratio", OWN),
]


def build(world: World) -> None:
    from datetime import timedelta

    from django.utils import timezone

    from mend.trust import services

    alice = world["alice"]
    now = timezone.now()
    private = services.promise_create(
        user=alice, text=f"Run every day {SECRET}", due_at=now + timedelta(days=1), to_partner=False, now=now
    )
    services.promise_create(
        user=alice, text="Cook on Friday", due_at=now - timedelta(days=1), to_partner=True, now=now
    )
    world["trust_promise_private"] = private.pk
    services.agreement_create(user=alice, text=f"Private rule {SECRET}", share=False, now=now)
    shared = services.agreement_create(user=alice, text="Tell you when I talk to my ex", share=True, now=now)
    world["trust_agreement_shared"] = shared.pk
    parts = {
        "did": "I was late",
        "impact": "You waited",
        "responsibility": "My fault",
        "change": "Leave earlier",
    }
    draft = services.apology_save(user=alice, values={**parts, "did": f"I lied {SECRET}"}, now=now)
    world["trust_apology_draft"] = draft.pk
    sent = services.apology_save(user=alice, values=parts, now=now)
    services.apology_send(user=alice, apology=sent, now=now)
    world["trust_apology_sent"] = sent.pk
    note = services.appreciation_create(user=alice, text=f"Draft {SECRET}", send=False, now=now)
    world["trust_note_draft"] = note.pk
    services.appreciation_create(user=alice, text="Thank you for dinner", send=True, now=now)
    services.moment_log(user=alice, kind="negative", note=f"Hard evening {SECRET}", now=now)


def grow(world: World, n: int) -> None:
    """`n` more weeks of trust history for the couple: closed promises both ways (answered), an
    agreement of bob's with revisions, apologies and appreciations both ways, logged acts, moments."""
    from datetime import timedelta

    from django.utils import timezone

    from mend.engine.content import acts as act_catalogue
    from mend.trust.models import (
        ActLog,
        Agreement,
        AgreementRevision,
        Apology,
        Appreciation,
        Moment,
        Promise,
    )

    alice, bob, couple = world["alice"], world["bob"], world["couple"]
    acts = [act.id for act in act_catalogue()]
    start = world.get("trust_grown", 0)
    world["trust_grown"] = start + n
    now = timezone.now()
    shared = {"couple": couple, "visibility": "shared"}
    weeks = [(i, now - timedelta(days=7 * (i + 1))) for i in range(start, start + n)]
    parts = {"did": "late", "impact": "waited", "responsibility": "mine", "change": "earlier"}
    Promise.objects.bulk_create(
        Promise(
            owner=owner,
            **shared,
            text=f"week {i}",
            to_partner=True,
            due_at=at,
            status=status,
            closed_at=at,
            response=Promise.Response.CONFIRMED,
            responded_at=at,
            created_at=at - timedelta(days=1),
        )
        for i, at in weeks
        for owner, status in ((alice, Promise.Status.KEPT), (bob, Promise.Status.MISSED))
    )
    agreements = Agreement.objects.bulk_create(
        Agreement(owner=bob, **shared, text=f"rule {i}", updated_at=at, created_at=at) for i, at in weeks
    )
    AgreementRevision.objects.bulk_create(
        AgreementRevision(agreement=agreement, text=f"{agreement.text}.{r}", created_at=agreement.created_at)
        for agreement in agreements
        for r in range(2)
    )
    Apology.objects.bulk_create(
        Apology(
            owner=owner,
            **shared,
            **parts,
            sent_at=at,
            read_at=at,
            response="thanks",
            responded_at=at,
            created_at=at,
            updated_at=at,
        )
        for _i, at in weeks
        for owner in (alice, bob)
    )
    Appreciation.objects.bulk_create(
        Appreciation(owner=owner, **shared, text=f"thanks {i}", sent_at=at, created_at=at)
        for i, at in weeks
        for owner in (alice, bob)
    )
    ActLog.objects.bulk_create(
        ActLog(owner=alice, act_id=acts[i % len(acts)], day=at.date(), created_at=at) for i, at in weeks
    )
    Moment.objects.bulk_create(
        Moment(owner=alice, kind=kind, note=f"{kind} {i}", created_at=at)
        for i, at in weeks
        for kind in ("positive", "negative")
    )
