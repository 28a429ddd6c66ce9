"""Demo journal entries: a few private pages each for alice, bob and dana. Idempotent."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from .models import JournalEntry
from .services import entry_create

ENTRIES: dict[str, tuple[tuple[int, str, str, str], ...]] = {
    "alice": (
        (
            33,
            "After the dishes argument",
            "Think of our last bad fight. What was I feeling underneath the words I used?",
            "It was never about the dishes. I felt like the only adult in the house and said it in the "
            "sharpest way I could. Underneath I was tired and lonely.",
        ),
        (
            19,
            "Noticing the chase",
            "Do I tend to chase, to retreat, or a bit of both? What does that look like this week?",
            "When Bob goes quiet I send three messages in a row. I can see it now. Tonight I waited, "
            "and he came back on his own after twenty minutes.",
        ),
        (
            4,
            "Small things",
            "What did my partner do today, however small, that made my life easier?",
            "He warmed the car before I left. I almost didn't notice. I want to say thank you out loud.",
        ),
    ),
    "bob": (
        (
            30,
            "Why I walk out",
            "When we argue, what do I usually do in the first minute — get louder, go quiet, explain, leave?",
            "I leave the room because I can feel my voice rising. Alice reads it as not caring. Next time "
            "I'll say when I'm coming back.",
        ),
        (
            12,
            "",
            "",
            "The pause button helped on Sunday. Twenty minutes, a walk, and we actually finished the "
            "conversation.",
        ),
    ),
    "dana": (
        (
            14,
            "What I want",
            "What do I want for myself, separate from the relationship?",
            "More evenings that are mine. Painting again. Not checking my phone for his replies.",
        ),
        (
            3,
            "Halfway through the break",
            "",
            "Calmer than I expected. I miss the easy parts and not the arguing. Still not sure.",
        ),
    ),
}


def seed(*, users: Any, couple: Any, now: datetime) -> None:
    for name, entries in ENTRIES.items():
        user = getattr(users, name)
        if JournalEntry.objects.owned_by(user).exists():
            continue
        for days_ago, title, prompt, body in entries:
            entry_create(user=user, title=title, body=body, prompt=prompt, now=now - timedelta(days=days_ago))
