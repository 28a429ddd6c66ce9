from __future__ import annotations

import re
from datetime import datetime, timedelta

import pytest
from django.test import Client
from django.urls import reverse

from mend.accounts.models import User
from mend.couples import services
from mend.couples.models import Couple, Invite, Membership
from mend.couples.selectors import couple_state
from tests.conftest import client_for

pytestmark = pytest.mark.django_db


def test_invite_by_link_then_accept(alice: User, bob: User, alice_client: Client, bob_client: Client) -> None:
    page = alice_client.post(reverse("couples:invite_new"))
    assert page.status_code == 200
    body = page.content.decode()
    link = re.search(r"http://testserver(/couple/join/[^<\s]+/)", body)
    code = re.search(r'id="invite-code">([A-Z0-9]{4}-[A-Z0-9]{4})<', body)
    assert link and code
    stored = Invite.objects.get()
    assert code.group(1) not in (stored.code_digest, stored.token_digest)  # only digests are stored
    assert couple_state(alice).is_waiting
    assert bob_client.get(link.group(1)).status_code == 200
    assert bob_client.post(link.group(1)).status_code == 302
    assert couple_state(alice).partner == bob and couple_state(bob).partner == alice
    # single use
    again = client_for(
        User.objects.create_user(email="eve@example.com", password="x" * 12, display_name="Eve")
    ).post(link.group(1))
    assert again.status_code == 400 and "already been used" in again.content.decode()


def test_invite_by_code_is_forgiving_about_format(alice: User, bob: User, now: datetime) -> None:
    _invite, _token, code = services.invite_create(user=alice, now=now)
    messy = code.lower().replace("-", " ")
    couple = services.invite_accept(user=bob, code=messy, now=now + timedelta(minutes=5))
    assert Membership.objects.active().filter(couple=couple).count() == 2


@pytest.mark.parametrize(
    ("situation", "message"),
    [
        ("expired", "expired"),
        ("own", "your own invite"),
        ("used", "already been used"),
        ("linked", "already linked"),
        ("unknown", "not valid"),
        ("replaced", "replaced by a newer one"),
    ],
)
def test_invites_that_cannot_be_accepted(
    situation: str, message: str, alice: User, bob: User, charlie: User, dana: User, now: datetime
) -> None:
    _invite, token, _code = services.invite_create(user=alice, now=now)
    accepter, when = bob, now + timedelta(hours=1)
    if situation == "expired":
        when = now + timedelta(days=7, seconds=1)
    elif situation == "own":
        accepter = alice
    elif situation == "used":
        services.invite_accept(user=bob, token=token, now=when)
        accepter = charlie
    elif situation == "linked":
        _i, dana_token, _c = services.invite_create(user=dana, now=now)
        services.invite_accept(user=charlie, token=dana_token, now=when)
        accepter = charlie
    elif situation == "unknown":
        token = "no-such-token"
    elif situation == "replaced":
        services.invite_create(user=alice, now=now + timedelta(minutes=1))
    with pytest.raises(services.CoupleError, match=message):
        services.invite_accept(user=accepter, token=token, now=when)
    if situation != "used":
        assert couple_state(alice).partner is None


def test_unknown_code_in_form_gives_clear_error_and_keeps_text(bob_client: Client) -> None:
    response = bob_client.post(reverse("couples:join_code"), {"code": "ZZZZ-9999"})
    assert response.status_code == 400
    body = response.content.decode()
    assert "not valid" in body and "ZZZZ-9999" in body


def test_a_user_is_in_at_most_one_active_couple(couple: Couple, alice: User, now: datetime) -> None:
    with pytest.raises(services.CoupleError):
        services.couple_create(user=alice, now=now)
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        Membership.objects.create(couple=Couple.objects.create(), user=alice)


def test_accepting_closes_the_accepters_empty_space(alice: User, bob: User, now: datetime) -> None:
    services.couple_create(user=bob, now=now)
    _i, token, _c = services.invite_create(user=alice, now=now)
    couple = services.invite_accept(user=bob, token=token, now=now)
    assert couple_state(bob).couple == couple
    assert Couple.objects.active().count() == 1


def test_leave_ends_sharing_for_both(couple: Couple, alice: User, bob: User, bob_client: Client) -> None:
    refused = bob_client.post(reverse("couples:leave"), {})
    assert refused.status_code == 302 and couple_state(bob).is_linked
    response = bob_client.post(reverse("couples:leave"), {"confirm": "on"})
    assert response.status_code == 302
    assert couple_state(alice).couple is None and couple_state(bob).couple is None
    couple.refresh_from_db()
    assert couple.ended_at is not None
    # both can start again
    services.couple_create(user=alice, now=couple.ended_at + timedelta(days=1))


def test_anonymous_invite_link_offers_signup_with_return(alice: User, now: datetime, client: Client) -> None:
    from django.utils import timezone

    _i, token, _c = services.invite_create(user=alice, now=timezone.now())
    response = client.get(reverse("couples:join", args=[token]))
    assert response.status_code == 200
    assert f"next=/couple/join/{token}/" in response.content.decode()
    assert client.get(reverse("couples:join", args=["bogus"])).status_code == 404


def test_signup_from_invite_link_returns_to_it(alice: User, client: Client) -> None:
    from django.utils import timezone

    _i, token, _c = services.invite_create(user=alice, now=timezone.now())
    join_url = reverse("couples:join", args=[token])
    response = client.post(
        reverse("accounts:signup") + f"?next={join_url}",
        {
            "email": "bo@example.com",
            "display_name": "Bo",
            "time_zone": "UTC",
            "password1": "mossy-trail-lamp-5",
            "password2": "mossy-trail-lamp-5",
        },
    )
    assert response["Location"] == join_url
    assert client.post(join_url).status_code == 302
    assert couple_state(alice).partner == User.objects.get(email="bo@example.com")


def test_dashboard_shows_state(alice_client: Client, dana_client: Client, couple: Couple) -> None:
    assert "You and Bob" in alice_client.get(reverse("core:dashboard")).content.decode()
    assert "on your own" in dana_client.get(reverse("core:dashboard")).content.decode()
