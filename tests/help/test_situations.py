"""After a breakup, long distance and trying alone: private reflections, no contact, countdown."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.db import connection

from mend.help import services
from mend.help.models import BreakupReflection
from mend.help.selectors import local_today, no_contact
from tests.access.matrix import SECRET

pytestmark = pytest.mark.django_db


def test_reflection_is_private_and_encrypted(alice, bob_client, charlie_client, couple, now):
    reflection = services.reflection_add(user=alice, prompt="", text=f"my part {SECRET}", now=now)
    assert reflection.visibility == "private" and reflection.couple_id is None
    with connection.cursor() as cursor:
        cursor.execute("SELECT text FROM help_breakupreflection WHERE id = %s", [reflection.pk])
        assert SECRET not in cursor.fetchone()[0]
    for client in (bob_client, charlie_client):
        assert SECRET not in client.get("/help/situations/breakup/").content.decode()
        assert client.post(f"/help/situations/breakup/{reflection.pk}/delete/").status_code == 404
    assert BreakupReflection.objects.filter(pk=reflection.pk).exists()


def test_reflection_page_saves_and_deletes(alice_client, alice):
    response = alice_client.post("/help/situations/breakup/", {"prompt": "", "text": "I stopped listening"})
    assert response.status_code == 302
    body = alice_client.get("/help/situations/breakup/").content.decode()
    assert "I stopped listening" in body
    pk = BreakupReflection.objects.get(owner=alice).pk
    assert alice_client.post(f"/help/situations/breakup/{pk}/delete/").status_code == 302
    assert not BreakupReflection.objects.exists()


def test_bad_reflection_keeps_the_text(alice_client):
    long_text = "still my words " * 400
    response = alice_client.post("/help/situations/breakup/", {"prompt": "nope", "text": long_text})
    assert response.status_code == 400
    assert "still my words" in response.content.decode()
    assert not BreakupReflection.objects.exists()
    empty = alice_client.post("/help/situations/breakup/", {"prompt": "", "text": "   "})
    assert empty.status_code == 400


def test_crisis_language_in_a_reflection_shows_help(alice_client):
    response = alice_client.post("/help/situations/breakup/", {"prompt": "", "text": "I want to kill myself"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "0808 2000 247" in body or "116 123" in body
    assert BreakupReflection.objects.count() == 1


def test_no_contact_hides_reaching_out(alice_client, alice, now):
    body = alice_client.get("/help/situations/breakup/").content.decode()
    assert "data-reach-out" in body and "Before you reach out" in body
    assert alice_client.post("/help/situations/breakup/no-contact/", {"no_contact": "on"}).status_code == 302
    assert no_contact(alice)
    body = alice_client.get("/help/situations/breakup/").content.decode()
    assert "data-reach-out" not in body and "Before you reach out" not in body
    solo = alice_client.get("/help/situations/solo/").content.decode()
    assert "Invite your partner" not in solo
    alice_client.post("/help/situations/breakup/no-contact/", {})
    assert not no_contact(alice)


def test_next_visit_countdown_in_the_users_day(dana_client, dana, now):
    today = local_today(dana, now)  # Sydney: already the 25th at 18:00 UTC on the 24th
    assert today == date(2026, 11, 25)
    with pytest.raises(services.SituationError):
        services.next_visit_set(user=dana, day=today - timedelta(days=1), today=today, now=now)
    services.next_visit_set(user=dana, day=today + timedelta(days=12), today=today, now=now)
    services.next_visit_set(user=dana, day=None, today=today, now=now)
    services.next_visit_set(user=dana, day=today + timedelta(days=3), today=today, now=now)
    from mend.help.selectors import situation_settings

    assert situation_settings(dana).next_visit == today + timedelta(days=3)  # type: ignore[union-attr]


def test_long_distance_page(alice_client, alice):
    far = date.today() + timedelta(days=30)
    response = alice_client.post("/help/situations/long-distance/", {"next_visit": far.isoformat()})
    assert response.status_code == 302
    body = alice_client.get("/help/situations/long-distance/").content.decode()
    assert "days to go" in body and "Ideas for your next call" in body
    bad = alice_client.post("/help/situations/long-distance/", {"next_visit": "2001-01-01"})
    assert bad.status_code == 400 and "2001-01-01" in bad.content.decode()
    assert alice_client.post("/help/situations/long-distance/", {"next_visit": "soon"}).status_code == 400


def test_solo_page_offers_an_invite(dana_client, alice_client, couple):
    assert 'href="/couple/"' in dana_client.get("/help/situations/solo/").content.decode()
    linked = alice_client.get("/help/situations/solo/").content.decode()
    assert "already linked" in linked
