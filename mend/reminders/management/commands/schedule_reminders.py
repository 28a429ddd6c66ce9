"""`mend schedule_reminders`: enqueue (or run) the reminder send. Cron-friendly and idempotent.

Run it every five minutes, e.g. `*/5 * * * * cd /srv/mend && .venv/bin/mend schedule_reminders`.
With the database task backend a worker (`mend db_worker`) picks the task up; with `--now-run`
(or the immediate backend) it runs in this process. Running it twice sends nothing twice.
"""

from __future__ import annotations

from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from mend.reminders.tasks import parse_now, send_due_reminders


class Command(BaseCommand):
    help = "Send reminders that are due now (enqueued for the worker, or right here with --now-run)."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--at", default="", help="Pretend it is this ISO moment (testing, catching up).")
        parser.add_argument(
            "--now-run", action="store_true", help="Run in this process instead of enqueueing."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            now = parse_now(options["at"]) if options["at"] else timezone.now()
        except ValueError as error:
            raise CommandError("--at must be an ISO date and time, e.g. 2026-11-24T18:00:00+00:00") from error
        now_iso = now.isoformat()
        if options["now_run"]:
            outcome = send_due_reminders.call(now_iso)
            self.stdout.write(f"Reminders at {now_iso}: {outcome}")
            return
        result = send_due_reminders.enqueue(now_iso)
        self.stdout.write(f"Queued reminder run for {now_iso} (task {result.id}, {result.status}).")
