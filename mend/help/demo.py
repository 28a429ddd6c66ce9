"""Demo situation data: dana lives nine hours from her partner, so she has the next visit on her
calendar and a few private reflections on what keeps going wrong. Idempotent.

Alice and bob live together and are not apart, so nothing here fits them: they have no rows.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from . import services
from .forms import REFLECTION_PROMPTS
from .models import BreakupReflection, SituationSettings
from .selectors import local_today

NEXT_VISIT_IN_DAYS = 19
DANA_REFLECTIONS = (
    (
        12,
        REFLECTION_PROMPTS[1],
        "That I need a proper call at least twice a week, not just messages between meetings. "
        "I hint at it and then act as if I don't mind when it doesn't happen.",
    ),
    (
        6,
        REFLECTION_PROMPTS[2],
        "Plans that fall through. He cancels because of work, I go quiet for a day, and then we "
        "both pretend it was fine. Neither of us says what it costs.",
    ),
    (
        2,
        "",
        "Counted it up: we have seen each other four times this year. I want us to talk about when "
        "the distance ends, not only about the next flight.",
    ),
)


def seed(*, users: Any, couple: Any, now: datetime) -> None:
    dana = users.dana
    if not SituationSettings.objects.filter(user=dana).exists():
        today = local_today(dana, now)
        services.next_visit_set(
            user=dana,
            day=today + timedelta(days=NEXT_VISIT_IN_DAYS),
            today=today,
            now=now - timedelta(days=8),
        )
    if not BreakupReflection.objects.owned_by(dana).exists():
        for days_ago, prompt, text in DANA_REFLECTIONS:
            services.reflection_add(user=dana, prompt=prompt, text=text, now=now - timedelta(days=days_ago))
