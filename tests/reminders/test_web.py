"""Settings page, the secret calendar feed (parsed back with icalendar), the API and the admin."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import pytest
from django.test import Client
from icalendar import Calendar

from mend.accounts.models import User
from mend.checkup.models import CheckupAttempt
from mend.reminders import services
from mend.reminders.models import CalendarFeed, ReminderPreference, ReminderSent
from mend.rituals.models import CheckinSchedule
from mend.trust.models import Promise
from tests.access.matrix import SECRET

from .conftest import concern

pytestmark = pytest.mark.django_db


def _feed(client: Client, secret: str) -> Calendar:
    response = client.get(f"/reminders/calendar/{secret}.ics")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    body = response.content.decode()
    assert SECRET not in body and "shelf" not in body
    return Calendar.from_ical(response.content)


def _events(cal: Calendar) -> dict[str, Any]:
    return {str(e["SUMMARY"]): e for e in cal.walk("VEVENT")}


def test_feed_has_recurring_checkin_with_tzid_and_neutral_titles(
    alice: User, schedule: CheckinSchedule, promise: Promise, now: datetime
) -> None:
    CheckupAttempt.objects.create(owner=alice, updated_at=now, completed_at=now - timedelta(days=3))
    _feed_row, secret = services.calendar_feed_create(user=alice, now=now)
    cal = _feed(Client(), secret)
    events = _events(cal)
    assert set(events) == {"Weekly check-in", "Planned item due", "Check-up"}
    checkin = events["Weekly check-in"]
    assert checkin["RRULE"]["FREQ"] == ["WEEKLY"]
    assert checkin["DTSTART"].params["TZID"] == "Europe/London"
    assert checkin.decoded("DTSTART").hour == 20 and checkin.decoded("DTSTART").weekday() == 1
    assert {c["TZID"] for c in cal.walk("VTIMEZONE")} == {"Europe/London"}
    assert events["Planned item due"].decoded("DTSTART") == promise.due_at
    assert all(str(e["UID"]).endswith("@mend.reminders") for e in cal.walk("VEVENT"))
    assert CalendarFeed.objects.get(user=alice, revoked_at__isnull=True).last_used_at is not None


def test_feed_for_a_person_with_concern_has_no_partner_events(
    alice: User, schedule: CheckinSchedule, promise: Promise, now: datetime
) -> None:
    concern(alice, now)
    _row, secret = services.calendar_feed_create(user=alice, now=now)
    assert _events(_feed(Client(), secret)) == {}


def test_wrong_revoked_and_switched_off_links_are_404(alice: User, now: datetime) -> None:
    client = Client()
    _row, old = services.calendar_feed_create(user=alice, now=now)
    _row, new = services.calendar_feed_create(user=alice, now=now)  # regenerate: the old link dies
    assert client.get(f"/reminders/calendar/{old}.ics").status_code == 404
    assert client.get(f"/reminders/calendar/{new}.ics").status_code == 200
    assert client.get(f"/reminders/calendar/{new[:-1]}x.ics").status_code == 404
    assert client.get("/reminders/calendar/" + "a" * 300 + ".ics").status_code == 404
    services.preferences_update(user=alice, now=now, calendar_enabled=False)
    assert client.get(f"/reminders/calendar/{new}.ics").status_code == 404
    services.preferences_update(user=alice, now=now, calendar_enabled=True)
    services.calendar_feed_revoke(user=alice, now=now)
    assert client.get(f"/reminders/calendar/{new}.ics").status_code == 404
    assert CalendarFeed.objects.filter(user=alice).values("digest").count() == 2
    assert not CalendarFeed.objects.filter(digest__contains=new).exists()  # only digests are stored


def test_settings_page_saves_and_keeps_bad_input(alice_client: Client, alice: User) -> None:
    page = alice_client.get("/reminders/")
    assert page.status_code == 200 and b"Reminders \xc2\xb7 mend" in page.content
    data = {
        "email": "on",
        "checkin": "on",
        "daily": "on",
        "daily_time": "07:15",
        "quiet_start": "23:00",
        "quiet_end": "06:00",
    }
    assert alice_client.post("/reminders/", data).status_code == 302
    prefs = ReminderPreference.objects.get(user=alice)
    assert prefs.daily_time.hour == 7 and not prefs.promises and not prefs.calendar_enabled
    bad = alice_client.post("/reminders/", {**data, "quiet_end": "", "daily_time": "07:45"})
    assert bad.status_code == 400 and b"07:45" in bad.content
    off = alice_client.post("/reminders/", {k: v for k, v in data.items() if k != "email"})
    assert off.status_code == 302
    alice.refresh_from_db()
    assert alice.email_reminders is False


def test_new_link_is_shown_once(alice_client: Client, alice: User) -> None:
    response = alice_client.post("/reminders/calendar/new/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "/reminders/calendar/" in body and ".ics" in body
    later = alice_client.get("/reminders/").content.decode()
    assert ".ics" not in later and CalendarFeed.objects.get(user=alice).hint in later
    assert alice_client.post("/reminders/calendar/revoke/").status_code == 302
    assert not CalendarFeed.objects.active().filter(user=alice).exists()


def test_api_preferences_and_upcoming(
    alice_client: Client, alice: User, schedule: CheckinSchedule, promise: Promise
) -> None:
    got = alice_client.get("/api/v1/reminders/preferences").json()
    assert got["email"] is True and got["quiet_start"] == "22:00"
    changed = alice_client.patch(
        "/api/v1/reminders/preferences",
        data={"daily": False, "quiet_start": None, "quiet_end": None},
        content_type="application/json",
    )
    assert changed.status_code == 200, changed.content
    assert changed.json()["daily"] is False and changed.json()["quiet_end"] is None
    for bad in ({"daily_time": "25:99"}, {"quiet_start": "10:00", "quiet_end": None}, {"checkin": None}):
        response = alice_client.patch(
            "/api/v1/reminders/preferences", data=bad, content_type="application/json"
        )
        assert response.status_code == 422, (bad, response.content)
    upcoming = alice_client.get("/api/v1/reminders/upcoming").json()
    assert {item["kind"] for item in upcoming} >= {"checkin"}
    assert SECRET not in str(upcoming)


def test_admin_lists_failed_sends_without_private_text(alice: User, now: datetime) -> None:
    admin = User.objects.create_superuser(email="admin@example.com", password="x" * 12, display_name="Admin")
    ReminderSent.objects.create(
        user=alice,
        kind="promise",
        ref="promise:1",
        occurrence=now.date(),
        due_at=now,
        subject="Something you planned is due",
        body="Something you planned is due tomorrow at 18:00.",
        status="failed",
        attempts=2,
        next_attempt_at=now,
        last_error="SMTPServerDisconnected",
    )
    client = Client()
    client.force_login(admin)
    page = client.get("/admin/reminders/remindersent/?status__exact=failed")
    assert page.status_code == 200
    assert b"SMTPServerDisconnected" in page.content and SECRET.encode() not in page.content
    assert client.get("/admin/reminders/calendarfeed/").status_code == 200


def test_feed_shows_the_end_of_an_agreed_break(alice: User, couple: Any, now: datetime) -> None:
    from mend.space.models import BreakAgreement

    BreakAgreement.objects.create(
        owner=alice,
        couple=couple,
        visibility="shared",
        status="active",
        starts_on=now.date(),
        length_days=10,
        created_at=now,
    )
    _row, secret = services.calendar_feed_create(user=alice, now=now)
    event = _events(_feed(Client(), secret))["Agreed pause ends"]
    assert event.decoded("DTSTART").date() == (now + timedelta(days=10)).date()
    assert event["DTSTART"].params["TZID"] == "Europe/London"


def test_preview_command_prints_generic_lines(
    alice: User, schedule: CheckinSchedule, promise: Promise, now: datetime
) -> None:
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("reminders_preview", "alice@example.com", "--day", "2026-11-24", stdout=out)
    text = out.getvalue()
    assert "Your weekly check-in is tonight at 20:00." in text and SECRET not in text
    _row, _secret = services.calendar_feed_create(user=alice, now=now)
    out = StringIO()
    call_command("reminders_preview", "--ics", "alice@example.com", stdout=out)
    assert "parsed by icalendar" in out.getvalue() and SECRET not in out.getvalue()
