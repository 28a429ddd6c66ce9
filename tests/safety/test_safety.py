"""The private safety check: scoring, storage, routing to the right lines, and privacy."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from mend.core.dashboard import dashboard_cards
from mend.couples.selectors import couple_state
from mend.safety import services
from mend.safety.models import SafetyCheck
from mend.safety.panel import crisis_in, has_concern, panel_context
from mend.safety.selectors import latest_band, latest_result

URGENT = {"sf_safe_now": "yes", "sf_physical": "yes", "sf_money": "yes"}
SOME = {"sf_safe_now": "yes", "sf_money": "yes"}
NONE = {"sf_safe_now": "yes", "sf_money": "no", "sf_physical": "no"}
NOTE = "NOTE-MARKER-kept-private"


def _take(user, answers, now, note=""):
    check, _ = services.safety_check_submit(user=user, answers=answers, note=note, now=now)
    return check


def _raw(check_pk: int) -> dict:
    with connection.cursor() as cursor:
        cursor.execute("SELECT answers, band, note FROM safety_safetycheck WHERE id = %s", [check_pk])
        answers, band, note = cursor.fetchone()
    return {"answers": answers, "band": band, "note": note}


@pytest.mark.django_db
class TestService:
    def test_bands(self, alice, now):
        assert latest_band(alice) is None
        _take(alice, NONE, now)
        assert latest_band(alice) == "none"
        _take(alice, SOME, now + timedelta(minutes=1))
        assert latest_band(alice) == "some"
        _take(alice, URGENT, now + timedelta(minutes=2))
        assert latest_band(alice) == "urgent"
        result = latest_result(alice)
        assert result is not None and result.emergency_first and result.pause_couple_exercises

    def test_stored_encrypted_and_private(self, alice, couple, now):
        check = _take(alice, URGENT, now, note=NOTE)
        raw = _raw(check.pk)
        for value in raw.values():
            assert "sf_physical" not in value and "urgent" not in value and NOTE not in value
        check.refresh_from_db()
        assert check.answers["sf_physical"] == "yes" and check.note == NOTE
        assert check.visibility == "private" and check.couple_id is None

    def test_bad_answers_are_refused_and_nothing_stored(self, alice, now):
        with pytest.raises(services.SafetyError):
            services.safety_check_submit(user=alice, answers={"sf_physical": "maybe"}, now=now)
        with pytest.raises(services.SafetyError):
            services.safety_check_submit(user=alice, answers={"not_a_question": "yes"}, now=now)
        with pytest.raises(services.SafetyError):
            services.safety_check_submit(user=alice, answers=NONE, note="x" * 5001, now=now)
        with pytest.raises(services.SafetyError):
            services.safety_check_submit(user=alice, answers={"sf_fear": None}, now=now)
        assert not SafetyCheck.objects.exists()

    def test_dismiss_keeps_result(self, alice, now):
        assert services.safety_check_dismiss(user=alice, now=now) is False
        _take(alice, SOME, now)
        assert services.safety_check_dismiss(user=alice, now=now) is True
        assert services.safety_check_dismiss(user=alice, now=now) is False
        assert latest_band(alice) == "some" and has_concern(alice)

    def test_forget_removes_only_own(self, alice, bob, now):
        _take(alice, SOME, now)
        _take(bob, NONE, now)
        assert services.safety_checks_forget(user=alice, now=now) == 1
        assert latest_band(alice) is None and latest_band(bob) == "none"

    def test_has_concern(self, alice, bob, now):
        _take(alice, SOME, now)
        _take(bob, NONE, now)
        assert has_concern(alice) and not has_concern(bob)


class TestPanel:
    def test_crisis_language(self):
        assert crisis_in("I want to kill myself")
        assert not crisis_in("   ")
        assert not crisis_in("We argued about the dishes again")

    @pytest.mark.django_db
    def test_urgent_puts_emergency_first(self, alice, charlie, dana):
        gb = panel_context(alice, urgent=True)["help_lines"]
        assert gb[0].phone == "999" and gb[0].kind == "emergency"
        calm = panel_context(alice)["help_lines"]
        assert calm[0].kind != "emergency"
        assert panel_context(charlie, urgent=True)["help_lines"][0].phone == "911"
        assert panel_context(dana, urgent=True)["help_lines"][0].phone == "000"

    @pytest.mark.django_db
    def test_unknown_country_gets_directories_and_note(self, alice):
        alice.country = ""
        ctx = panel_context(alice, urgent=True)
        assert ctx["help_fallback_note"]
        assert {line.kind for line in ctx["help_lines"]} == {"directory"}


@pytest.mark.django_db
class TestPages:
    def test_check_flow_and_result_lines(self, alice_client, alice):
        page = alice_client.get("/safety/check/")
        assert page.status_code == 200
        assert "<title>Wellbeing · mend</title>" in page.content.decode()
        response = alice_client.post("/safety/check/", {**SOME, "note": ""})
        assert response.status_code == 302 and response["Location"] == "/safety/result/"
        body = alice_client.get("/safety/result/").content.decode()
        assert "0808 2000 247" in body  # the UK domestic abuse helpline
        assert "Planning for your safety" in body
        assert "you are being abused" not in body.lower()
        assert "911" not in body

    def test_urgent_page_shows_emergency_number_first(self, charlie, now):
        _take(charlie, URGENT, now)
        client = Client()
        client.force_login(charlie)
        body = client.get("/safety/result/").content.decode()
        assert "911" in body and "1-800-799-7233" in body
        assert body.index("911") < body.index("1-800-799-7233")
        assert "you are being abused" not in body.lower()

    def test_no_concern_shows_no_panel(self, alice_client, alice, now):
        _take(alice, NONE, now)
        body = alice_client.get("/safety/result/").content.decode()
        assert "0808 2000 247" not in body and "Planning for your safety" not in body

    def test_crisis_note_shows_panel_even_without_concern(self, alice_client, alice, now):
        _take(alice, NONE, now, note="some days I want to die")
        body = alice_client.get("/safety/result/").content.decode()
        assert "0808 2000 247" in body

    def test_bad_input_keeps_the_note(self, alice_client):
        long_note = "my words " * 600
        response = alice_client.post("/safety/check/", {"sf_physical": "maybe", "note": long_note})
        assert response.status_code == 400
        assert "my words" in response.content.decode()
        assert not SafetyCheck.objects.exists()

    def test_dismiss_hides_the_card_not_the_result(self, alice_client, alice, couple, now):
        _take(alice, SOME, now)
        cards = dashboard_cards(user=alice, state=couple_state(alice), now=now)
        assert cards[0].title == "Support options" and cards[0].priority == 0
        assert alice_client.post("/safety/dismiss/").status_code == 302
        cards = dashboard_cards(user=alice, state=couple_state(alice), now=now)
        assert all(card.title != "Support options" for card in cards)
        assert "0808 2000 247" in alice_client.get("/safety/result/").content.decode()

    def test_forget_page(self, alice_client, alice, now):
        _take(alice, SOME, now)
        assert alice_client.post("/safety/forget/").status_code == 302
        assert latest_band(alice) is None


@pytest.mark.django_db
class TestPrivacy:
    """Bob (partner) and charlie (outsider) never learn alice's answers, note or band."""

    MARKERS = (NOTE, "Support options", "0808 2000 247", "Planning for your safety")

    def test_pages_and_api_reveal_nothing(self, alice, bob_client, charlie_client, couple, now):
        _take(alice, URGENT, now, note=NOTE)
        for client in (bob_client, charlie_client):
            for url in ("/safety/", "/safety/result/", "/safety/check/", "/dashboard/", "/couple/"):
                body = client.get(url).content.decode()
                for marker in self.MARKERS:
                    assert marker not in body, (url, marker)
            latest = client.get("/api/v1/safety/latest").json()
            assert latest == {"taken": False, "result": None}

    def test_alice_pages_she_shares_with_bob_show_nothing(self, alice, bob, bob_client, couple, now):
        _take(alice, URGENT, now, note=NOTE)
        body = bob_client.get("/couple/").content.decode()
        assert "urgent" not in body.lower() and "wellbeing" not in body.lower()
        cards = dashboard_cards(user=bob, state=couple_state(bob), now=now)
        assert all("support" not in card.title.lower() for card in cards)
        assert not has_concern(bob)

    def test_not_in_admin_or_partner_api(self, alice, bob_client, couple, now):
        _take(alice, URGENT, now, note=NOTE)
        assert NOTE not in bob_client.get("/api/v1/couple").content.decode()
        assert NOTE not in bob_client.get("/api/v1/me").content.decode()


@pytest.mark.django_db
class TestApi:
    def test_items_submit_latest_dismiss(self, alice_client):
        items = alice_client.get("/api/v1/safety/items").json()
        assert items["items"] and items["safe_now"]["id"] == "sf_safe_now"
        response = alice_client.post(
            "/api/v1/safety/checks", data=json.dumps({"answers": URGENT}), content_type="application/json"
        )
        assert response.status_code == 201
        assert response.json()["band"] == "urgent" and response.json()["emergency_first"]
        latest = alice_client.get("/api/v1/safety/latest").json()
        assert latest["taken"] and latest["result"]["band"] == "urgent"
        assert alice_client.post("/api/v1/safety/dismiss").json()["result"]["dismissed"] is True

    @pytest.mark.parametrize(
        "payload",
        [
            {"answers": {"sf_physical": "maybe"}},
            {"answers": {"nope": "yes"}},
            {"answers": {}, "note": "x" * 5001},
            {"answers": "yes"},
            {"answers": {}},
            {"answers": {"sf_physical": ["yes"]}},
        ],
    )
    def test_bad_input_is_422(self, alice_client, payload):
        response = alice_client.post(
            "/api/v1/safety/checks", data=json.dumps(payload), content_type="application/json"
        )
        assert response.status_code == 422, response.content
        assert "detail" in response.json()
        assert not SafetyCheck.objects.exists()


@pytest.mark.django_db
def test_dashboard_card_constant_queries(alice, couple, now):
    from mend.safety.dashboard import card

    state = couple_state(alice)
    assert card(user=alice, state=state, now=now).priority == 90  # type: ignore[union-attr]
    _take(alice, SOME, now)
    with CaptureQueriesContext(connection) as one:
        card(user=alice, state=state, now=now)
    for i in range(10):
        _take(alice, SOME, now + timedelta(minutes=i + 1))
    with CaptureQueriesContext(connection) as many:
        card(user=alice, state=state, now=now)
    assert len(one) == len(many) == 1
    services.safety_checks_forget(user=alice, now=now)
    _take(alice, NONE, now)
    assert card(user=alice, state=state, now=now) is None


@pytest.mark.django_db
def test_demo_is_calm_and_idempotent(alice, bob, charlie, dana, couple, now):
    from mend.core.demo import DemoUsers
    from mend.safety.demo import seed

    users = DemoUsers(alice=alice, bob=bob, charlie=charlie, dana=dana)
    seed(users=users, couple=couple, now=now)
    seed(users=users, couple=couple, now=now)
    assert SafetyCheck.objects.count() == 3
    assert {latest_band(u) for u in (alice, bob, dana)} == {"none"}
    assert latest_band(charlie) is None


@pytest.mark.django_db
def test_partner_export_never_holds_alices_check(alice, bob_client, alice_client, couple, now):
    _take(alice, URGENT, now, note=NOTE)
    bob_export = bob_client.get("/accounts/data/export.json")
    assert bob_export.status_code == 200
    body = b"".join(bob_export.streaming_content) if bob_export.streaming else bob_export.content
    assert NOTE.encode() not in body and b"safetycheck" not in body
    own = alice_client.get("/accounts/data/export.json")
    own_body = b"".join(own.streaming_content) if own.streaming else own.content
    assert NOTE.encode() in own_body  # her own export holds her own data


@pytest.mark.django_db
def test_includes_render_for_other_apps(alice, charlie):
    from django.template.loader import render_to_string

    panel = render_to_string("safety/_help_panel.html", panel_context(charlie, urgent=True))
    assert panel.index("911") < panel.index("1-800-799-7233")
    assert "Find A Helpline" in panel and "checked" in panel
    note = render_to_string("safety/_gentle_note.html", {})
    assert 'href="/safety/result/"' in note and "abuse" not in note.lower()
