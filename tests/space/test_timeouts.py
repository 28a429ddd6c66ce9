""" "I need a break": one tap, 20 minutes by default, the partner told calmly, the return tracked."""

from __future__ import annotations

import threading
import time
from datetime import datetime, timedelta
from typing import Any

import pytest
from django.db import OperationalError, connection
from django.test import Client

from mend.accounts.models import User
from mend.couples.models import Couple
from mend.couples.selectors import couple_state
from mend.engine.content import timeout_messages
from mend.space import services
from mend.space.dashboard import card
from mend.space.models import TimeOut
from mend.space.selectors import partner_pause


def test_default_is_twenty_minutes_with_the_first_message(
    alice: User, bob: User, couple: Couple, now: datetime
) -> None:
    timeout, created = services.timeout_start(user=alice, now=now)
    assert created and timeout.minutes == 20 and timeout.return_at == now + timedelta(minutes=20)
    assert timeout.message_id == timeout_messages()[0].id
    assert timeout.partner_notified and timeout.couple == couple


def test_partner_sees_a_calm_card_in_their_own_time(
    alice: User, bob: User, couple: Couple, now: datetime
) -> None:
    bob.time_zone = "America/New_York"
    bob.save()
    services.timeout_start(user=alice, minutes=30, message_id=timeout_messages()[1].id, now=now)
    pause = partner_pause(user=bob, state=couple_state(bob), now=now)
    assert pause is not None
    # 18:00 UTC + 30 min = 18:30 UTC = 13:30 in New York in late November
    assert pause.until == "13:30" and "13:30" in pause.message and not pause.overdue
    titles = [c.title for c in card(user=bob, state=couple_state(bob), now=now)]
    assert "Alice asked for a pause until 13:30 (your time)" in titles
    # alice does not see a "partner pause" about herself, only her own timer
    assert partner_pause(user=alice, state=couple_state(alice), now=now) is None


def test_return_is_tracked_and_overdue_is_gentle(
    alice: User, bob: User, couple: Couple, now: datetime
) -> None:
    services.timeout_start(user=alice, now=now)
    late = now + timedelta(minutes=35)
    pause = partner_pause(user=bob, state=couple_state(bob), now=late)
    assert pause is not None and pause.overdue
    [partner_card] = [
        c for c in card(user=bob, state=couple_state(bob), now=late) if "asked for a pause" in c.title
    ]
    assert "come back when they can" in partner_card.text
    returned = services.timeout_return(user=alice, now=late)
    assert returned is not None and returned.returned_at == late and returned.returned_late()
    assert partner_pause(user=bob, state=couple_state(bob), now=late) is None
    assert services.timeout_return(user=alice, now=late) is None


def test_a_second_tap_reopens_the_same_pause(alice: User, couple: Couple, now: datetime) -> None:
    first, created = services.timeout_start(user=alice, now=now)
    again, created_again = services.timeout_start(user=alice, now=now + timedelta(minutes=1))
    assert created and not created_again and again == first
    assert TimeOut.objects.count() == 1


def test_a_forgotten_pause_is_closed_when_a_new_one_starts(
    alice: User, couple: Couple, now: datetime
) -> None:
    old, _ = services.timeout_start(user=alice, now=now)
    new, created = services.timeout_start(user=alice, now=now + timedelta(days=1))
    old.refresh_from_db()
    assert created and new != old and old.auto_closed and old.returned_at is not None


@pytest.mark.parametrize("minutes", [9, 121])
def test_minutes_must_be_between_10_and_120(alice: User, now: datetime, minutes: int) -> None:
    with pytest.raises(services.SpaceError, match="between 10 and 120"):
        services.timeout_start(user=alice, minutes=minutes, now=now)


def test_unknown_message_is_refused(alice: User, now: datetime) -> None:
    with pytest.raises(services.SpaceError, match="agreed messages"):
        services.timeout_start(user=alice, message_id="you_are_wrong", now=now)


def test_concern_keeps_the_pause_private(
    alice: User, bob: User, couple: Couple, now: datetime, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(services, "has_concern", lambda user: user == alice)
    timeout, _ = services.timeout_start(user=alice, now=now)
    assert not timeout.partner_notified and timeout.couple is None
    assert partner_pause(user=bob, state=couple_state(bob), now=now) is None
    assert not [c for c in card(user=bob, state=couple_state(bob), now=now) if "pause" in c.title]


def test_concern_from_a_real_safety_check_suppresses_the_notice(
    alice: User, bob: User, couple: Couple, now: datetime
) -> None:
    from mend.safety.panel import has_concern
    from mend.safety.services import safety_check_submit

    safety_check_submit(
        user=alice, answers={"sf_safe_now": "yes", "sf_physical": "yes", "sf_money": "yes"}, now=now
    )
    assert has_concern(alice)
    timeout, _ = services.timeout_start(user=alice, now=now)
    assert not timeout.partner_notified
    assert partner_pause(user=bob, state=couple_state(bob), now=now) is None


def test_solo_pause_is_private(dana: User, now: datetime) -> None:
    timeout, _ = services.timeout_start(user=dana, now=now)
    assert not timeout.partner_notified


# ---------------------------------------------------------------- pages and API


def test_one_tap_starts_the_pause_and_opens_the_calm_page(
    alice_client: Client, bob_client: Client, alice: User, couple: Couple
) -> None:
    response = alice_client.post("/space/pause/start/")
    assert response.status_code == 302 and response["Location"] == "/space/pause/"
    timeout = TimeOut.objects.get(owner=alice)
    assert timeout.minutes == 20
    page = alice_client.get("/space/pause/").content.decode()
    assert "Back at" in page and "data-return-at" in page and "space/pause.js" in page
    assert "breath-circle" in page and "What your partner was told" in page
    assert "asked for a pause until" in bob_client.get("/space/").content.decode()
    assert alice_client.post("/space/pause/back/").status_code == 302
    timeout.refresh_from_db()
    assert timeout.returned_at is not None
    assert "asked for a pause" not in bob_client.get("/space/").content.decode()


def test_bad_minutes_rerender_with_400(alice_client: Client, couple: Couple) -> None:
    response = alice_client.post("/space/pause/start/", {"minutes": "500"})
    assert response.status_code == 400
    assert not TimeOut.objects.exists()


def test_breathing_animation_respects_reduced_motion() -> None:
    from pathlib import Path

    import mend.space

    css = (Path(mend.space.__file__).parent / "static/space/space.css").read_text()
    assert "prefers-reduced-motion: reduce" in css and "animation: none" in css


def test_api_start_current_return(alice_client: Client, bob_client: Client, couple: Couple) -> None:
    started = alice_client.post("/api/v1/space/timeouts", {}, content_type="application/json")
    assert started.status_code == 201 and started.json()["minutes"] == 20
    assert alice_client.post("/api/v1/space/timeouts", {}, content_type="application/json").status_code == 200
    theirs = bob_client.get("/api/v1/space/timeouts/current").json()
    assert theirs["mine"] is None and theirs["partner"]["name"] == "Alice"
    back = alice_client.post("/api/v1/space/timeouts/current/return")
    assert back.status_code == 200 and back.json()["returned_at"]
    assert alice_client.post("/api/v1/space/timeouts/current/return").status_code == 409
    bad = alice_client.post("/api/v1/space/timeouts", {"minutes": 5}, content_type="application/json")
    assert bad.status_code == 422


@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_taps_make_one_pause(alice: User, couple: Couple, now: datetime) -> None:
    results: list[Any] = []
    errors: list[BaseException] = []
    barrier = threading.Barrier(2)

    def tap() -> None:
        try:
            barrier.wait()
            for attempt in range(40):
                try:
                    results.append(services.timeout_start(user=alice, now=now))
                    return
                except OperationalError as error:
                    # The in-memory test database reports a lock at once instead of waiting.
                    if "locked" not in str(error) or attempt == 39:
                        raise
                    time.sleep(0.05)
        except BaseException as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=tap) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not errors
    assert TimeOut.objects.filter(owner=alice).count() == 1
    assert sorted(created for _, created in results) == [False, True]


def test_start_page_preselects_the_first_message_and_20_minutes(alice_client: Client, couple: Couple) -> None:
    page = alice_client.get("/space/pause/").content.decode()
    first = timeout_messages()[0].id
    assert f'value="{first}"' in page
    assert page.count("checked") == 1 and 'value="20"' in page
