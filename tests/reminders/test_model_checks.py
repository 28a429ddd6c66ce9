"""Django's system checks stay quiet whatever the time of day they run at."""

from __future__ import annotations

from datetime import UTC, datetime
from unittest import mock

import pytest
from django.core import checks


@pytest.mark.parametrize("clock", ["07:00:03", "09:00:00", "22:00:05", "13:37:00"])
def test_reminder_time_defaults_raise_no_check_warning_at_any_time(clock: str) -> None:
    # A fixed time default makes Django warn (fields.W161) when the check runs within seconds of it.
    hour, minute, second = map(int, clock.split(":"))
    now = datetime(2026, 11, 30, hour, minute, second, tzinfo=UTC)
    with mock.patch("django.utils.timezone.now", return_value=now):
        found = [m for m in checks.run_checks() if m.id == "fields.W161"]
    assert found == []
