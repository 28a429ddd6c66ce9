"""Dyadic privacy: bob sees nothing of alice's until both finished and alice shared; charlie never."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from django.test import Client

from mend.accounts.models import User
from mend.checkup import services
from mend.checkup.selectors import couple_view
from mend.couples.models import Couple
from mend.couples.selectors import couple_state
from mend.couples.services import couple_leave
from mend.engine.checkup import load_bank

from .helpers import ALICE_BEFORE, BOB, finish

pytestmark = pytest.mark.django_db

FLOODING = load_bank("conflict").scale_spec("flooding").name  # the name pages show

ALICE_NOTE = "ALICE-NOTE-about-the-move"
# The text of an item alice never opted to share, and one she did.
HIDDEN_ITEM = "Our time together felt more like sharing a house than sharing a life."
SHARED_ITEM = "Overall, I am content with how things are between us."


def _bob_sees(bob_client: Client) -> str:
    page = bob_client.get("/checkup/couple/")
    api = bob_client.get("/api/v1/checkup/couple")
    assert page.status_code == 200
    assert api.status_code == 200
    return page.content.decode() + api.content.decode()


def _alice_finishes(alice: User, now: datetime) -> None:
    finish(alice, now, ALICE_BEFORE, extra={"turning_point": {"tp_note": ALICE_NOTE, "tp_when": "2025-01"}})


def test_bob_sees_nothing_until_both_finished_and_alice_shares(
    alice: User, bob: User, couple: Couple, now: datetime, bob_client: Client
) -> None:
    _alice_finishes(alice, now)
    services.share_save(user=alice, scales=["conflict.flooding", "distress"], items=["rl_sat_1"], now=now)
    # alice finished and shared, bob has not finished: nothing
    body = _bob_sees(bob_client)
    assert FLOODING not in body and SHARED_ITEM not in body
    assert couple_view(bob, couple_state(bob)).status == "waiting"

    finish(bob, now, BOB)
    services.share_retract(user=alice, now=now)
    # both finished, alice shares nothing: still nothing
    body = _bob_sees(bob_client)
    assert couple_view(bob, couple_state(bob)).status == "waiting"
    assert FLOODING not in body and SHARED_ITEM not in body

    services.share_save(user=alice, scales=["conflict.flooding"], items=["rl_sat_1"], now=now)
    view = couple_view(bob, couple_state(bob))
    assert view.status == "open"
    assert [r.key for r in view.rows] == ["conflict.flooding"]
    assert view.rows[0].theirs is not None and view.rows[0].mine is None  # bob shared nothing himself
    body = _bob_sees(bob_client)
    assert SHARED_ITEM in body
    assert FLOODING in body
    assert HIDDEN_ITEM not in body
    assert ALICE_NOTE not in body
    assert "Overall strain" not in body  # not shared this time
    assert "Criticism" not in body


def test_retract_hides_everything_again(
    alice: User, bob: User, couple: Couple, now: datetime, bob_client: Client
) -> None:
    _alice_finishes(alice, now)
    finish(bob, now, BOB)
    services.share_save(user=alice, scales=["conflict.flooding"], items=["rl_sat_1"], now=now)
    assert SHARED_ITEM in _bob_sees(bob_client)
    response = Client()
    response.force_login(alice)
    assert response.post("/checkup/share/retract/").status_code == 302
    body = _bob_sees(bob_client)
    assert SHARED_ITEM not in body and FLOODING not in body
    assert couple_view(bob, couple_state(bob)).status == "waiting"


def test_couple_view_shows_both_sides_with_agreement(
    alice: User, bob: User, couple: Couple, now: datetime, alice_client: Client
) -> None:
    _alice_finishes(alice, now)
    finish(bob, now, BOB)
    services.share_save(user=alice, scales=["conflict.flooding", "relationship.commitment"], now=now)
    services.share_save(user=bob, scales=["conflict.flooding", "relationship.commitment"], now=now)
    view = couple_view(alice, couple_state(alice))
    assert view.status == "open"
    rows = {r.key: r for r in view.rows}
    assert set(rows) == {"conflict.flooding", "relationship.commitment"}
    assert all(r.compared for r in rows.values())
    assert all(r.note.startswith("You see this") for r in rows.values())
    assert view.plan is not None and view.plan.mode == "couple"
    page = alice_client.get("/checkup/couple/").content.decode()
    assert "you agree" in page or "you differ" in page
    assert "A plan for the two of you" in page


def test_partner_plan_never_reveals_private_safety(
    alice: User, bob: User, couple: Couple, now: datetime, bob_client: Client, alice_client: Client
) -> None:
    from mend.safety.services import safety_check_submit

    _alice_finishes(alice, now)
    finish(bob, now, BOB)
    services.share_save(user=alice, scales=["conflict.flooding"], now=now)
    services.share_save(user=bob, scales=["conflict.flooding"], now=now)
    safety_check_submit(user=alice, answers={"sf_safe_now": "yes", "sf_physical": "yes"}, now=now)
    body = _bob_sees(bob_client)
    assert "safety" not in body.lower()
    assert "private to you" not in body
    # alice's own couple page keeps her safety-shaped plan to herself
    assert "private to you for now" in alice_client.get("/checkup/couple/").content.decode()


def test_charlie_never_sees_anything(
    alice: User, bob: User, charlie: User, couple: Couple, now: datetime, charlie_client: Client
) -> None:
    _alice_finishes(alice, now)
    services.share_save(user=alice, scales=["conflict.flooding"], items=["rl_sat_1"], now=now)
    assert couple_view(charlie, couple_state(charlie)).status == "no_partner"
    for url in (
        "/checkup/couple/",
        "/checkup/results/",
        "/checkup/plan/",
        "/checkup/history/",
        "/api/v1/checkup/couple",
        "/api/v1/checkup/results",
        "/api/v1/checkup/shares",
    ):
        body = charlie_client.get(url).content.decode()
        assert SHARED_ITEM not in body and ALICE_NOTE not in body and FLOODING not in body, url


def test_leaving_the_couple_ends_sharing(
    alice: User, bob: User, couple: Couple, now: datetime, bob_client: Client
) -> None:
    _alice_finishes(alice, now)
    finish(bob, now, BOB)
    services.share_save(user=alice, scales=["conflict.flooding"], items=["rl_sat_1"], now=now)
    couple_leave(user=alice, now=now + timedelta(hours=1))
    assert couple_view(bob, couple_state(bob)).status == "no_partner"
    assert SHARED_ITEM not in _bob_sees(bob_client)


def test_bob_cannot_open_alices_attempt(
    alice: User, couple: Couple, now: datetime, bob_client: Client
) -> None:
    attempt = finish(alice, now)
    services.share_save(user=alice, scales=["conflict.flooding"], now=now)
    assert bob_client.get(f"/checkup/results/{attempt.pk}/").status_code == 404
