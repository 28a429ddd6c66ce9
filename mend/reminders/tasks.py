"""Background tasks (django-tasks). A worker runs them: `mend db_worker` with the database backend.

`send_due_reminders` is idempotent: the send ledger makes a second run (or a second worker) a
no-op for anything already sent, so cron may enqueue it as often as it likes.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime

from django_tasks import task

logger = logging.getLogger(__name__)


def parse_now(now_iso: str) -> datetime:
    moment = datetime.fromisoformat(now_iso)
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


@task()
def send_due_reminders(now_iso: str) -> dict[str, int]:
    """Send what is due at `now_iso` and retry failures whose backoff has passed.

    Never raises: a failure is recorded in the ledger (or logged), so the worker keeps running.
    """
    from .services import SendReport, reminders_send_due

    try:
        report = reminders_send_due(now=parse_now(now_iso))
    except Exception:
        logger.exception("send_due_reminders failed as a whole; the next run picks up where it stopped")
        report = SendReport(failed=1)
    return report.as_dict()
