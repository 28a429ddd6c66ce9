"""The demo couple: alice and bob (linked), charlie (an outsider) and dana (solo).

Idempotent: running it twice changes nothing. Each app may add history through
`mend.<app>.demo.seed(users=..., couple=..., now=...)`, which must be idempotent too.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import transaction

from mend.accounts.models import User
from mend.couples.models import Couple, Membership

DEMO_PASSWORD = "mend-demo-2026"  # noqa: S105 - published demo login, development only
DEMO_PEOPLE = (
    ("alice", "Alice", "Europe/London", "GB"),
    ("bob", "Bob", "Europe/London", "GB"),
    ("charlie", "Charlie", "America/New_York", "US"),
    ("dana", "Dana", "Australia/Sydney", "AU"),
)
SEED_MODULES = (
    "mend.checkup.demo",
    "mend.rituals.demo",
    "mend.trust.demo",
    "mend.space.demo",
    "mend.journal.demo",
    "mend.safety.demo",
    "mend.reminders.demo",
    "mend.help.demo",
)


@dataclass(frozen=True)
class DemoUsers:
    alice: User
    bob: User
    charlie: User
    dana: User


def demo_email(name: str) -> str:
    return f"{name}@example.com"


@transaction.atomic
def seed_demo(*, now: datetime) -> DemoUsers:
    users: dict[str, User] = {}
    for name, display, tz, country in DEMO_PEOPLE:
        user = User.objects.filter(email=demo_email(name)).first()
        if user is None:
            user = User.objects.create_user(
                email=demo_email(name),
                password=DEMO_PASSWORD,
                display_name=display,
                time_zone=tz,
                country=country,
                date_joined=now - timedelta(weeks=6),
            )
        users[name] = user
    demo = DemoUsers(**users)
    couple = _link(demo.alice, demo.bob, since=now - timedelta(weeks=6))
    for module_name in SEED_MODULES:
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as error:
            if error.name == module_name:
                continue
            raise
        module.seed(users=demo, couple=couple, now=now)
    return demo


def _link(first: User, second: User, *, since: datetime) -> Couple:
    mine = Membership.objects.active().filter(user=first).select_related("couple").first()
    if mine is not None:
        return mine.couple
    couple = Couple.objects.create(created_by=first, created_at=since)
    Membership.objects.create(couple=couple, user=first, joined_at=since)
    Membership.objects.create(couple=couple, user=second, joined_at=since + timedelta(hours=2))
    return couple
