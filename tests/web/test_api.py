from __future__ import annotations

import json

import pytest
from django.test import Client

from mend.accounts.models import User
from mend.couples.models import Couple
from mend.couples.selectors import couple_state

pytestmark = pytest.mark.django_db


def post(client: Client, path: str, payload: object) -> object:
    return client.post(path, data=json.dumps(payload), content_type="application/json")


def test_openapi_document_lists_the_endpoints(client: Client) -> None:
    schema = client.get("/api/v1/openapi.json").json()
    assert {"/api/v1/me", "/api/v1/couple", "/api/v1/couple/accept"} <= set(schema["paths"])


def test_docs_page_uses_no_cdn(client: Client) -> None:
    body = client.get("/api/v1/docs").content.decode()
    assert "cdn." not in body and "unpkg" not in body


def test_me_and_profile_patch(alice_client: Client) -> None:
    assert alice_client.get("/api/v1/me").json()["display_name"] == "Alice"
    response = alice_client.patch(
        "/api/v1/me",
        data=json.dumps({"time_zone": "Asia/Kolkata", "country": "IN"}),
        content_type="application/json",
    )
    assert response.status_code == 200 and response.json()["time_zone"] == "Asia/Kolkata"


@pytest.mark.parametrize(
    "payload",
    [
        {"time_zone": "Nowhere/Here"},
        {"country": "XX"},
        {"display_name": ""},
        {"display_name": "x" * 61},
        {"display_name": 5},
    ],
)
def test_me_patch_rejects_bad_input_with_a_reason(
    alice_client: Client, alice: User, payload: dict[str, object]
) -> None:
    response = alice_client.patch("/api/v1/me", data=json.dumps(payload), content_type="application/json")
    assert response.status_code == 422
    assert response.json()["detail"]
    alice.refresh_from_db()
    assert alice.display_name == "Alice" and alice.time_zone == "Europe/London"


def test_malformed_json_is_a_4xx(alice_client: Client) -> None:
    response = alice_client.patch("/api/v1/me", data="{not json", content_type="application/json")
    assert 400 <= response.status_code < 500


def test_invite_and_accept_through_the_api(
    alice_client: Client, bob_client: Client, alice: User, bob: User
) -> None:
    invite = alice_client.post("/api/v1/couple/invite")
    assert invite.status_code == 201
    assert alice_client.get("/api/v1/couple").json()["status"] == "waiting"
    accepted = post(bob_client, "/api/v1/couple/accept", {"code": invite.json()["code"]})
    assert accepted.status_code == 200, accepted.content
    assert accepted.json()["status"] == "linked" and accepted.json()["partner"]["display_name"] == "Alice"
    again = post(bob_client, "/api/v1/couple/accept", {"code": invite.json()["code"]})
    assert again.status_code == 400 and "already" in again.json()["detail"]


def test_accept_needs_a_token_or_code(bob_client: Client) -> None:
    response = post(bob_client, "/api/v1/couple/accept", {})
    assert response.status_code == 422 and "token" in response.json()["detail"]
    assert post(bob_client, "/api/v1/couple/accept", {"code": "A" * 200}).status_code == 422


def test_partner_sees_only_the_display_name(bob_client: Client, couple: Couple) -> None:
    data = bob_client.get("/api/v1/couple").json()
    assert data["partner"] == {"display_name": "Alice"}


def test_leave_through_the_api(bob_client: Client, alice: User, couple: Couple) -> None:
    assert bob_client.post("/api/v1/couple/leave").json()["status"] == "solo"
    assert couple_state(alice).couple is None
    assert bob_client.post("/api/v1/couple/leave").status_code == 400


def test_unknown_api_path_is_json_404(alice_client: Client) -> None:
    response = alice_client.get("/api/v1/nothing-here")
    assert response.status_code == 404
