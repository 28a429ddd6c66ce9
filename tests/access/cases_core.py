from .matrix import ACTION, OWN, PUBLIC, SECRET, Route, World

ROUTES = [
    Route("", PUBLIC, owner_status=(302,)),
    Route("dashboard/", OWN),
    Route("away/", PUBLIC),
    Route("healthz", PUBLIC),
    Route("sw.js", PUBLIC),
    Route("offline/", PUBLIC),
    Route("accounts/signup/", PUBLIC, owner_status=(302,)),
    Route("accounts/login/", PUBLIC, owner_status=(302,)),
    Route("accounts/logout/", ACTION, owner_status=(302,)),
    Route("accounts/profile/", OWN),
    Route("accounts/tokens/", OWN),
    Route(
        "accounts/tokens/<int:pk>/revoke/",
        ACTION,
        kwargs=lambda w: {"pk": w["alice_token"]},
        owner_status=(302,),
    ),
    Route("accounts/password/change/", OWN),
    Route("accounts/password/change/done/", OWN),
    Route("accounts/password/reset/", PUBLIC),
    Route("accounts/password/reset/sent/", PUBLIC),
    Route(
        "accounts/password/reset/<uidb64>/<token>/",
        PUBLIC,
        kwargs=lambda w: {"uidb64": "MQ", "token": "bad-token"},
    ),
    Route("accounts/password/reset/done/", PUBLIC),
    Route("couple/", OWN),
    Route("couple/invite/", ACTION),
    Route("couple/join/", OWN),
    Route(
        "couple/join/<str:token>/", PUBLIC, kwargs=lambda w: {"token": w["invite_token"]}, owner_status=(400,)
    ),
    Route("couple/leave/", ACTION, owner_status=(302,)),
    Route("api/v1/openapi.json", PUBLIC),
    Route("api/v1/docs", PUBLIC),
    Route("GET /api/v1/me", OWN),
    Route("PATCH /api/v1/me", ACTION),
    Route("GET /api/v1/couple", OWN),
    Route("POST /api/v1/couple/invite", ACTION),
    Route("POST /api/v1/couple/accept", ACTION),
    Route("POST /api/v1/couple/leave", ACTION),
]


def build(world: World) -> None:
    from django.utils import timezone

    from mend.accounts.services import api_token_create
    from mend.couples.services import invite_create

    alice = world["alice"]
    alice.display_name = "Alice"
    alice.save()
    token, _secret = api_token_create(user=alice, name=f"laptop {SECRET}", now=timezone.now())
    world["alice_token"] = token.pk
    # A pending invite from dana (solo): its link is public, accepting is for a logged-in partner.
    _invite, invite_token, _code = invite_create(user=world["dana"], now=timezone.now())
    world["invite_token"] = invite_token


ROUTES += [
    Route("accounts/security/", OWN),
    Route("accounts/security/logout-everywhere/", ACTION, owner_status=(302,)),
    Route("accounts/data/", OWN),
    Route("accounts/data/export.<str:fmt>", OWN, kwargs=lambda w: {"fmt": "json"}),
]

ROUTES += [
    Route("accounts/2fa/", OWN),
    Route("accounts/2fa/verify/", OWN),
]


def grow(world: World, n: int) -> None:
    """`n` more API tokens (half revoked), security-log events and expired couple invites for alice."""
    from datetime import timedelta

    from django.utils import timezone

    from mend.accounts.models import ApiToken, AuditEvent
    from mend.couples.models import Invite

    start = world.get("core_grown", 0)
    world["core_grown"] = start + n
    alice, now = world["alice"], timezone.now()
    kinds = [kind for kind, _label in AuditEvent.Kind.choices]
    for i in range(start, start + n):
        at = now - timedelta(days=i + 1)
        ApiToken.objects.create(
            user=alice,
            name=f"device {i}",
            scope=ApiToken.Scope.READ if i % 2 else ApiToken.Scope.WRITE,
            digest=f"{i:064x}",
            hint="mend_old",
            created_at=at,
            last_used_at=at,
            revoked_at=at if i % 2 else None,
        )
        AuditEvent.objects.create(user=alice, kind=kinds[i % len(kinds)], at=at, device="Firefox on Linux")
        Invite.objects.create(
            couple=world["couple"],
            inviter=alice,
            token_digest=f"t{i:063x}",
            code_digest=f"c{i:063x}",
            created_at=at,
            expires_at=at + timedelta(days=1),
        )
