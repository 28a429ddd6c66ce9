"""Values a database cannot store are refused by the API with a 422 and a reason, on SQLite and on
PostgreSQL alike. Before, PostgreSQL refused NUL in text columns and UTC offsets of 16 hours and more
with a DataError, which the API answered with a 500 (and which aborted the surrounding transaction)."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta, timezone

import pytest
from django.test import Client
from django.utils import timezone as django_timezone
from pydantic import BaseModel

from mend.accounts.models import User
from mend.accounts.services import api_token_create
from mend.api.inputs import input_problems
from mend.checkup.models import CheckupAttempt
from mend.journal.models import JournalEntry
from mend.trust.models import Promise


class Inner(BaseModel):
    text: str
    count: int


class Outer(BaseModel):
    inner: Inner
    tags: list[str]
    extra: dict[str, object]


def _kinds(value: object) -> list[tuple[str, list[str | int]]]:
    return [(p["type"], p["loc"]) for p in input_problems(value, ("payload",))]


def test_nested_values_are_walked_with_their_location() -> None:
    value = Outer(
        inner=Inner(text="a\x00b", count=2**63),
        tags=["fine", "nul\x00"],
        extra={"n\x00": 1, "x": float("nan"), "ok": True},
    )
    assert _kinds(value) == [
        ("nul_character", ["payload", "inner", "text"]),
        ("int_range", ["payload", "inner", "count"]),
        ("nul_character", ["payload", "tags", 1]),
        ("nul_character", ["payload", "extra"]),
        ("float_finite", ["payload", "extra", "x"]),
    ]


def test_ordinary_values_pass() -> None:
    value = Outer(
        inner=Inner(text="Ça va? 👋 \t\n", count=-(2**63)),
        tags=[],
        extra={"i": 2**63 - 1, "f": 1.5, "when": datetime(2030, 1, 1, tzinfo=UTC)},
    )
    assert _kinds(value) == []


@pytest.mark.parametrize(
    ("offset", "refused"),
    [
        (timedelta(hours=14), False),
        (timedelta(hours=-12), False),
        (timedelta(hours=14, minutes=1), True),
        (timedelta(hours=-12, minutes=-1), True),
        (timedelta(hours=16), True),
        (timedelta(hours=-23, minutes=-59), True),
    ],
)
def test_datetime_offsets_outside_those_in_use_are_refused(offset: timedelta, refused: bool) -> None:
    when = datetime(2030, 6, 1, 12, 0, tzinfo=timezone(offset))
    assert bool(_kinds(when)) is refused


def test_datetime_that_leaves_the_calendar_in_utc_is_refused() -> None:
    assert _kinds(datetime(1, 1, 1, 0, 0, tzinfo=timezone(timedelta(hours=2)))) == [
        ("datetime_range", ["payload"])
    ]
    assert _kinds(datetime(1, 1, 1, 0, 0)) == []  # naive: no conversion happens here


@pytest.fixture
def api_client(alice: User, couple: object) -> Client:
    _token, secret = api_token_create(user=alice, name="limits", now=django_timezone.now(), scope="write")
    return Client(HTTP_AUTHORIZATION=f"Bearer {secret}")


def _post(client: Client, path: str, body: str, method: str = "post") -> tuple[int, dict[str, object]]:
    response = getattr(client, method)(path, body, content_type="application/json")
    return response.status_code, response.json()


@pytest.mark.django_db
def test_nul_in_text_is_refused_with_its_location(api_client: Client, alice: User) -> None:
    # display_name is a plain text column: PostgreSQL itself would refuse the NUL (a 500 before).
    body = json.dumps({"display_name": "Al\u0000ice"})
    status, answer = _post(api_client, "/api/v1/me", body, method="patch")
    assert status == 422
    assert answer["detail"] == [
        {
            "type": "nul_character",
            "loc": ["payload", "display_name"],
            "msg": "Text may not contain the NUL character (\\u0000).",
        }
    ]
    alice.refresh_from_db()
    assert alice.display_name == "Alice"
    # The connection is still usable afterwards (no aborted transaction on PostgreSQL).
    status, answer = _post(api_client, "/api/v1/me", json.dumps({"display_name": "Ali"}), method="patch")
    assert (status, answer["display_name"]) == (200, "Ali")


@pytest.mark.django_db
def test_nul_in_encrypted_text_is_refused_as_well(api_client: Client, alice: User) -> None:
    status, _ = _post(api_client, "/api/v1/journal/entries", json.dumps({"body": "hello\u0000there"}))
    assert status == 422
    assert not JournalEntry.objects.filter(owner=alice).exists()


@pytest.mark.django_db
def test_nul_inside_a_json_answer_is_refused(api_client: Client, alice: User) -> None:
    body = json.dumps({"answers": {"st_tz_hours": "3\u0000"}})
    status, answer = _post(api_client, "/api/v1/checkup/answers/situation", body, method="put")
    assert status == 422
    assert answer["detail"][0]["loc"] == ["payload", "answers", "st_tz_hours"]  # type: ignore[index]
    assert not CheckupAttempt.objects.filter(owner=alice).exists()


@pytest.mark.django_db
def test_nan_is_refused(api_client: Client, alice: User) -> None:
    status, answer = _post(
        api_client, "/api/v1/checkup/answers/situation", '{"answers": {"st_tz_hours": NaN}}', method="put"
    )
    assert status == 422
    assert answer["detail"][0]["type"] == "float_finite"  # type: ignore[index]


@pytest.mark.django_db
def test_offset_postgresql_cannot_store_is_refused(api_client: Client, alice: User) -> None:
    body = {"text": "Call your mother on Sunday", "due_at": "2030-01-01T00:00:00+16:00"}
    status, answer = _post(api_client, "/api/v1/trust/promises", json.dumps(body))
    assert status == 422
    assert answer["detail"][0]["loc"] == ["payload", "due_at"]  # type: ignore[index]
    assert not Promise.objects.filter(owner=alice).exists()
    body["due_at"] = "2030-01-01T00:00:00+14:00"
    status, answer = _post(api_client, "/api/v1/trust/promises", json.dumps(body))
    assert status == 201
    assert Promise.objects.get(owner=alice).due_at == datetime(2029, 12, 31, 10, 0, tzinfo=UTC)


@pytest.mark.django_db
def test_ids_beyond_64_bits_are_refused_not_crashed(api_client: Client) -> None:
    response = api_client.get(f"/api/v1/journal/entries/{2**64}")
    assert response.status_code == 422
    assert response.json()["detail"][0] == {
        "type": "int_range",
        "loc": ["entry_id"],
        "msg": "Whole numbers must fit in 64 bits (about ±9.2 × 10^18).",
    }
    assert api_client.get(f"/api/v1/journal/entries/{2**63 - 1}").status_code == 404


@pytest.mark.django_db
def test_query_strings_are_checked_too(api_client: Client) -> None:
    response = api_client.get("/api/v1/help/lines", {"country": "G\x00"})
    assert response.status_code == 422


def test_anonymous_callers_get_401_before_any_input_check() -> None:
    response = Client().post(
        "/api/v1/journal/entries", json.dumps({"body": "x\u0000"}), content_type="application/json"
    )
    assert response.status_code == 401


@pytest.mark.django_db
def test_the_openapi_document_lists_the_422_where_input_is_taken() -> None:
    paths = Client().get("/api/v1/openapi.json").json()["paths"]
    assert "422" in paths["/api/v1/journal/entries/{entry_id}"]["get"]["responses"]
    assert "422" in paths["/api/v1/trust/promises"]["post"]["responses"]
    assert "422" not in paths["/api/v1/me"]["get"]["responses"]  # takes no input
