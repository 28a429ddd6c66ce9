"""Check-up API: instruments, saving answers (422 with the engine's reason), results, plan, shares."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

import pytest
from django.test import Client

from mend.accounts.models import User
from mend.checkup.models import CheckupAttempt
from mend.couples.models import Couple
from mend.engine.checkup import bank_ids

from .helpers import ALICE_BEFORE, BOB, answers_at, finish

pytestmark = pytest.mark.django_db


def _put(client: Client, url: str, body: Any) -> Any:
    return client.put(url, data=json.dumps(body), content_type="application/json")


def test_instruments_list_every_section(alice_client: Client) -> None:
    data = alice_client.get("/api/v1/checkup/instruments").json()
    assert [b["id"] for b in data["banks"]] == list(bank_ids())
    conflict = next(b for b in data["banks"] if b["id"] == "conflict")
    assert conflict["version"] >= 1
    assert {"id", "text", "kind", "reverse", "options"} <= set(conflict["items"][0])
    assert "not a clinical assessment" in data["disclaimer"]


@pytest.mark.parametrize(
    ("section", "answers", "reason"),
    [
        ("conflict", {"cf_cri_1": 9}, "outside the range"),
        ("conflict", {"cf_cri_1": "often"}, "whole number"),
        ("conflict", {"nope": 1}, "is not a question"),
        ("turning_point", {"tp_when": "March"}, "month like"),
        ("turning_point", {"tp_note": "x" * 2001}, "longer than"),
        ("turning_point", {"tp_when": "2099-01"}, "in the future"),
        ("situation", {"st_living": "moon"}, "expected one of"),
    ],
)
def test_bad_answers_get_422_with_the_engines_reason(
    alice: User, alice_client: Client, section: str, answers: dict[str, Any], reason: str
) -> None:
    response = _put(alice_client, f"/api/v1/checkup/answers/{section}", {"answers": answers})
    assert response.status_code == 422
    assert reason in response.json()["detail"]
    assert not CheckupAttempt.objects.filter(owner=alice, answers__isnull=False).exclude(answers={}).exists()


def test_malformed_body_is_422_and_unknown_section_404(alice_client: Client) -> None:
    assert (
        _put(alice_client, "/api/v1/checkup/answers/conflict", {"answers": "all of them"}).status_code == 422
    )
    assert _put(alice_client, "/api/v1/checkup/answers/nope", {"answers": {}}).status_code == 404
    assert alice_client.get("/api/v1/checkup/answers/nope").status_code == 404


def test_full_flow_over_the_api(alice: User, couple: Couple, alice_client: Client) -> None:
    answers = answers_at(ALICE_BEFORE)
    assert alice_client.post("/api/v1/checkup/complete").status_code == 409
    for bank_id in bank_ids()[:-1]:
        response = _put(alice_client, f"/api/v1/checkup/answers/{bank_id}", {"answers": answers[bank_id]})
        assert response.status_code == 200, response.content
    state = alice_client.get("/api/v1/checkup/attempt").json()
    assert state["status"] == "in_progress"
    assert state["missing_sections"] == [bank_ids()[-1]]
    saved = alice_client.get(f"/api/v1/checkup/answers/{bank_ids()[0]}").json()
    assert saved["answers"] == answers[bank_ids()[0]]
    finish_response = alice_client.post("/api/v1/checkup/complete")
    assert finish_response.status_code == 409
    assert "Still to do" in finish_response.json()["detail"]
    last = bank_ids()[-1]
    _put(alice_client, f"/api/v1/checkup/answers/{last}", {"answers": answers[last]})
    results = alice_client.post("/api/v1/checkup/complete").json()
    assert results["taken"] is True
    flooding = next(s for s in results["scales"] if s["key"] == "conflict.flooding")
    assert flooding["band"] in {"moderate", "high"} and flooding["drivers"]
    plan = alice_client.get("/api/v1/checkup/plan").json()
    assert plan["available"] and 3 <= len(plan["steps"]) <= 6
    assert all(step["tool_url"].startswith("/") for step in plan["steps"])


def test_shares_over_the_api(
    alice: User, bob: User, couple: Couple, alice_client: Client, bob_client: Client, now: datetime
) -> None:
    assert _put(alice_client, "/api/v1/checkup/shares", {"scales": ["distress"]}).status_code == 409
    finish(alice, now)
    assert _put(alice_client, "/api/v1/checkup/shares", {"scales": ["made.up"]}).status_code == 422
    response = _put(alice_client, "/api/v1/checkup/shares", {"scales": ["distress"], "items": ["rl_sat_1"]})
    assert response.status_code == 200
    assert response.json()["active"] is True
    finish(bob, now, BOB)
    view = bob_client.get("/api/v1/checkup/couple").json()
    assert view["status"] == "open"
    assert [r["key"] for r in view["rows"]] == ["distress"]
    assert [a["item_id"] for a in view["their_answers"]] == ["rl_sat_1"]
    assert alice_client.delete("/api/v1/checkup/shares").json()["active"] is False
    assert bob_client.get("/api/v1/checkup/couple").json()["status"] == "waiting"


def test_history_api_has_series(alice: User, alice_client: Client, now: datetime) -> None:
    finish(alice, now)
    data = alice_client.get("/api/v1/checkup/history").json()
    keys = {s["key"] for s in data["series"]}
    assert "conflict.flooding" in keys and "distress" in keys
    assert data["plan_changes"] == []


def test_anonymous_gets_401(client: Client) -> None:
    assert client.get("/api/v1/checkup/results").status_code == 401
