"""Two schedulers or two workers at the same moment still send every reminder exactly once."""

from __future__ import annotations

import threading
import time as time_module
from collections.abc import Callable
from datetime import datetime, time, timedelta
from unittest import mock

import pytest
from django.core import mail
from django.db import OperationalError, connection

from mend.accounts.models import User
from mend.couples.models import Couple, Membership
from mend.reminders import services
from mend.reminders.models import ReminderSent
from mend.rituals.models import CheckinSchedule
from tests.factories import UserFactory

NOW = datetime(2026, 11, 24, 18, 0).astimezone()


def _run_together(target: Callable[[], object], threads: int = 2) -> list[BaseException]:
    barrier = threading.Barrier(threads)
    errors: list[BaseException] = []

    def worker() -> None:
        try:
            barrier.wait()
            for attempt in range(20):
                try:
                    target()
                    return
                except OperationalError as error:
                    # The in-memory test database reports a table lock at once instead of waiting
                    # like the file database does (timeout=20); a real worker tries again next run.
                    if "locked" not in str(error) or attempt == 19:
                        raise
                    time_module.sleep(0.05)
        except BaseException as error:
            errors.append(error)
        finally:
            connection.close()

    pool = [threading.Thread(target=worker) for _ in range(threads)]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join(timeout=60)
    return errors


@pytest.fixture
def linked(transactional_db: None, now: datetime) -> tuple[User, User]:
    alice = UserFactory(email="alice@example.com", display_name="Alice")
    bob = UserFactory(email="bob@example.com", display_name="Bob")
    couple = Couple.objects.create(created_by=alice, created_at=now)
    Membership.objects.create(couple=couple, user=alice, joined_at=now)
    Membership.objects.create(couple=couple, user=bob, joined_at=now)
    CheckinSchedule.objects.create(
        owner=alice, couple=couple, weekday=1, local_time=time(20, 0), time_zone="Europe/London"
    )
    return alice, bob


@pytest.mark.django_db(transaction=True)
def test_two_workers_at_once_send_each_reminder_once(linked: tuple[User, User], now: datetime) -> None:
    errors = _run_together(lambda: services.reminders_send_due(now=now), threads=3)
    assert errors == []
    services.reminders_send_due(now=now + timedelta(minutes=1))  # the next cron tick adds nothing
    assert ReminderSent.objects.count() == 2  # one check-in reminder each for alice and bob
    assert sorted(m.to[0] for m in mail.outbox) == ["alice@example.com", "bob@example.com"]


@pytest.mark.django_db(transaction=True)
def test_scheduler_twice_in_a_row_sends_once(linked: tuple[User, User], now: datetime) -> None:
    from django.core.management import call_command

    call_command("schedule_reminders", "--at", now.isoformat())
    call_command("schedule_reminders", "--at", (now + timedelta(minutes=1)).isoformat())
    assert len(mail.outbox) == 2


@pytest.mark.django_db(transaction=True)
def test_two_workers_retrying_the_same_failure_send_once(linked: tuple[User, User], now: datetime) -> None:
    alice, _bob = linked
    ReminderSent.objects.create(
        user=alice,
        kind="checkup",
        ref="checkup:9",
        occurrence=now.date(),
        due_at=now,
        subject="Time for your four-weekly check-up",
        body="Your check-up is ready.",
        status="failed",
        attempts=1,
        next_attempt_at=now,
    )
    errors = _run_together(lambda: services.reminders_retry_failed(now=now), threads=3)
    assert errors == []
    assert len(mail.outbox) == 1
    assert ReminderSent.objects.get(ref="checkup:9").attempts == 2


@pytest.mark.django_db(transaction=True)
def test_two_threads_sending_the_same_reminder_claim_it_once(
    linked: tuple[User, User], now: datetime
) -> None:
    from mend.reminders.selectors import due_reminders

    alice, _bob = linked
    [reminder] = due_reminders(alice, now)
    claimed: list[bool] = []
    deliveries: list[int] = []
    real_attempt = services._attempt

    def attempt_once(row: ReminderSent, *args: object) -> None:
        # Only the claim is under test. Recording the outcome afterwards can meet the in-memory test
        # database's immediate table lock; letting that error reach the retry loop would re-run an
        # already claimed send and hide the claim, so count the delivery and keep the lock error here.
        deliveries.append(row.pk)
        try:
            real_attempt(row, *args)  # type: ignore[arg-type]
        except OperationalError as error:
            if "locked" not in str(error):
                raise

    with mock.patch.object(services, "_attempt", attempt_once):
        errors = _run_together(
            lambda: claimed.append(services.reminder_send(user=alice, reminder=reminder, now=now)),
            threads=4,
        )
    assert errors == []
    assert sorted(claimed) == [False, False, False, True]
    assert len(deliveries) == 1
    assert [m.to for m in mail.outbox] == [["alice@example.com"]]
