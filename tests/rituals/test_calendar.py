"""Weeks, time zones and the forgiving streak: pure date rules."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from mend.rituals.calendar import slot_for_zone, slot_in_week, streak, week_start

MON = date(2026, 11, 23)


def weeks_before(n: int) -> date:
    return MON - timedelta(weeks=n)


class TestWeeks:
    def test_week_starts_on_monday_in_the_given_zone(self):
        # Sunday 23:30 in London is already Monday in Sydney.
        moment = datetime(2026, 11, 22, 23, 30, tzinfo=UTC)
        assert week_start(moment, "Europe/London") == date(2026, 11, 16)
        assert week_start(moment, "Australia/Sydney") == date(2026, 11, 23)

    def test_unknown_zone_falls_back_to_utc(self):
        moment = datetime(2026, 11, 24, 12, tzinfo=UTC)
        assert week_start(moment, "Not/AZone") == MON


class TestSlots:
    def test_slot_converted_for_each_partner(self):
        near = datetime(2026, 11, 24, 12, tzinfo=UTC)
        kwargs = {"weekday": 6, "local_time": time(19, 0), "time_zone": "Europe/London", "near": near}
        london = slot_for_zone(viewer_zone="Europe/London", **kwargs)
        new_york = slot_for_zone(viewer_zone="America/New_York", **kwargs)
        sydney = slot_for_zone(viewer_zone="Australia/Sydney", **kwargs)
        assert (london.weekday_name, london.time) == ("Sunday", time(19, 0))
        assert (new_york.weekday_name, new_york.time) == ("Sunday", time(14, 0))
        assert (sydney.weekday_name, sydney.time) == ("Monday", time(6, 0))  # next morning there

    def test_daylight_saving_is_taken_from_the_actual_week(self):
        summer = datetime(2026, 7, 1, 12, tzinfo=UTC)
        slot = slot_for_zone(
            weekday=0,
            local_time=time(20, 0),
            time_zone="Europe/London",
            viewer_zone="UTC",
            near=summer,
        )
        assert slot.time == time(19, 0)  # BST is UTC+1

    def test_slot_in_week_is_aware(self):
        moment = slot_in_week(MON, weekday=2, local_time=time(8, 30), time_zone="America/New_York")
        assert moment.astimezone(UTC) == datetime(2026, 11, 25, 13, 30, tzinfo=UTC)


class TestStreak:
    def test_nothing_done(self):
        result = streak(set(), current=MON)
        assert result.weeks == 0 and not result.alive

    def test_consecutive_weeks_including_this_one(self):
        result = streak({MON, weeks_before(1), weeks_before(2)}, current=MON)
        assert result.weeks == 3 and result.forgiven == ()

    def test_open_current_week_does_not_break_it(self):
        result = streak({weeks_before(1), weeks_before(2)}, current=MON)
        assert result.weeks == 2 and result.alive

    def test_one_missed_week_is_forgiven(self):
        done = {MON, weeks_before(1), weeks_before(3), weeks_before(4)}
        result = streak(done, current=MON)
        assert result.weeks == 4
        assert result.forgiven == (weeks_before(2),)

    def test_two_missed_weeks_in_a_row_end_it(self):
        done = {MON, weeks_before(3), weeks_before(4)}
        result = streak(done, current=MON)
        assert result.weeks == 1 and result.forgiven == ()

    def test_each_single_gap_is_forgiven(self):
        done = {MON, weeks_before(2), weeks_before(4)}
        result = streak(done, current=MON)
        assert result.weeks == 3 and len(result.forgiven) == 2

    def test_last_week_missed_and_this_week_open_still_alive(self):
        result = streak({weeks_before(2), weeks_before(3)}, current=MON)
        assert result.alive and result.weeks == 2 and result.forgiven == (weeks_before(1),)

    def test_two_weeks_missed_before_the_open_week_is_over(self):
        result = streak({weeks_before(3), weeks_before(4)}, current=MON)
        assert not result.alive and result.weeks == 0
