"""Demo check-ups: alice twice four weeks apart, bob once, both sharing bands; dana alone.

Idempotent: a person who already has a check-up gets nothing new.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime, timedelta
from typing import Any

from mend.engine.checkup import bank_ids, load_bank

from .models import CheckupAttempt
from .selectors import shareable_scale_keys
from .services import attempt_complete, attempt_save_bank, share_save

# Each bank's scales, in the order the level tuples below list them.
SCALES = {
    "warning_signs": ("arguments", "distance", "appreciation", "defensiveness", "avoidance"),
    "conflict": ("criticism", "contempt", "defensiveness", "stonewalling", "flooding", "repair"),
    "attachment": ("anxiety", "avoidance"),
    "relationship": ("satisfaction", "trust", "commitment"),
}


def levels(**banks: tuple[float, ...]) -> dict[str, dict[str, float]]:
    """How strongly each scale is felt, 0 (not at all) to 1 (fully), before reverse keying."""
    return {bank: dict(zip(SCALES[bank], values, strict=True)) for bank, values in banks.items()}


ALICE_BEFORE = levels(
    warning_signs=(0.75, 0.7, 0.6, 0.6, 0.8),
    conflict=(0.6, 0.3, 0.65, 0.5, 0.7, 0.3),
    attachment=(0.7, 0.35),
    relationship=(0.35, 0.55, 0.85),
)
ALICE_NOW = levels(
    warning_signs=(0.45, 0.45, 0.35, 0.4, 0.5),
    conflict=(0.4, 0.15, 0.45, 0.3, 0.45, 0.6),
    attachment=(0.6, 0.3),
    relationship=(0.55, 0.65, 0.9),
)
BOB = levels(
    warning_signs=(0.55, 0.6, 0.5, 0.7, 0.55),
    conflict=(0.45, 0.2, 0.7, 0.7, 0.6, 0.4),
    attachment=(0.3, 0.7),
    relationship=(0.45, 0.7, 0.75),
)
DANA = levels(
    warning_signs=(0.3, 0.75, 0.7, 0.4, 0.7),
    conflict=(0.3, 0.1, 0.35, 0.45, 0.3, 0.35),
    attachment=(0.55, 0.45),
    relationship=(0.3, 0.5, 0.7),
)
TOGETHER = {"st_living": "together", "st_broken_up": "no", "st_partner": "aware_willing"}


def answers_at(
    levels: Mapping[str, Mapping[str, float]],
    *,
    situation: Mapping[str, object] | None = None,
    extra: Mapping[str, Mapping[str, object]] | None = None,
) -> dict[str, dict[str, object]]:
    """Answers for every section where each scale's items sit at the given level (0–1)."""
    out: dict[str, dict[str, object]] = {b: {} for b in bank_ids()}
    for bank_id, scales in levels.items():
        bank = load_bank(bank_id)
        lo, hi = bank.scale_min, bank.scale_max
        for item in bank.items:
            if item.kind != "scale" or item.subscale not in scales:
                continue
            value = lo + round(scales[item.subscale] * (hi - lo))
            out[bank_id][item.id] = lo + hi - value if item.reverse else value
    out["situation"] = dict(situation or TOGETHER)
    for bank_id, answers in (extra or {}).items():
        out[bank_id].update(answers)
    return out


def take_checkup(*, user: Any, answers: Mapping[str, Mapping[str, object]], now: datetime) -> CheckupAttempt:
    """Save every section one by one and finish, the way a person would."""
    for bank_id in bank_ids():
        attempt_save_bank(user=user, bank_id=bank_id, answers=answers.get(bank_id, {}), now=now)
    return attempt_complete(user=user, now=now)


def _seed_person(
    user: Any,
    checkups: Sequence[tuple[int, Mapping[str, Mapping[str, object]]]],
    *,
    now: datetime,
    share: Mapping[str, Any] | None = None,
) -> None:
    """Take each (days ago, answers) check-up, oldest first, then share; nothing if any exists already."""
    if CheckupAttempt.objects.owned_by(user).exists():
        return
    for days_ago, answers in checkups:
        take_checkup(user=user, answers=answers, now=now - timedelta(days=days_ago))
    if share is not None:
        share_save(user=user, now=now - timedelta(days=checkups[-1][0]), **share)


def seed(*, users: Any, couple: Any, now: datetime) -> None:
    tp = {"tp_when": f"{(now - timedelta(days=300)):%Y-%m}", "tp_events": ["work_money", "stress"]}
    _seed_person(
        users.alice,
        [
            (30, answers_at(ALICE_BEFORE, extra={"turning_point": tp, "relationship": {"rl_wish": "calm"}})),
            (2, answers_at(ALICE_NOW, extra={"turning_point": tp, "relationship": {"rl_wish": "time"}})),
        ],
        now=now,
        share={"scales": shareable_scale_keys(), "items": ["rl_wish"]},
    )
    bob_extra: dict[str, Mapping[str, object]] = {
        "turning_point": {"tp_when": "unknown", "tp_events": ["work_money"]},
        "relationship": {"rl_wish": "understanding"},
    }
    _seed_person(
        users.bob, [(1, answers_at(BOB, extra=bob_extra))], now=now, share={"scales": shareable_scale_keys()}
    )
    dana_situation = {
        "st_living": "long_distance",
        "st_tz_hours": 9,
        "st_broken_up": "no",
        "st_partner": "unaware",
    }
    dana_extra: dict[str, Mapping[str, object]] = {
        "relationship": {"rl_wish": "time", "rl_broken_by": ["distance"]}
    }
    _seed_person(users.dana, [(5, answers_at(DANA, situation=dana_situation, extra=dana_extra))], now=now)
