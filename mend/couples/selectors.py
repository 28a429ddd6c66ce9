"""Reads about couples, always from the point of view of one user."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from .models import Couple, Membership

if TYPE_CHECKING:
    from mend.accounts.models import User


@dataclass(frozen=True)
class CoupleState:
    """What a page needs to know: solo, waiting for a partner, or linked."""

    couple: Couple | None
    partner: User | None

    @property
    def is_solo(self) -> bool:
        return self.partner is None

    @property
    def is_linked(self) -> bool:
        return self.partner is not None

    @property
    def is_waiting(self) -> bool:
        return self.couple is not None and self.partner is None


def couple_state(user: User) -> CoupleState:
    """One query: the user's active couple and, if linked, the partner."""
    memberships = list(
        Membership.objects.active()
        .filter(couple__in=Membership.objects.active().filter(user=user).values("couple_id"))
        .select_related("couple", "user")
    )
    couple = memberships[0].couple if memberships else None
    partner = next((m.user for m in memberships if m.user_id != user.pk), None)
    return CoupleState(couple=couple, partner=partner)


def active_couple(user: User) -> Couple | None:
    return couple_state(user).couple
