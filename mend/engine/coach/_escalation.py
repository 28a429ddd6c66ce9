"""Escalation risk of a whole conversation: a small logistic model over conversational cues.

Each message is read for cues that Zhang et al. (2018, *Conversations Gone Awry*) and
Danescu-Niculescu-Mizil et al. (2013, politeness strategies) tie to talks that turn personal:
gratitude, greetings, apologies, "please", hedges, factuality ("actually", "clearly"), second-person
openings and density, direct questions, sentences that start with "so"/"but", swearing, insults,
negation, talk of blocking or reverting, length. Per message the cues are summarised over the
conversation (mean, max, first, the one before last, last, mean of the last two), because the
latest turns matter most.

The features are computed from the raw text only (not from ``analyze()``), so the conversation
model does not move when the message scorer is recalibrated. The cue word lists live in
``data/coach/escalation_lexicon.json`` and the weights in ``data/coach/escalation.json``, both
written by ``eval/train_escalation.py`` from the Conversations Gone Awry dev split;
standardisation is folded into the weights, so scoring is one dot product.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping, Sequence
from functools import cache

from ._data import json_file
from ._types import MAX_CHARS

TOKEN = re.compile(r"[a-z0-9]+(?:'[a-z]+)?|[!?]")
_SENTENCE = re.compile(r"[^.!?\n]+[.!?]*")
_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'})
MAX_MESSAGES = 200
AGGREGATES = ("mean", "max", "first", "prev", "last", "last2")

# Cues that are a word list: (name, how the list counts).  "any" = 1 if any word occurs,
# "start" = 1 if the message's first word is in the list, "cap3" / "cap5" = occurrences capped
# and scaled to [0, 1], "rate" = occurrences / sqrt(words + 1).
LIST_CUES: tuple[tuple[str, str], ...] = (
    ("gratitude", "any"),
    ("greeting", "start"),
    ("apology", "any"),
    ("please", "any"),
    ("please_start", "start"),
    ("hedge", "cap3"),
    ("factual", "cap3"),
    ("swear", "any"),
    ("insult", "cap3"),
    ("negation", "rate"),
    ("positive", "rate"),
    ("admin", "cap5"),
    ("you", "rate"),
    ("i", "rate"),
    ("we", "rate"),
    ("direct_start", "start"),
)
# Cues computed from the text's shape rather than one word list.
SHAPE_CUES = (
    "by_the_way",
    "you_start",
    "i_start",
    "direct_question",
    "counterfactual",
    "indicative",
    "question_marks",
    "exclamations",
    "length",
    "quotes",
    "link",
)
MESSAGE_CUES = tuple(name for name, _ in LIST_CUES) + SHAPE_CUES
FEATURES = (*(f"{cue}_{agg}" for cue in MESSAGE_CUES for agg in AGGREGATES), "turns")

Lexicon = Mapping[str, frozenset[str]]


def tokens(text: str) -> list[str]:
    return TOKEN.findall(text.lower())


def _capped(count: int, cap: int) -> float:
    return min(count, cap) / cap


def message_features(text: str, lexicon: Lexicon) -> dict[str, float]:
    """Cue values of one message, each in [0, 1] (rates may slightly exceed 1 on odd text)."""
    text = text[:MAX_CHARS].translate(_QUOTES)
    toks = tokens(text)
    n = len(toks)
    present = set(toks)
    first = toks[0] if toks else ""
    joined = " ".join(toks)
    starts = [t[0] for t in (tokens(s) for s in _SENTENCE.findall(text)) if t]
    out: dict[str, float] = {}
    for name, how in LIST_CUES:
        words = lexicon.get(name, frozenset())
        if how == "any":
            out[name] = 1.0 if present & words else 0.0
        elif how == "start":
            out[name] = 1.0 if first in words else 0.0
        else:
            count = sum(1 for t in toks if t in words)
            if how == "rate":
                out[name] = count / math.sqrt(n + 1)
            else:
                out[name] = _capped(count, 3 if how == "cap3" else 5)
    question_marks = text.count("?")
    you, me = lexicon.get("you", frozenset()), lexicon.get("i", frozenset())
    out["by_the_way"] = 1.0 if "by the way" in joined or "btw" in present else 0.0
    out["you_start"] = 1.0 if any(s in you for s in starts) else 0.0
    out["i_start"] = 1.0 if any(s in me for s in starts) else 0.0
    questions = lexicon.get("question_word", frozenset())
    out["direct_question"] = 1.0 if question_marks and any(s in questions for s in starts) else 0.0
    out["counterfactual"] = _phrase(joined, ("could you", "would you", "could we", "would it"))
    out["indicative"] = _phrase(joined, ("can you", "will you", "can we"))
    out["question_marks"] = _capped(question_marks, 3)
    out["exclamations"] = _capped(text.count("!"), 3)
    out["length"] = math.log1p(n) / 6.0
    out["quotes"] = _capped(text.count('"'), 6)
    out["link"] = 1.0 if "_ link" in text or "http" in text else 0.0
    return out


def _phrase(joined: str, phrases: Iterable[str]) -> float:
    padded = f" {joined} "
    return 1.0 if any(f" {p} " in padded for p in phrases) else 0.0


def features(messages: Sequence[str], lexicon: Lexicon | None = None) -> dict[str, float]:
    """Conversation features (oldest message first); an empty conversation is all zeros."""
    lex = lexicon if lexicon is not None else _model()[0]
    texts = [m for m in messages if isinstance(m, str)]
    if len(texts) > MAX_MESSAGES:
        texts = texts[:1] + texts[-(MAX_MESSAGES - 1) :]
    if not texts:
        return dict.fromkeys(FEATURES, 0.0)
    per = [message_features(t, lex) for t in texts]
    out: dict[str, float] = {}
    for cue in MESSAGE_CUES:
        values = [p[cue] for p in per]
        out[f"{cue}_mean"] = sum(values) / len(values)
        out[f"{cue}_max"] = max(values)
        out[f"{cue}_first"] = values[0]
        out[f"{cue}_prev"] = values[-2] if len(values) > 1 else values[-1]
        out[f"{cue}_last"] = values[-1]
        out[f"{cue}_last2"] = sum(values[-2:]) / len(values[-2:])
    out["turns"] = math.log1p(len(texts)) / 3.0
    return out


@cache
def _model() -> tuple[dict[str, frozenset[str]], dict[str, float], float]:
    """Cue word lists (``escalation_lexicon.json``) and weights (``escalation.json``)."""
    words = json_file("escalation_lexicon.json") or {}
    lexicon = {name: frozenset(w) for name, w in words.get("lexicon", {}).items()}
    raw = json_file("escalation.json")
    if raw is None:
        return lexicon, {"you_max": 1.0, "insult_last": 2.0, "turns": 1.0}, -1.0
    return lexicon, {k: float(v) for k, v in raw["weights"].items()}, float(raw["bias"])


def risk_margin(feats: Mapping[str, float]) -> float:
    _, weights, bias = _model()
    return bias + sum(weights.get(k, 0.0) * v for k, v in feats.items())


def risk(feats: Mapping[str, float]) -> float:
    """Probability of derailment from :func:`features`, in [0, 1]."""
    z = risk_margin(feats)
    if z >= 0:
        return 1.0 / (1.0 + math.exp(-z))
    e = math.exp(z)
    return e / (1.0 + e)
