"""Calibrated scores from the shipped linear model (``data/coach/model.json``), in pure Python.

score = sigmoid(a * (bias + sum(weight[f] * x[f]) + mean(piece_score[p])) + b)

The weights, the sub-word piece scores and the calibration (a, b) come from
``eval/train_coach.py``; 0.5 is the decision point chosen on the development data.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from ._data import json_file
from ._features import TOKEN, greedy_pieces, sparse_features, tokens

TASKS = ("hostility", "appreciation", "apology")


@dataclass(frozen=True, slots=True)
class LinearModel:
    names: tuple[str, ...]
    weights: dict[str, tuple[float, ...]]
    pieces: dict[str, tuple[float, ...]]
    piece_max: int
    calibration: tuple[tuple[float, float], ...]


@cache
def model() -> LinearModel | None:
    raw = json_file("model.json")
    if raw is None:
        return None
    names = tuple(raw["tasks"])
    return LinearModel(
        names=names,
        weights={k: tuple(v) for k, v in raw["weights"].items()},
        pieces={k: tuple(v) for k, v in raw["pieces"].items()},
        piece_max=int(raw["piece_max"]),
        calibration=tuple((float(a), float(b)) for a, b in raw["calibration"]),
    )


_PIECE_CACHE: dict[str, list[str]] = {}


def word_pieces(word: str, m: LinearModel) -> list[str]:
    got = _PIECE_CACHE.get(word)
    if got is None:
        got = greedy_pieces(word, m.pieces.__contains__, m.piece_max)
        if len(_PIECE_CACHE) < 200_000:
            _PIECE_CACHE[word] = got
    return got


def sigmoid(z: float) -> float:
    if z >= 0:
        return 1.0 / (1.0 + math.exp(-z))
    e = math.exp(z)
    return e / (1.0 + e)


def raw_scores(text: str, kinds: Iterable[str]) -> dict[str, float]:
    """Uncalibrated margins per task (the training script calibrates these)."""
    m = model()
    if m is None:
        return dict.fromkeys(TASKS, 0.0)
    toks = tokens(text)
    feats = sparse_features(text, toks, kinds)
    n_tasks = len(m.names)
    z = [0.0] * n_tasks
    weights = m.weights
    for name, value in feats.items():
        w = weights.get(name)
        if w is not None:
            for i in range(n_tasks):
                z[i] += w[i] * value
    count = 0
    acc = [0.0] * n_tasks
    pieces = m.pieces
    for tok in toks:
        if not tok[0].isalnum():
            continue
        for piece in word_pieces(tok, m):
            s = pieces[piece]
            count += 1
            for i in range(n_tasks):
                acc[i] += s[i]
    if count:
        for i in range(n_tasks):
            z[i] += acc[i] / count
    return dict(zip(m.names, z, strict=True))


def scores(text: str, kinds: Iterable[str]) -> dict[str, float]:
    m = model()
    margins = raw_scores(text, kinds)
    if m is None:
        return dict.fromkeys(TASKS, 0.5)
    out = {}
    for (name, z), (a, b) in zip(margins.items(), m.calibration, strict=True):
        out[name] = sigmoid(a * z + b)
    return out


__all__ = ["TASKS", "TOKEN", "raw_scores", "scores", "word_pieces"]
