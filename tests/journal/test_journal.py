"""The private journal: only the author reads it, it is encrypted at rest, nothing is lost."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

import pytest
from django.db import connection
from django.test import Client

from mend.accounts.models import User
from mend.journal import services
from mend.journal.models import JournalEntry
from mend.journal.selectors import DAILY_GROUPS, prompt_by_key, prompt_of_the_day
from tests.conftest import client_for

PLAIN = "I keep thinking about the lake house"


@pytest.fixture
def entry(alice: User, now: datetime) -> JournalEntry:
    return services.entry_create(user=alice, title="Tuesday night", body=PLAIN, now=now)


def _raw_row(pk: int) -> tuple[str, str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT title, body FROM journal_journalentry WHERE id = %s", [pk])
        row = cursor.fetchone()
    return row[0], row[1]


def test_entry_text_is_encrypted_in_the_database(entry: JournalEntry) -> None:
    title, body = _raw_row(entry.pk)
    assert PLAIN not in body and "lake" not in body
    assert "Tuesday" not in title
    fresh = JournalEntry.objects.get(pk=entry.pk)
    assert fresh.body == PLAIN and fresh.title == "Tuesday night"


def test_entry_is_always_private_even_if_asked_otherwise(alice: User, couple: object, now: datetime) -> None:
    entry = JournalEntry(owner=alice, body="x", visibility="shared", couple=couple, created_at=now)  # type: ignore[misc]
    entry.save()
    entry.refresh_from_db()
    assert entry.visibility == "private" and entry.couple_id is None


def test_create_refuses_empty_and_too_long(alice: User, now: datetime) -> None:
    with pytest.raises(services.JournalError):
        services.entry_create(user=alice, body="   ", now=now)
    with pytest.raises(services.JournalError):
        services.entry_create(user=alice, body="a" * 5001, now=now)
    assert not JournalEntry.objects.exists()


def test_update_and_delete_belong_to_the_author(entry: JournalEntry, bob: User, now: datetime) -> None:
    with pytest.raises(services.JournalError):
        services.entry_update(user=bob, entry=entry, title="", body="mine now", now=now)
    with pytest.raises(services.JournalError):
        services.entry_delete(user=bob, entry=entry, now=now)
    entry.refresh_from_db()
    assert entry.body == PLAIN


def test_update_keeps_created_time_and_moves_updated(entry: JournalEntry, alice: User, now: datetime) -> None:
    later = now + timedelta(hours=2)
    services.entry_update(user=alice, entry=entry, title="New", body="changed", now=later)
    entry.refresh_from_db()
    assert (entry.title, entry.body, entry.created_at, entry.updated_at) == ("New", "changed", now, later)


# ---------------------------------------------------------------- web


def test_create_edit_delete_through_pages(alice_client: Client, alice: User) -> None:
    response = alice_client.post("/journal/new/", {"title": "First", "body": "A first page."})
    entry = JournalEntry.objects.get(owner=alice)
    assert response.status_code == 302 and response["Location"] == f"/journal/{entry.pk}/"
    page = alice_client.get(f"/journal/{entry.pk}/").content.decode()
    assert "A first page." in page and "help-panel" not in page
    assert "A first page." not in alice_client.get("/journal/").content.decode()  # list shows titles only
    response = alice_client.post(f"/journal/{entry.pk}/edit/", {"title": "First", "body": "Rewritten."})
    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.body == "Rewritten."
    confirm = alice_client.get(f"/journal/{entry.pk}/delete/")
    assert confirm.status_code == 200 and "cannot be brought back" in confirm.content.decode()
    assert JournalEntry.objects.filter(pk=entry.pk).exists()  # GET only asks
    assert alice_client.post(f"/journal/{entry.pk}/delete/").status_code == 302
    assert not JournalEntry.objects.filter(pk=entry.pk).exists()


def test_bad_input_keeps_what_was_typed(alice_client: Client) -> None:
    long_title = "t" * 201
    response = alice_client.post("/journal/new/", {"title": long_title, "body": "Words I don't want to lose"})
    assert response.status_code == 400
    assert "Words I don&#x27;t want to lose" in response.content.decode()
    assert not JournalEntry.objects.exists()
    response = alice_client.post("/journal/new/", {"title": "Only a title", "body": "   "})
    assert response.status_code == 400 and "Only a title" in response.content.decode()


def test_edit_with_bad_input_keeps_the_old_entry(alice_client: Client, entry: JournalEntry) -> None:
    response = alice_client.post(f"/journal/{entry.pk}/edit/", {"title": "x", "body": "b" * 5001})
    assert response.status_code == 400
    entry.refresh_from_db()
    assert entry.body == PLAIN


def test_prompt_link_prefills_the_prompt(alice_client: Client, alice: User) -> None:
    page = alice_client.get("/journal/new/?prompt=gratitude:0").content.decode()
    prompt = prompt_by_key("gratitude:0")
    assert prompt is not None
    assert prompt.text.split(",")[0] in page
    alice_client.post("/journal/new/", {"body": "The coffee.", "prompt": prompt.text})
    assert JournalEntry.objects.get(owner=alice).prompt == prompt.text


def test_crisis_language_shows_the_help_panel_once_after_saving(alice_client: Client, alice: User) -> None:
    response = alice_client.post("/journal/new/", {"body": "Some nights I want to die."}, follow=True)
    assert "help-panel" in response.content.decode()
    entry = JournalEntry.objects.get(owner=alice)
    assert "help-panel" not in alice_client.get(f"/journal/{entry.pk}/").content.decode()


@pytest.mark.parametrize("who", ["bob", "charlie"])
def test_partner_and_outsider_get_404_everywhere(
    request: pytest.FixtureRequest, entry: JournalEntry, couple: object, who: str
) -> None:
    client = client_for(request.getfixturevalue(who))
    for url in (f"/journal/{entry.pk}/", f"/journal/{entry.pk}/edit/", f"/journal/{entry.pk}/delete/"):
        assert client.get(url).status_code == 404
    assert client.post(f"/journal/{entry.pk}/delete/").status_code == 404
    assert client.post(f"/journal/{entry.pk}/edit/", {"body": "overwrite"}).status_code == 404
    assert "Tuesday night" not in client.get("/journal/").content.decode()
    entry.refresh_from_db()
    assert entry.body == PLAIN


# ---------------------------------------------------------------- API


def test_api_crud_for_the_owner(alice_client: Client) -> None:
    created = alice_client.post(
        "/api/v1/journal/entries", {"title": "API", "body": "from the phone"}, content_type="application/json"
    )
    assert created.status_code == 201, created.content
    entry_id = created.json()["id"]
    assert created.json()["show_help"] is False
    listed = alice_client.get("/api/v1/journal/entries").json()
    assert [item["id"] for item in listed] == [entry_id] and "body" not in listed[0]
    assert alice_client.get(f"/api/v1/journal/entries/{entry_id}").json()["body"] == "from the phone"
    patched = alice_client.patch(
        f"/api/v1/journal/entries/{entry_id}", {"body": "edited"}, content_type="application/json"
    )
    assert (
        patched.status_code == 200 and patched.json()["title"] == "API" and patched.json()["body"] == "edited"
    )
    assert alice_client.delete(f"/api/v1/journal/entries/{entry_id}").status_code == 204
    assert alice_client.get(f"/api/v1/journal/entries/{entry_id}").status_code == 404


def test_api_refuses_bad_input_with_reasons(alice_client: Client) -> None:
    for payload in ({"body": ""}, {"body": "x" * 5001}, {"title": "only"}):
        response = alice_client.post("/api/v1/journal/entries", payload, content_type="application/json")
        assert response.status_code == 422 and response.json()["detail"]
    response = alice_client.post("/api/v1/journal/entries", {"body": "   "}, content_type="application/json")
    assert response.status_code == 422 and response.json()["detail"]
    assert not JournalEntry.objects.exists()


def test_api_flags_crisis_language(alice_client: Client) -> None:
    response = alice_client.post(
        "/api/v1/journal/entries",
        {"body": "I keep thinking about killing myself"},
        content_type="application/json",
    )
    assert response.status_code == 201 and response.json()["show_help"] is True


@pytest.mark.parametrize("who", ["bob", "charlie"])
def test_api_is_404_for_anyone_else(
    request: pytest.FixtureRequest, entry: JournalEntry, couple: object, who: str
) -> None:
    client = client_for(request.getfixturevalue(who))
    url = f"/api/v1/journal/entries/{entry.pk}"
    assert client.get(url).status_code == 404
    assert client.patch(url, {"body": "mine"}, content_type="application/json").status_code == 404
    assert client.delete(url).status_code == 404
    assert client.get("/api/v1/journal/entries").json() == []
    entry.refresh_from_db()
    assert entry.body == PLAIN


# ---------------------------------------------------------------- admin


def test_admin_pages_show_no_journal_text(entry: JournalEntry, db: None) -> None:
    admin = User.objects.create_superuser(
        email="admin@example.com", password="x-long-pass-123", display_name="Admin"
    )
    client = client_for(admin)
    listing = client.get("/admin/journal/journalentry/")
    assert (
        listing.status_code == 200 and f"/admin/journal/journalentry/{entry.pk}/" in listing.content.decode()
    )
    change = client.get(f"/admin/journal/journalentry/{entry.pk}/change/")
    assert change.status_code == 200
    for page in (listing, change):
        text = page.content.decode()
        assert "lake house" not in text and "Tuesday night" not in text


# ---------------------------------------------------------------- prompts


def test_prompt_of_the_day_is_stable_within_a_day_and_changes_across_days() -> None:
    day = date(2026, 11, 24)
    first = prompt_of_the_day(user_id=1, day=day)
    assert first == prompt_of_the_day(user_id=1, day=day)
    assert first.group_id in DAILY_GROUPS
    week = {prompt_of_the_day(user_id=1, day=day + timedelta(days=i)).text for i in range(14)}
    assert len(week) > 3


def test_dashboard_card_offers_the_prompt_of_the_day_without_queries(
    alice: User, now: datetime, django_assert_num_queries: Any
) -> None:
    from mend.couples.selectors import couple_state
    from mend.journal.dashboard import card
    from mend.journal.selectors import local_day

    state = couple_state(alice)
    with django_assert_num_queries(0):
        result = card(user=alice, state=state, now=now)
    daily = prompt_of_the_day(user_id=alice.pk, day=local_day(alice, now))
    assert result.text == daily.text and result.url.startswith("/journal/new/?prompt=")
