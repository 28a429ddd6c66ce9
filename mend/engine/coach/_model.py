"""Calibrated scores from the shipped linear model (``data/coach/model.json``), in pure Python.

margin = bias + w_val * sum(word and word-pair weights) + c_val * sum(character n-gram weights)
         + sum(lexicon and finding weights) + mean(sub-word piece scores)
score  = sigmoid(a * margin + b)

This computes exactly the features of ``_features.sparse_features`` (used in training), grouped
so that each group is one C-level sum. Weights, piece scores and calibration come from
``eval/train_coach.py``; 0.5 is the decision point chosen on the development data.
"""

from __future__ import annotations

import base64
import math
import sys
from array import array
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from itertools import repeat
from typing import Any

from ._data import json_file
from ._features import CHAR_MAX, CHAR_MIN, dense_features, greedy_pieces, tokens

TASKS = ("hostility", "appreciation", "apology")


@dataclass(frozen=True, slots=True)
class TaskWeights:
    words: dict[str, float]
    pairs: dict[str, float]
    chars: dict[str, float]
    other: dict[str, float]


@dataclass(frozen=True, slots=True)
class LinearModel:
    names: tuple[str, ...]
    tasks: tuple[TaskWeights, ...]
    pieces: dict[str, tuple[float, ...]]
    piece_max: int
    calibration: tuple[tuple[float, float], ...]
    char_keys: frozenset[str]  # every character n-gram with a weight in some task


def _values(packed: dict[str, Any]) -> list[float]:
    ints = array("h")
    ints.frombytes(base64.b64decode(packed["values"]))
    if sys.byteorder == "big":
        ints.byteswap()
    scale = float(packed["scale"])
    return list(map(scale.__mul__, ints))


def _unpack(packed: dict[str, Any]) -> dict[str, float]:
    """Newline-joined keys and base64 int16 values (see eval/train_coach.py ``pack``)."""
    return dict(zip(packed["keys"].split("\n"), _values(packed), strict=True))


@cache
def model() -> LinearModel | None:
    raw = json_file("model.json")
    if raw is None:
        return None
    names = tuple(raw["tasks"])
    groups = raw["groups"]
    tasks = tuple(
        TaskWeights(
            _unpack(groups["w"][t]),
            _unpack(groups["b"][t]),
            _unpack(groups["c"][t]),
            dict(groups["other"][t]),
        )
        for t in range(len(names))
    )
    piece_names = raw["pieces"][0]["keys"].split("\n")
    columns = [_values(p) for p in raw["pieces"]]
    pieces = dict(zip(piece_names, zip(*columns, strict=True), strict=True))
    return LinearModel(
        names=names,
        tasks=tasks,
        pieces=pieces,
        piece_max=int(raw["piece_max"]),
        calibration=tuple((float(a), float(b)) for a, b in raw["calibration"]),
        char_keys=frozenset(k for t in tasks for k in t.chars),
    )


_GRAMS: dict[str, tuple[frozenset[str], frozenset[str]]] = {}
_PIECES: dict[str, tuple[int, tuple[float, ...]]] = {}
_CACHE_LIMIT = 200_000


def _grams(tok: str, m: LinearModel) -> tuple[frozenset[str], frozenset[str]]:
    """All character n-grams of a word, and those among them that carry a weight."""
    got = _GRAMS.get(tok)
    if got is None:
        padded = " " + tok + " "
        size = len(padded)
        every = frozenset(
            padded[i : i + k] for k in range(CHAR_MIN, CHAR_MAX + 1) for i in range(size - k + 1)
        )
        got = (every, every & m.char_keys)
        if len(_GRAMS) < _CACHE_LIMIT:
            _GRAMS[tok] = got
    return got


def _piece_sum(tok: str, m: LinearModel) -> tuple[int, tuple[float, ...]]:
    got = _PIECES.get(tok)
    if got is None:
        pieces = m.pieces
        found = greedy_pieces(tok, pieces.__contains__, m.piece_max)
        sums = tuple(sum(pieces[p][t] for p in found) for t in range(len(m.names)))
        got = (len(found), sums)
        if len(_PIECES) < _CACHE_LIMIT:
            _PIECES[tok] = got
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
    n = len(toks)
    words = set(toks)
    pairs = {a + " " + b for a, b in zip(["<s>", *toks], toks, strict=False)}
    words_alnum = [t for t in words if len(t) >= 2 and t[0].isalnum()]
    grams: set[str] = set()
    known: set[str] = set()  # only these can change a margin; all of them count for c_val
    for tok in words_alnum:
        every, weighted = _grams(tok, m)
        grams |= every
        known |= weighted
    w_val = 1.0 / math.sqrt(n) if n else 0.0
    c_val = 1.0 / math.sqrt(len(grams)) if grams else 0.0
    other = dense_features(text, toks)
    other["bias"] = 1.0
    for kind in kinds:
        other["k:" + kind] = 1.0
    count = 0
    acc = [0.0] * len(m.names)
    for tok in toks:
        if tok[0].isalnum():
            c, sums = _piece_sum(tok, m)
            count += c
            for i, s in enumerate(sums):
                acc[i] += s
    out = {}
    for i, (name, w) in enumerate(zip(m.names, m.tasks, strict=True)):
        z = w_val * (sum(map(w.words.get, words, repeat(0.0))) + sum(map(w.pairs.get, pairs, repeat(0.0))))
        z += c_val * sum(map(w.chars.get, known, repeat(0.0)))
        z += sum(w.other.get(k, 0.0) * v for k, v in other.items())
        if count:
            z += acc[i] / count
        out[name] = z
    return out


def scores(text: str, kinds: Iterable[str]) -> dict[str, float]:
    m = model()
    if m is None:
        return dict.fromkeys(TASKS, 0.5)
    margins = raw_scores(text, kinds)
    return {
        name: sigmoid(a * z + b) for (name, z), (a, b) in zip(margins.items(), m.calibration, strict=True)
    }
