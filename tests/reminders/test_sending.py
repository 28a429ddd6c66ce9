"""Sending: once only, generic wording, safety holds partner reminders back, retries with backoff."""

from __future__ import annotations

import smtplib
from datetime import datetime, timedelta
from typing import Any

import pytest
from django.core import mail
from django.core.management import call_command

from mend.accounts.models import User
from mend.checkup.models import CheckupAttempt
from mend.reminders import services
from mend.reminders.models import ReminderSent
from mend.reminders.selectors import due_reminders, upcoming_reminders
from mend.reminders.tasks import send_due_reminders
from mend.rituals.models import CheckinSchedule
from mend.trust.models import Promise
from tests.access.matrix import SECRET

from .conftest import concern

pytestmark = pytest.mark.django_db


def _kinds(user: User) -> list[str]:
    return sorted(ReminderSent.objects.filter(user=user).values_list("kind", flat=True))


def test_due_reminders_go_out_once_with_generic_text(
    alice: User, bob: User, schedule: CheckinSchedule, promise: Promise, now: datetime
) -> None:
    report = services.reminders_send_due(now=now)
    assert report.sent == 3  # alice: check-in + promise; bob: check-in
    assert _kinds(alice) == ["checkin", "promise"] and _kinds(bob) == ["checkin"]
    bodies = {m.to[0]: [] for m in mail.outbox}
    for message in mail.outbox:
        bodies[message.to[0]].append(message.body)
        assert SECRET not in message.body + message.subject
        assert "shelf" not in message.body
    assert any("Your weekly check-in is tonight at 20:00." in b for b in bodies["alice@example.com"])
    assert any("Something you planned is due tomorrow at 17:00." in b for b in bodies["alice@example.com"])
    again = services.reminders_send_due(now=now + timedelta(minutes=5))
    assert again.sent == 0 and again.already == 3
    assert len(mail.outbox) == 3


def test_email_switch_off_sends_nothing(alice: User, schedule: CheckinSchedule, now: datetime) -> None:
    services.preferences_update(user=alice, now=now, email=False)
    services.reminders_send_due(now=now)
    assert [m.to for m in mail.outbox] == [["bob@example.com"]]


def test_kind_switch_off(alice: User, schedule: CheckinSchedule, promise: Promise, now: datetime) -> None:
    services.preferences_update(user=alice, now=now, promises=False)
    assert [r.kind for r in due_reminders(alice, now)] == ["checkin"]


def test_concern_holds_back_every_partner_related_reminder(
    alice: User, bob: User, schedule: CheckinSchedule, promise: Promise, now: datetime
) -> None:
    concern(alice, now)
    CheckupAttempt.objects.create(owner=alice, updated_at=now, completed_at=now - timedelta(days=28))
    services.reminders_send_due(now=now.replace(hour=10, minute=30))  # the check-up is due at 10:00
    services.reminders_send_due(now=now)  # the check-in and the promise would be due now
    assert _kinds(alice) == ["checkup"]  # her own check-up only: nothing about the couple
    assert _kinds(bob) == ["checkin", "daily"]  # bob's own reminders say nothing about alice
    assert all("check-up" in m.body or m.to == ["bob@example.com"] for m in mail.outbox)
    assert [r.kind for r in upcoming_reminders(alice, now)] == []


def test_quiet_hours_delay_a_reminder(alice: User, couple: Any, now: datetime) -> None:
    services.preferences_update(
        user=alice,
        now=now,
        quiet_start=datetime(2026, 1, 1, 8).time(),
        quiet_end=datetime(2026, 1, 1, 10).time(),
    )
    # daily idea at 09:00 is moved to 10:00 London (= UTC in November)
    [daily] = [r for r in upcoming_reminders(alice, now) if r.kind == "daily"][:1]
    assert daily.send_at.hour == 10 and daily.send_at.minute == 0


def test_smtp_down_retries_with_backoff_then_sends_once(
    alice: User, promise: Promise, now: datetime, monkeypatch: pytest.MonkeyPatch
) -> None:
    services.preferences_update(user=alice, now=now, checkin=False)
    real = services.send_mail

    def down(**kwargs: Any) -> int:
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed: alice@example.com")

    monkeypatch.setattr(services, "send_mail", down)
    report = services.reminders_send_due(now=now)
    assert report.failed == 1
    row = ReminderSent.objects.get(user=alice)
    assert row.status == "failed" and row.attempts == 1
    assert row.next_attempt_at == now + timedelta(minutes=5)
    assert row.last_error == "SMTPServerDisconnected" and "alice" not in row.last_error

    assert services.reminders_send_due(now=now + timedelta(minutes=2)).retried == 0
    services.reminders_send_due(now=now + timedelta(minutes=5))
    row.refresh_from_db()
    assert row.attempts == 2 and row.next_attempt_at == now + timedelta(minutes=15)

    monkeypatch.setattr(services, "send_mail", real)
    services.reminders_send_due(now=now + timedelta(minutes=15))
    row.refresh_from_db()
    assert row.status == "sent" and row.attempts == 3
    assert len(mail.outbox) == 1
    services.reminders_send_due(now=now + timedelta(hours=1))
    assert len(mail.outbox) == 1


def test_gives_up_after_max_attempts(alice: User, now: datetime, monkeypatch: pytest.MonkeyPatch) -> None:
    row = ReminderSent.objects.create(
        user=alice,
        kind="checkup",
        ref="checkup:1",
        occurrence=now.date(),
        due_at=now,
        subject="s",
        body="b",
        status="failed",
        attempts=services.MAX_ATTEMPTS - 1,
        next_attempt_at=now,
    )

    def down(**kwargs: Any) -> int:
        raise OSError("network unreachable")

    monkeypatch.setattr(services, "send_mail", down)
    report = services.reminders_retry_failed(now=now)
    row.refresh_from_db()
    assert row.status == "gave_up" and row.next_attempt_at is None and report.gave_up == 1


def test_backoff_grows_and_is_capped() -> None:
    assert [services.backoff(n).total_seconds() / 60 for n in (1, 2, 3, 4)] == [5, 10, 20, 40]
    assert services.backoff(20) == timedelta(hours=6)


def test_interrupted_send_is_not_resent_but_shown(alice: User, now: datetime) -> None:
    row = ReminderSent.objects.create(
        user=alice,
        kind="daily",
        ref="daily",
        occurrence=now.date(),
        due_at=now,
        subject="s",
        body="b",
        status="sending",
        claimed_at=now - timedelta(hours=1),
    )
    assert services.reminders_mark_stuck(now=now) == 1
    row.refresh_from_db()
    assert row.status == "gave_up" and row.last_error == "Interrupted while sending"


def test_task_never_raises(now: datetime, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(**kwargs: Any) -> None:
        raise RuntimeError("database went away")

    monkeypatch.setattr(services, "reminders_send_due", broken)
    assert send_due_reminders.call(now.isoformat())["failed"] == 1


def test_one_persons_broken_data_does_not_stop_others(
    alice: User, bob: User, schedule: CheckinSchedule, now: datetime, monkeypatch: pytest.MonkeyPatch
) -> None:
    from mend.reminders import selectors

    real = selectors.due_reminders

    def flaky(user: User, moment: datetime, **kwargs: Any) -> Any:
        if user == alice:
            raise ValueError("bad row")
        return real(user, moment, **kwargs)

    monkeypatch.setattr(services, "due_reminders", flaky)
    report = services.reminders_send_due(now=now)
    assert report.sent == 1 and _kinds(bob) == ["checkin"]


def test_schedule_command_is_idempotent(alice: User, schedule: CheckinSchedule, now: datetime) -> None:
    call_command("schedule_reminders", "--at", now.isoformat())  # enqueue: immediate backend runs it
    call_command("schedule_reminders", "--at", now.isoformat(), "--now-run")
    call_command("schedule_reminders", "--at", (now + timedelta(minutes=5)).isoformat())
    assert sorted(m.to[0] for m in mail.outbox) == ["alice@example.com", "bob@example.com"]


def test_preferences_need_both_quiet_hours(alice: User, now: datetime) -> None:
    with pytest.raises(services.ReminderError):
        services.preferences_update(user=alice, now=now, quiet_start=None)
    with pytest.raises(services.ReminderError):
        services.preferences_update(user=alice, now=now, colour=True)  # type: ignore[arg-type]


def test_demo_seed_is_idempotent(
    alice: User, bob: User, charlie: User, dana: User, couple: Any, now: datetime
) -> None:
    from mend.core.demo import DemoUsers
    from mend.reminders.demo import seed
    from mend.reminders.models import ReminderPreference

    users = DemoUsers(alice=alice, bob=bob, charlie=charlie, dana=dana)
    seed(users=users, couple=couple, now=now)
    seed(users=users, couple=couple, now=now)
    assert ReminderPreference.objects.count() == 3
    assert not ReminderPreference.objects.filter(user=charlie).exists()


def test_break_end_and_time_out_reminders(alice: User, bob: User, couple: Any, now: datetime) -> None:
    from mend.space.models import BreakAgreement, TimeOut

    # a two-week break that ends on Wednesday 25 Nov: reminded at 21:00 the evening before
    BreakAgreement.objects.create(
        owner=alice,
        couple=couple,
        visibility="shared",
        status="active",
        starts_on=(now - timedelta(days=13)).date(),
        length_days=14,
        created_at=now,
    )
    TimeOut.objects.create(
        owner=alice,
        couple=couple,
        message_id="neutral",
        minutes=20,
        started_at=now,
        return_at=now + timedelta(minutes=20),
        created_at=now,
    )
    soon = {r.kind + ":" + r.ref.split(":")[0]: r for r in upcoming_reminders(alice, now)}
    assert soon["break_end:break"].text == "The pause you agreed on ends tomorrow at 09:00."
    assert soon["break_end:break"].send_at == now.replace(hour=21)
    assert soon["break_end:timeout"].text.startswith("Your pause ends at 18:20.")
    assert soon["break_end:timeout"].send_at == now + timedelta(minutes=15)
    assert any(r.ref.startswith("break:") for r in upcoming_reminders(bob, now))  # agreed by both
    assert not any(r.ref.startswith("timeout:") for r in upcoming_reminders(bob, now))  # hers alone
    concern(alice, now)
    assert [r for r in upcoming_reminders(alice, now) if r.kind == "break_end"] == []
