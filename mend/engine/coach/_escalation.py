"""Escalation risk of a whole conversation: a small logistic model over per-message evidence.

Weights live in ``data/coach/escalation.json`` (trained by ``eval/train_coach.py --escalation``
on the Conversations Gone Awry dev split).
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from functools import cache

from ._data import json_file
from ._features import dense_features, tokens
from ._types import HARMFUL_KINDS, HELPFUL_KINDS, Analysis

FEATURES = (
    "host_max",
    "host_mean",
    "host_last",
    "host_last2",
    "harm_frac",
    "harm_last",
    "help_frac",
    "you_mean",
    "you_last",
    "ask_mean",
    "ask_last",
    "neg_mean",
    "neg_last",
    "pos_mean",
    "turns",
    "len_mean",
    "len_last",
    "you_start_frac",
    "you_start_last",
    "direct_q_frac",
    "direct_q_last",
    "hedge_mean",
    "hedge_last",
    "certain_mean",
    "certain_last",
    "polite_mean",
    "polite_last",
    "neg_words_mean",
    "neg_words_last",
)

_YOU_START = re.compile(r"^\W*(?:you|your|you're|u)\b", re.IGNORECASE)
_DIRECT_Q = re.compile(
    r"(?:^|[.!?]\s+)(?:why|what|how|who|where|do\s+you|did\s+you|are\s+you|have\s+you|can\s+you)\b[^.!?]{0,200}\?",
    re.IGNORECASE,
)
_HEDGE = re.compile(
    r"\b(?:i\s+think|i\s+believe|i\s+guess|perhaps|maybe|might|possibly|seems?|probably|"
    r"i\s+suppose|in\s+my\s+opinion|i\s+feel|suggest)\b",
    re.IGNORECASE,
)
_CERTAIN = re.compile(
    r"\b(?:actually|in\s+fact|obviously|clearly|of\s+course|really|simply|just|"
    r"certainly|definitely|absolutely|nonsense|ridiculous|stop|again|never|always)\b",
    re.IGNORECASE,
)
_POLITE = re.compile(
    r"\b(?:thanks?|thank\s+you|please|appreciate|hi|hello|sorry|welcome|great|good\s+point|"
    r"agree|fair)\b",
    re.IGNORECASE,
)
_NEG_WORDS = re.compile(
    r"\b(?:not|no|don't|doesn't|isn't|aren't|wasn't|can't|won't|wrong|bad|vandal\w*|"
    r"revert\w*|remove\w*|delete\w*|bias\w*|pov|censor\w*|lie\w*|attack\w*|block\w*|ban\w*)\b",
    re.IGNORECASE,
)


def _rate(regex: re.Pattern[str], text: str) -> float:
    hits = len(regex.findall(text))
    return min(hits, 5) / 5.0


def conversation_features(analyses: Sequence[Analysis]) -> dict[str, float]:
    if not analyses:
        return dict.fromkeys(FEATURES, 0.0)
    host = [a.scores["hostility"] for a in analyses]
    dense = [dense_features(a.text, tokens(a.text)) for a in analyses]
    harm = [len({f.kind for f in a.findings if f.kind in HARMFUL_KINDS}) for a in analyses]
    helpful = [any(f.kind in HELPFUL_KINDS for f in a.findings) for a in analyses]
    n = len(analyses)
    texts = [a.text for a in analyses]

    def mean(values: Sequence[float]) -> float:
        return sum(values) / len(values)

    return {
        "host_max": max(host),
        "host_mean": mean(host),
        "host_last": host[-1],
        "host_last2": mean(host[-2:]),
        "harm_frac": mean([1.0 if h else 0.0 for h in harm]),
        "harm_last": min(harm[-1], 3) / 3.0,
        "help_frac": mean([1.0 if h else 0.0 for h in helpful]),
        "you_mean": mean([d["d:you"] for d in dense]),
        "you_last": dense[-1]["d:you"],
        "ask_mean": mean([d["d:ask"] for d in dense]),
        "ask_last": dense[-1]["d:ask"],
        "neg_mean": mean([d["d:neg"] for d in dense]),
        "neg_last": dense[-1]["d:neg"],
        "pos_mean": mean([d["d:pos"] for d in dense]),
        "turns": math.log1p(n) / 3.0,
        "len_mean": mean([d["d:len"] for d in dense]),
        "len_last": dense[-1]["d:len"],
        "you_start_frac": mean([1.0 if _YOU_START.search(t) else 0.0 for t in texts]),
        "you_start_last": 1.0 if _YOU_START.search(texts[-1]) else 0.0,
        "direct_q_frac": mean([1.0 if _DIRECT_Q.search(t) else 0.0 for t in texts]),
        "direct_q_last": 1.0 if _DIRECT_Q.search(texts[-1]) else 0.0,
        "hedge_mean": mean([_rate(_HEDGE, t) for t in texts]),
        "hedge_last": _rate(_HEDGE, texts[-1]),
        "certain_mean": mean([_rate(_CERTAIN, t) for t in texts]),
        "certain_last": _rate(_CERTAIN, texts[-1]),
        "polite_mean": mean([_rate(_POLITE, t) for t in texts]),
        "polite_last": _rate(_POLITE, texts[-1]),
        "neg_words_mean": mean([_rate(_NEG_WORDS, t) for t in texts]),
        "neg_words_last": _rate(_NEG_WORDS, texts[-1]),
    }


@cache
def _weights() -> tuple[dict[str, float], float, tuple[float, float]]:
    raw = json_file("escalation.json")
    if raw is None:
        defaults = {"host_max": 2.0, "host_last": 1.5, "harm_frac": 1.0, "you_mean": 1.0}
        return defaults, -2.0, (1.0, 0.0)
    return (
        {k: float(v) for k, v in raw["weights"].items()},
        float(raw["bias"]),
        (float(raw["calibration"][0]), float(raw["calibration"][1])),
    )


def risk_margin(features: dict[str, float]) -> float:
    weights, bias, _ = _weights()
    return bias + sum(weights.get(k, 0.0) * v for k, v in features.items())


def risk(features: dict[str, float]) -> float:
    _, _, (a, b) = _weights()
    z = a * risk_margin(features) + b
    if z >= 0:
        return 1.0 / (1.0 + math.exp(-z))
    e = math.exp(z)
    return e / (1.0 + e)
