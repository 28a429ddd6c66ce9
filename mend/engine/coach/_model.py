"""Calibrated scores from the shipped linear model (``data/coach/model.json``), in pure Python.

margin = (sum of word, word-pair and word-prefix weights) / sqrt(tokens)
         + mean(word embedding scores over the words that have one)
         + dense feature and rule-kind weights + bias
score  = sigmoid(a * margin + b)

This is exactly ``_features.sparse_features`` (used in training) dotted with the weights, computed
in one pass over the tokens: every word carries one precomputed record with its weights for all
three tasks, its embedding scores, valence and flags, so a message costs a few dictionary look-ups
per word. The same pass collects the rules' gating masks (``_gating``), which the record of a word
keeps once worked out, so finding which rules can match costs no second look-up per word. Weights
and calibration come from ``eval/train_coach.py``; 0.5 is the decision point chosen on the
development data.
"""

from __future__ import annotations

import base64
import math
import sys
from array import array
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from itertools import repeat
from typing import Any

from ._data import json_file, word_scores
from ._features import LONG_PREFIX, NEGATED_VALENCE, PREFIX, TOKEN, YOU, negator, normalize
from ._gating import SPLIT_APOSTROPHE, word_bits, words_bits

TASKS = ("hostility", "appreciation", "apology")
DENSE = ("d:pos", "d:neg", "d:bang", "d:ask", "d:you", "d:len", "x:profmax", "bias")

Triple = tuple[float, float, float]
# h, a, p word weights (prefix folded in); h, a, p embedding scores; has embedding (0/1);
# valence (0.0 if none); is "you" (0/1); is a negator; profanity score (scaled); the word-pair
# weights of the words that can follow it (None if no pair starts with it); the rules' gating
# masks of the word (None until the word is first met)
Record = tuple[
    float,
    float,
    float,
    float,
    float,
    float,
    int,
    float,
    int,
    bool,
    float,
    dict[str, Triple] | None,
    int | None,
]


@dataclass(frozen=True, slots=True)
class LinearModel:
    names: tuple[str, ...]
    words: dict[str, Record]
    pairs: dict[str, Triple]
    start_pairs: dict[str, Triple]  # pairs starting with the start mark "<s>"
    prefixes: dict[str, Triple]  # first PREFIX characters of a word the model does not know
    long_prefixes: dict[str, Triple]  # first LONG_PREFIX characters, likewise
    dense: tuple[Triple, ...]  # one triple per DENSE feature
    kinds: dict[str, Triple]
    calibration: tuple[tuple[float, float], ...]


def _lazy_values(packed: dict[str, Any]) -> Iterator[float]:
    """A packed column's values, made as they are read (see ``model``)."""
    ints = array("h")
    ints.frombytes(base64.b64decode(packed["values"]))
    if sys.byteorder == "big":
        ints.byteswap()
    scale = float(packed["scale"])
    return map(scale.__mul__, ints)


def _values(packed: dict[str, Any]) -> list[float]:
    return list(_lazy_values(packed))


def _keys(table: dict[str, Any]) -> list[str]:
    keys: str = table["keys"]
    return keys.split("\n") if keys else []


def _triples(table: dict[str, Any]) -> dict[str, Triple]:
    """A packed table of three columns (see eval/train_coach.py ``pack_table``)."""
    keys = _keys(table)
    if not keys:
        return {}
    columns = [_values(c) for c in table["columns"]]
    return dict(zip(keys, zip(*columns, strict=True), strict=True))


@cache
def model() -> LinearModel | None:
    raw = json_file("model.json")
    if raw is None:
        return None
    valence = word_scores("valence.tsv")
    keys = _keys(raw["words"])
    pairs = _triples(raw["pairs"])
    # pair weights live with their first word, keyed by the words table's own string of the
    # second word (which its look-up has just read)
    follows: dict[str, dict[str, Triple]] = {}
    same = {word: word for word in keys}
    for pair, q in pairs.items():
        first, second = pair.split(" ")
        follows.setdefault(first, {})[same.get(second, second)] = q
    negators = {word for word in keys if negator(word)}
    # Records are built a word at a time, most frequent words first (the file's order), and each
    # word's numbers are made with its record: the records read most often then sit together in
    # memory, which makes scoring measurably faster than building each column first.
    h, a, p, eh, ea, ep, known, prof = (_lazy_values(c) for c in raw["words"]["columns"])
    records: dict[str, Record] = dict(
        zip(
            keys,
            zip(
                h,
                a,
                p,
                eh,
                ea,
                ep,
                map(round, known),
                map(valence.get, keys, repeat(0.0)),
                map(int, map(YOU.__contains__, keys)),
                map(negators.__contains__, keys),
                prof,
                map(follows.get, keys),
                repeat(None),
                strict=False,
            ),
            strict=True,
        )
    )
    other: list[dict[str, float]] = raw["other"]
    kinds = {
        key[2:]: (other[0].get(key, 0.0), other[1].get(key, 0.0), other[2].get(key, 0.0))
        for key in set().union(*other)
        if key.startswith("k:")
    }
    return LinearModel(
        names=tuple(raw["tasks"]),
        words=records,
        pairs=pairs,
        start_pairs=follows.get("<s>", {}),
        prefixes=_triples(raw["prefixes"]),
        long_prefixes=_triples(raw.get("long_prefixes", {"keys": ""})),
        dense=tuple((other[0].get(d, 0.0), other[1].get(d, 0.0), other[2].get(d, 0.0)) for d in DENSE),
        kinds=kinds,
        calibration=tuple((float(a), float(b)) for a, b in raw["calibration"]),
    )


def sigmoid(z: float) -> float:
    if z >= 0:
        return 1.0 / (1.0 + math.exp(-z))
    e = math.exp(z)
    return e / (1.0 + e)


def _gates(words: dict[str, Record], tok: str, r: Record) -> int:
    """A word's gating masks, worked out when it is first met and kept in its record."""
    bits = word_bits(tok)
    words[tok] = (*r[:12], bits)
    return bits


def scan(m: LinearModel, lowered: str) -> tuple[float, float, float, int]:
    """Margins before rule kinds are added, and the gating masks of every word of ``lowered``.

    ``lowered`` is the normalised text (``_features.normalize``).
    """
    toks = TOKEN.findall(lowered)
    words, prefixes, long_prefixes = m.words, m.prefixes, m.long_prefixes
    h = a = p = eh = ea = ep = pos = neg = 0.0
    known = you = packed = 0
    last_neg = -9
    prof_max = 0.0
    unknown = []
    # pair weights live with their first word: no "prev tok" string per token
    after: dict[str, Triple] | None = m.start_pairs
    for i, tok in enumerate(toks):
        r = words.get(tok)
        if r is None:
            unknown.append(tok)
            if len(tok) > PREFIX and tok[0].isalnum():
                q = prefixes.get(tok[:PREFIX])
                if q is not None:
                    h += q[0]
                    a += q[1]
                    p += q[2]
                if len(tok) > LONG_PREFIX:
                    q = long_prefixes.get(tok[:LONG_PREFIX])
                    if q is not None:
                        h += q[0]
                        a += q[1]
                        p += q[2]
            if negator(tok):
                last_neg = i
            following = None
        else:
            uh, ua, up, kh, ka, kp, has, v, is_you, is_neg, pf, following, bits = r
            if bits is None:
                bits = _gates(words, tok, r)
            if bits:
                packed |= bits
            h += uh
            a += ua
            p += up
            if has:
                eh += kh
                ea += ka
                ep += kp
                known += 1
            if v:
                if i - last_neg <= 3:
                    v *= NEGATED_VALENCE
                if v > 0:
                    pos += v
                else:
                    neg -= v
            if is_you:
                you += 1
            if is_neg:
                last_neg = i
            if pf > prof_max:
                prof_max = pf
        if after is not None:
            q = after.get(tok)
            if q is not None:
                h += q[0]
                a += q[1]
                p += q[2]
        after = following
    if "'" in lowered and SPLIT_APOSTROPHE.search(lowered):
        packed = words_bits(lowered)
    elif unknown:
        packed |= word_bits(" ".join(unknown))
    n = len(toks)
    if n:
        scale = 1.0 / math.sqrt(n)
        h *= scale
        a *= scale
        p *= scale
        you_v = you * scale
    else:
        you_v = 0.0
    if known:
        h += eh / known
        a += ea / known
        p += ep / known
    # the DENSE features in order, each added only when non-zero
    (w_pos, w_neg, w_bang, w_ask, w_you, w_len, w_prof, w_bias) = m.dense
    if pos:
        x = pos / math.sqrt(pos * pos + 15.0)
        h += x * w_pos[0]
        a += x * w_pos[1]
        p += x * w_pos[2]
    if neg:
        x = neg / math.sqrt(neg * neg + 15.0)
        h += x * w_neg[0]
        a += x * w_neg[1]
        p += x * w_neg[2]
    if "!" in lowered:
        x = min(lowered.count("!"), 3) / 3.0
        h += x * w_bang[0]
        a += x * w_bang[1]
        p += x * w_bang[2]
    if "?" in lowered:
        x = min(lowered.count("?"), 3) / 3.0
        h += x * w_ask[0]
        a += x * w_ask[1]
        p += x * w_ask[2]
    if you_v:
        h += you_v * w_you[0]
        a += you_v * w_you[1]
        p += you_v * w_you[2]
    if n:
        x = math.log1p(n) / 5.0
        h += x * w_len[0]
        a += x * w_len[1]
        p += x * w_len[2]
    if prof_max:
        h += prof_max * w_prof[0]
        a += prof_max * w_prof[1]
        p += prof_max * w_prof[2]
    return h + w_bias[0], a + w_bias[1], p + w_bias[2], packed


def with_kinds(m: LinearModel, h: float, a: float, p: float, kinds: Iterable[str]) -> Triple:
    """Margins with the weights of the rule kinds that fired."""
    weights = m.kinds
    for kind in kinds:
        k = weights.get(kind)
        if k is not None:
            h += k[0]
            a += k[1]
            p += k[2]
    return h, a, p


def calibrated(m: LinearModel, h: float, a: float, p: float) -> dict[str, float]:
    (ah, bh), (aa, ba), (ap, bp) = m.calibration
    return {
        "hostility": sigmoid(ah * h + bh),
        "appreciation": sigmoid(aa * a + ba),
        "apology": sigmoid(ap * p + bp),
    }


def raw_scores(text: str, kinds: Iterable[str]) -> dict[str, float]:
    """Uncalibrated margins per task (the training script calibrates these)."""
    m = model()
    if m is None:
        return dict.fromkeys(TASKS, 0.0)
    h, a, p, _packed = scan(m, normalize(text)[1])
    return dict(zip(m.names, with_kinds(m, h, a, p, kinds), strict=True))
