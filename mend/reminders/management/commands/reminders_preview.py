"""`mend reminders_preview`: print a day's reminders for some people (generic wording only).

    mend reminders_preview --day 2026-11-25 alice@example.com bob@example.com
    mend reminders_preview --ics alice@example.com   # the calendar feed, checked by icalendar

Nothing is sent and nothing is written.
"""

from __future__ import annotations

from argparse import ArgumentParser
from datetime import date, datetime, timedelta
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from icalendar import Calendar

from mend.accounts.models import User
from mend.reminders.feed import calendar_ics
from mend.reminders.selectors import reminders_between
from mend.reminders.timing import at_local, local


class Command(BaseCommand):
    help = "Print one local day's reminders for the given people, or one person's calendar feed."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("emails", nargs="*", help="People to show (default: every active person).")
        parser.add_argument("--day", default="", help="Local day, YYYY-MM-DD (default: today).")
        parser.add_argument("--ics", default="", help="Print this person's calendar feed instead.")

    def handle(self, *args: Any, **options: Any) -> None:
        now = timezone.now()
        if options["ics"]:
            user = User.objects.filter(email=options["ics"]).first()
            if user is None:
                raise CommandError("No such person.")
            body = calendar_ics(user, now)
            parsed = Calendar.from_ical(body)
            self.stdout.write(body.decode())
            self.stdout.write(f"-- parsed by icalendar: {len(list(parsed.walk('VEVENT')))} event(s)")
            return
        try:
            day = date.fromisoformat(options["day"]) if options["day"] else None
        except ValueError as error:
            raise CommandError("--day must look like 2026-11-25") from error
        people = User.objects.filter(is_active=True).order_by("pk")
        if options["emails"]:
            people = people.filter(email__in=options["emails"])
        for user in people:
            tz = user.time_zone or "UTC"
            the_day = day or local(now, tz).date()
            start = at_local(the_day, datetime.min.time(), tz)
            end = at_local(the_day + timedelta(days=1), datetime.min.time(), tz)
            self.stdout.write(f"{user.display_name} ({tz}), {the_day:%A %d %B %Y}:")
            found = reminders_between(user, start, end)
            for reminder in found:
                self.stdout.write(
                    f"  {local(reminder.send_at, tz):%H:%M}  {reminder.subject}: {reminder.text}"
                )
            if not found:
                self.stdout.write("  (nothing)")
