"""Demo check-ups: alice twice four weeks apart, bob once, both sharing bands; dana alone.

Idempotent: a person who already has a check-up gets nothing new.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timedelta
from typing import Any

from mend.engine.checkup import bank_ids, load_bank

from .models import CheckupAttempt
from .selectors import shareable_scale_keys
from .services import attempt_complete, attempt_save_bank, share_save

# How strongly each scale is felt, 0 (not at all) to 1 (fully), before reverse keying.
ALICE_BEFORE = {
    "warning_signs": {
        "arguments": 0.75,
        "distance": 0.7,
        "appreciation": 0.6,
        "defensiveness": 0.6,
        "avoidance": 0.8,
    },
    "conflict": {
        "criticism": 0.6,
        "contempt": 0.3,
        "defensiveness": 0.65,
        "stonewalling": 0.5,
        "flooding": 0.7,
        "repair": 0.3,
    },
    "attachment": {"anxiety": 0.7, "avoidance": 0.35},
    "relationship": {"satisfaction": 0.35, "trust": 0.55, "commitment": 0.85},
}
ALICE_NOW = {
    "warning_signs": {
        "arguments": 0.45,
        "distance": 0.45,
        "appreciation": 0.35,
        "defensiveness": 0.4,
        "avoidance": 0.5,
    },
    "conflict": {
        "criticism": 0.4,
        "contempt": 0.15,
        "defensiveness": 0.45,
        "stonewalling": 0.3,
        "flooding": 0.45,
        "repair": 0.6,
    },
    "attachment": {"anxiety": 0.6, "avoidance": 0.3},
    "relationship": {"satisfaction": 0.55, "trust": 0.65, "commitment": 0.9},
}
BOB = {
    "warning_signs": {
        "arguments": 0.55,
        "distance": 0.6,
        "appreciation": 0.5,
        "defensiveness": 0.7,
        "avoidance": 0.55,
    },
    "conflict": {
        "criticism": 0.45,
        "contempt": 0.2,
        "defensiveness": 0.7,
        "stonewalling": 0.7,
        "flooding": 0.6,
        "repair": 0.4,
    },
    "attachment": {"anxiety": 0.3, "avoidance": 0.7},
    "relationship": {"satisfaction": 0.45, "trust": 0.7, "commitment": 0.75},
}
DANA = {
    "warning_signs": {
        "arguments": 0.3,
        "distance": 0.75,
        "appreciation": 0.7,
        "defensiveness": 0.4,
        "avoidance": 0.7,
    },
    "conflict": {
        "criticism": 0.3,
        "contempt": 0.1,
        "defensiveness": 0.35,
        "stonewalling": 0.45,
        "flooding": 0.3,
        "repair": 0.35,
    },
    "attachment": {"anxiety": 0.55, "avoidance": 0.45},
    "relationship": {"satisfaction": 0.3, "trust": 0.5, "commitment": 0.7},
}
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


def seed(*, users: Any, couple: Any, now: datetime) -> None:
    alice, bob, dana = users.alice, users.bob, users.dana
    if not CheckupAttempt.objects.owned_by(alice).exists():
        tp = {"tp_when": f"{(now - timedelta(days=300)):%Y-%m}", "tp_events": ["work_money", "stress"]}
        take_checkup(
            user=alice,
            answers=answers_at(
                ALICE_BEFORE, extra={"turning_point": tp, "relationship": {"rl_wish": "calm"}}
            ),
            now=now - timedelta(days=30),
        )
        take_checkup(
            user=alice,
            answers=answers_at(ALICE_NOW, extra={"turning_point": tp, "relationship": {"rl_wish": "time"}}),
            now=now - timedelta(days=2),
        )
        share_save(user=alice, scales=shareable_scale_keys(), items=["rl_wish"], now=now - timedelta(days=2))
    if not CheckupAttempt.objects.owned_by(bob).exists():
        take_checkup(
            user=bob,
            answers=answers_at(
                BOB,
                extra={
                    "turning_point": {"tp_when": "unknown", "tp_events": ["work_money"]},
                    "relationship": {"rl_wish": "understanding"},
                },
            ),
            now=now - timedelta(days=1),
        )
        share_save(user=bob, scales=shareable_scale_keys(), now=now - timedelta(days=1))
    if not CheckupAttempt.objects.owned_by(dana).exists():
        take_checkup(
            user=dana,
            answers=answers_at(
                DANA,
                situation={
                    "st_living": "long_distance",
                    "st_tz_hours": 9,
                    "st_broken_up": "no",
                    "st_partner": "unaware",
                },
                extra={"relationship": {"rl_wish": "time", "rl_broken_by": ["distance"]}},
            ),
            now=now - timedelta(days=5),
        )
