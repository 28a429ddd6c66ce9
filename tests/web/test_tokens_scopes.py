"""Personal API tokens have a scope: read only (GET and HEAD) or read and write (everything)."""

from __future__ import annotations

import json
import re

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from mend.accounts.models import ApiToken, User
from mend.accounts.services import api_token_create, api_token_revoke
from mend.api.auth import READ_ONLY_REFUSAL, TOKEN_FAILURES
from mend.journal.models import JournalEntry


def _bearer(alice: User, scope: str) -> Client:
    _token, secret = api_token_create(user=alice, name=scope, now=timezone.now(), scope=scope)
    return Client(HTTP_AUTHORIZATION=f"Bearer {secret}")


def _patch_me(client: Client, name: str) -> tuple[int, dict[str, object]]:
    response = client.patch("/api/v1/me", json.dumps({"display_name": name}), content_type="application/json")
    return response.status_code, response.json()


# The settings page


def test_a_new_token_is_read_only_unless_write_is_chosen(alice_client: Client, alice: User) -> None:
    page = alice_client.get(reverse("accounts:tokens")).content.decode()
    assert re.search(r'<input type="radio" name="scope" value="read"[^>]*checked', page)

    response = alice_client.post(reverse("accounts:tokens"), {"name": "phone"})
    assert response.status_code == 200
    assert "Access: <strong>read only</strong>" in response.content.decode()
    alice_client.post(reverse("accounts:tokens"), {"name": "laptop", "scope": "write"})

    scopes = dict(ApiToken.objects.filter(user=alice).values_list("name", "scope"))
    assert scopes == {"phone": "read", "laptop": "write"}
    listing = alice_client.get(reverse("accounts:tokens")).content.decode()
    assert re.search(r"<td>phone</td><td>Read only</td>", listing)
    assert re.search(r"<td>laptop</td><td>Read and write</td>", listing)


def test_an_unknown_scope_is_refused_with_a_reason(alice_client: Client, alice: User) -> None:
    response = alice_client.post(reverse("accounts:tokens"), {"name": "phone", "scope": "admin"})
    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()
    assert not ApiToken.objects.filter(user=alice).exists()


def test_the_service_refuses_an_unknown_scope(alice: User) -> None:
    with pytest.raises(ValueError, match="scope"):
        api_token_create(user=alice, name="x", now=timezone.now(), scope="admin")


# The API


@pytest.mark.django_db
def test_a_read_only_token_reads_but_every_write_is_refused_with_403(alice: User) -> None:
    client = _bearer(alice, "read")
    assert client.get("/api/v1/me").json()["email"] == "alice@example.com"
    assert client.get("/api/v1/journal/entries").status_code == 200

    status, body = _patch_me(client, "Mallory")
    assert (status, body) == (403, {"detail": READ_ONLY_REFUSAL})
    created = client.post(
        "/api/v1/journal/entries", json.dumps({"body": "x"}), content_type="application/json"
    )
    assert created.status_code == 403
    assert client.delete("/api/v1/journal/entries/1").status_code == 403
    alice.refresh_from_db()
    assert alice.display_name == "Alice"
    assert not JournalEntry.objects.filter(owner=alice).exists()


@pytest.mark.django_db
def test_head_answers_like_get_without_a_body(alice: User) -> None:
    client = _bearer(alice, "read")
    got = client.get("/api/v1/me")
    head = client.head("/api/v1/me")
    assert head.status_code == 200
    assert head.content == b""
    assert head["Content-Type"] == got["Content-Type"]
    assert int(head["Content-Length"]) == len(got.content) > 0
    # the same refusals as GET: no token, an entry that is not hers, and a write-only path
    assert Client().head("/api/v1/me").status_code == 401
    assert client.head("/api/v1/journal/entries/999999").status_code == 404
    assert client.head("/api/v1/coach/analyze").status_code == 405
    # pages outside the API keep Django's own HEAD handling
    assert Client().head("/").status_code == Client().get("/").status_code


@pytest.mark.django_db
def test_a_read_and_write_token_may_change_things(alice: User) -> None:
    client = _bearer(alice, "write")
    status, body = _patch_me(client, "Ally")
    assert (status, body["display_name"]) == (200, "Ally")
    created = client.post(
        "/api/v1/journal/entries", json.dumps({"body": "from the app"}), content_type="application/json"
    )
    assert created.status_code == 201


@pytest.mark.django_db
def test_refused_writes_are_not_counted_as_wrong_tokens(alice: User) -> None:
    client = _bearer(alice, "read")
    for _ in range(TOKEN_FAILURES + 2):
        assert _patch_me(client, "Again")[0] == 403
    assert client.get("/api/v1/me").status_code == 200


@pytest.mark.django_db
def test_wrong_tokens_are_still_throttled_and_revoked_tokens_refused(alice: User) -> None:
    token, secret = api_token_create(user=alice, name="phone", now=timezone.now(), scope="write")
    client = Client(HTTP_AUTHORIZATION=f"Bearer {secret}")
    assert client.get("/api/v1/me").status_code == 200
    api_token_revoke(token=token, now=timezone.now())
    assert client.get("/api/v1/me").status_code == 401
    assert _patch_me(client, "Ally")[0] == 401

    wrong = Client(HTTP_AUTHORIZATION="Bearer mend_wrong")
    statuses = [wrong.get("/api/v1/me").status_code for _ in range(TOKEN_FAILURES + 1)]
    assert statuses[0] == 401 and statuses[-1] == 429


@pytest.mark.django_db
def test_the_openapi_document_explains_scopes_and_documents_the_403() -> None:
    doc = Client().get("/api/v1/openapi.json").json()
    assert "**read** tokens may only read" in doc["info"]["description"]
    token_scheme = doc["components"]["securitySchemes"]["TokenAuth"]
    assert token_scheme["scheme"] == "bearer" and "scope" in token_scheme["description"]
    journal = doc["paths"]["/api/v1/journal/entries"]
    assert "403" in journal["post"]["responses"]
    assert "403" not in journal["get"]["responses"]
    assert "403" in doc["paths"]["/api/v1/me"]["patch"]["responses"]


@pytest.mark.django_db
def test_every_write_operation_refuses_a_read_only_token(alice: User, couple: object) -> None:
    """Walks the OpenAPI document, so write operations added later are covered too."""
    client = _bearer(alice, "read")
    doc = Client().get("/api/v1/openapi.json").json()
    writes = [
        (method, re.sub(r"\{[^}]+\}", "1", path))
        for path, operations in doc["paths"].items()
        for method, operation in operations.items()
        if method not in {"get", "head", "options"} and operation.get("security")
    ]
    assert len(writes) > 40
    for method, path in writes:
        response = getattr(client, method)(path, "{}", content_type="application/json")
        assert (response.status_code, response.json()) == (403, {"detail": READ_ONLY_REFUSAL}), path


# The migration


@pytest.mark.django_db(transaction=True)
def test_tokens_made_before_scopes_become_read_and_write() -> None:
    before, after = ("accounts", "0003_alter_auditevent_kind"), ("accounts", "0004_apitoken_scope")
    executor = MigrationExecutor(connection)
    leaves = executor.loader.graph.leaf_nodes()
    executor.migrate([before])
    old_apps = executor.loader.project_state([before]).apps
    old_user = old_apps.get_model("accounts", "User").objects.create(
        email="old@example.com", display_name="Old", password="!"
    )
    old_apps.get_model("accounts", "ApiToken").objects.create(
        user=old_user, name="made last year", digest="a" * 64, hint="mend_abcd"
    )

    executor = MigrationExecutor(connection)
    executor.migrate([after])
    new_apps = executor.loader.project_state([after]).apps
    assert new_apps.get_model("accounts", "ApiToken").objects.get().scope == "write"
    MigrationExecutor(connection).migrate(leaves)
    assert ApiToken._meta.get_field("scope").default == ApiToken.Scope.READ  # new tokens: read only
