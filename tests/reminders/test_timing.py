"""Reminder times in each person's zone, pinned around the 2026 daylight-saving switches.

EU: clocks go forward on Sunday 29 March and back on Sunday 25 October 2026.
US: forward on Sunday 8 March and back on Sunday 1 November 2026.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest

from mend.reminders.timing import (
    GRACE,
    DueItem,
    QuietHours,
    WeeklySlot,
    after_quiet_hours,
    at_local,
    checkin_occurrences,
    checkin_reminders,
    checkup_reminder,
    daily_reminders,
    is_due,
    promise_reminder,
    shifted,
)


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


def slot(
    weekday: int = 6, wall: time = time(20, 0), tz: str = "Europe/London", ref: str = "schedule:1"
) -> WeeklySlot:
    return WeeklySlot(ref=ref, weekday=weekday, wall=wall, time_zone=tz, partner_related=True)


def test_weekly_checkin_keeps_local_time_across_eu_spring_switch() -> None:
    moments = checkin_occurrences(slot(), utc(2026, 3, 20), utc(2026, 4, 6))
    assert moments == [utc(2026, 3, 22, 20), utc(2026, 3, 29, 19), utc(2026, 4, 5, 19)]


def test_weekly_checkin_keeps_local_time_across_eu_autumn_switch() -> None:
    moments = checkin_occurrences(slot(tz="Europe/Berlin"), utc(2026, 10, 17), utc(2026, 11, 2))
    # 20:00 in Berlin is 18:00 UTC in summer time and 19:00 UTC from 25 October
    assert moments == [utc(2026, 10, 18, 18), utc(2026, 10, 25, 19), utc(2026, 11, 1, 19)]


def test_weekly_checkin_across_us_switches() -> None:
    spring = checkin_occurrences(slot(tz="America/New_York"), utc(2026, 3, 1), utc(2026, 3, 10))
    # Sunday 20:00 New York: 01:00 UTC under EST, midnight UTC once EDT starts on 8 March
    assert spring == [utc(2026, 3, 2, 1), utc(2026, 3, 9, 0)]
    autumn = checkin_occurrences(slot(tz="America/New_York"), utc(2026, 10, 30), utc(2026, 11, 3))
    assert autumn == [utc(2026, 11, 2, 1)]  # Sunday 1 Nov 20:00 EST = Monday 01:00 UTC


def test_reminder_text_is_in_the_readers_zone_between_the_us_and_eu_switches() -> None:
    # bob set Sundays 15:00 New York; alice reads it in London. Between 8 and 29 March the gap is
    # four hours, not five.
    new_york = slot(wall=time(15, 0), tz="America/New_York")
    before = checkin_reminders(new_york, tz="Europe/London", start=utc(2026, 3, 1), end=utc(2026, 3, 2))
    between = checkin_reminders(new_york, tz="Europe/London", start=utc(2026, 3, 15), end=utc(2026, 3, 16))
    after = checkin_reminders(new_york, tz="Europe/London", start=utc(2026, 3, 29), end=utc(2026, 3, 30))
    assert [r.text for r in before] == ["Your weekly check-in is tonight at 20:00."]
    assert [r.text for r in between] == ["Your weekly check-in is tonight at 19:00."]
    assert [r.text for r in after] == ["Your weekly check-in is tonight at 20:00."]
    assert between[0].send_at == utc(2026, 3, 15, 16)  # three hours before 19:00 UTC


def test_checkin_reminder_on_the_eu_switch_day_is_three_real_hours_before() -> None:
    [reminder] = checkin_reminders(slot(), tz="Europe/London", start=utc(2026, 3, 29), end=utc(2026, 3, 30))
    assert reminder.event_at == utc(2026, 3, 29, 19)
    assert reminder.send_at == utc(2026, 3, 29, 16)
    assert reminder.occurrence == date(2026, 3, 29)
    assert reminder.text == "Your weekly check-in is tonight at 20:00."


def test_daily_idea_stays_at_local_time_across_the_us_spring_switch() -> None:
    reminders = daily_reminders(
        wall=time(9, 0), tz="America/Chicago", start=utc(2026, 3, 7), end=utc(2026, 3, 10), ref="daily"
    )
    assert [r.send_at for r in reminders] == [utc(2026, 3, 7, 15), utc(2026, 3, 8, 14), utc(2026, 3, 9, 14)]
    assert [r.occurrence for r in reminders] == [date(2026, 3, 7), date(2026, 3, 8), date(2026, 3, 9)]


def test_a_wall_time_in_the_spring_gap_moves_forward() -> None:
    assert at_local(date(2026, 3, 29), time(1, 30), "Europe/London") == utc(2026, 3, 29, 1, 30)
    assert at_local(date(2026, 3, 8), time(2, 30), "America/New_York") == utc(2026, 3, 8, 7, 30)


def test_quiet_hours_past_midnight_shift_to_their_end_in_local_time() -> None:
    quiet = QuietHours(time(22, 0), time(7, 0))
    # 23:30 London on 24 Oct (BST) -> 07:00 on 25 Oct, which is GMT again
    moved = after_quiet_hours(utc(2026, 10, 24, 22, 30), quiet, "Europe/London")
    assert moved == utc(2026, 10, 25, 7)
    # 05:00 local on the US fall-back day -> 07:00 EST
    moved = after_quiet_hours(utc(2026, 11, 1, 10), quiet, "America/New_York")
    assert moved == utc(2026, 11, 1, 12)
    # outside quiet hours nothing moves
    assert after_quiet_hours(utc(2026, 11, 1, 15), quiet, "America/New_York") == utc(2026, 11, 1, 15)


def test_quiet_hours_within_one_day() -> None:
    quiet = QuietHours(time(13, 0), time(14, 0))
    assert after_quiet_hours(utc(2026, 6, 1, 12, 30), quiet, "Europe/London") == utc(2026, 6, 1, 13)
    assert not QuietHours(None, None).active
    assert not QuietHours(time(8, 0), time(8, 0)).contains(time(8, 0))


def test_shift_that_would_miss_the_event_goes_before_quiet_hours_instead() -> None:
    # check-in at 08:00 London: the 05:00 reminder is inside 22:00-07:30 quiet hours and moving it
    # to 07:30 is still fine; with quiet hours until 09:00 it goes out at 21:45 the evening before.
    early = slot(weekday=0, wall=time(8, 0))
    [reminder] = checkin_reminders(early, tz="Europe/London", start=utc(2026, 6, 1), end=utc(2026, 6, 2))
    assert shifted(reminder, QuietHours(time(22, 0), time(7, 30)), "Europe/London").send_at == utc(
        2026, 6, 1, 6, 30
    )
    late = shifted(reminder, QuietHours(time(22, 0), time(9, 0)), "Europe/London")
    assert late.send_at == utc(2026, 5, 31, 20, 45)


def test_promise_reminder_a_day_before_and_never_before_it_was_made() -> None:
    item = DueItem(ref="promise:4", at=utc(2026, 10, 25, 18), partner_related=True)
    reminder = promise_reminder(item, tz="Europe/Paris")
    assert reminder.send_at == utc(2026, 10, 24, 18)
    assert reminder.text == "Something you planned is due tomorrow at 19:00."
    late = promise_reminder(item, tz="Europe/Paris", created_at=utc(2026, 10, 25, 9))
    assert late.send_at == utc(2026, 10, 25, 9)
    assert late.text == "Something you planned is due tonight at 19:00."


def test_checkup_four_weeks_later_at_ten_local_across_the_eu_switch() -> None:
    reminder = checkup_reminder(utc(2026, 3, 10, 21, 0), ref="checkup:1", tz="Europe/London")
    assert reminder.occurrence == date(2026, 4, 7)
    assert reminder.send_at == utc(2026, 4, 7, 9)  # 10:00 BST
    assert not reminder.partner_related


@pytest.mark.parametrize(
    ("now", "due"),
    [
        (utc(2026, 3, 29, 15, 59), False),  # too early
        (utc(2026, 3, 29, 16, 0), True),
        (utc(2026, 3, 29, 18, 59), True),
        (utc(2026, 3, 29, 19, 0), False),  # the check-in has started
    ],
)
def test_is_due_window(now: datetime, due: bool) -> None:
    [reminder] = checkin_reminders(slot(), tz="Europe/London", start=utc(2026, 3, 29), end=utc(2026, 3, 30))
    assert is_due(reminder, now) is due


def test_stale_reminders_without_an_event_are_dropped_after_the_grace_period() -> None:
    [reminder] = daily_reminders(
        wall=time(9, 0), tz="UTC", start=utc(2026, 5, 1), end=utc(2026, 5, 2), ref="daily"
    )
    assert is_due(reminder, utc(2026, 5, 1, 9) + GRACE)
    assert not is_due(reminder, utc(2026, 5, 1, 9) + GRACE + timedelta(seconds=1))
