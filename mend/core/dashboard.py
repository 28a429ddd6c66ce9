"""The dashboard's cards: each app may offer one through `<app>.dashboard.card(...)`.

Apps are looked up by module name so a new tool adds its card without touching this file's logic.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from mend.accounts.models import User
    from mend.couples.selectors import CoupleState

CARD_MODULES = (
    "mend.safety.dashboard",
    "mend.checkup.dashboard",
    "mend.rituals.dashboard",
    "mend.trust.dashboard",
    "mend.space.dashboard",
    "mend.journal.dashboard",
)


@dataclass(frozen=True)
class Card:
    title: str
    text: str
    url: str
    action: str
    priority: int = 50  # lower shows first
    tone: str = "normal"  # normal | attention | calm


class CardProvider(Protocol):
    def __call__(self, *, user: User, state: CoupleState, now: datetime) -> Card | list[Card] | None: ...


def dashboard_cards(*, user: User, state: CoupleState, now: datetime) -> list[Card]:
    cards: list[Card] = []
    for name in CARD_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as error:
            if error.name == name:
                continue
            raise
        provider: CardProvider = module.card
        result = provider(user=user, state=state, now=now)
        if isinstance(result, Card):
            cards.append(result)
        elif result:
            cards.extend(result)
    return sorted(cards, key=lambda card: card.priority)
