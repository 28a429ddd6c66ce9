"""Settings reminders need, to be wired into config/settings.py (which this app may not edit):

    from mend.reminders.settings_snippet import INSTALLED_APPS_EXTRA, TASKS
    INSTALLED_APPS += INSTALLED_APPS_EXTRA
    TASKS = TASKS

Without them the backport falls back to its immediate backend: `mend schedule_reminders` then
sends in its own process, which is fine for cron on one machine. With them, tasks are stored in
the database and a worker (`mend db_worker`) runs them; `MEND_TASKS_BACKEND=immediate` switches
back to in-process without a code change.
"""

from __future__ import annotations

import os

INSTALLED_APPS_EXTRA = ["django_tasks", "django_tasks_db"]

_BACKENDS = {
    "database": "django_tasks_db.DatabaseBackend",
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
}

TASKS = {
    "default": {
        "BACKEND": _BACKENDS.get(os.environ.get("MEND_TASKS_BACKEND", "database"), _BACKENDS["database"]),
        "QUEUES": ["default"],
    }
}
