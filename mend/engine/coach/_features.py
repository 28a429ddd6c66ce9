"""Features shared by the run-time scorer and the offline training script (eval/train_coach.py).

Everything here is plain Python so the shipped model scores text exactly as it was trained.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable

from ._data import word_scores

TOKEN = re.compile(r"[a-z0-9]+(?:'[a-z]+)?|[!?]")
_NEGATORS = frozenset({"not", "no", "never", "nothing", "nobody", "none", "neither", "nor"})
_YOU = frozenset({"you", "your", "you're", "yours", "yourself", "u", "ur", "ya"})
CHAR_MIN, CHAR_MAX = 3, 5
SPACE_PIECE = "▁"


def tokens(text: str) -> list[str]:
    return TOKEN.findall(text.lower())


def sparse_features(text: str, toks: list[str], kinds: Iterable[str]) -> dict[str, float]:
    """Word uni/bigrams, character 3-5-grams within words, lexicon and finding features."""
    feats: dict[str, float] = {}
    n = len(toks)
    if n:
        w_val = 1.0 / math.sqrt(n)
        prev = "<s>"
        for tok in toks:
            feats["w:" + tok] = w_val
            feats["b:" + prev + " " + tok] = w_val
            prev = tok
        grams: set[str] = set()
        for tok in toks:
            if len(tok) < 2 or not tok[0].isalnum():
                continue
            padded = " " + tok + " "
            size = len(padded)
            for k in range(CHAR_MIN, CHAR_MAX + 1):
                for i in range(size - k + 1):
                    grams.add(padded[i : i + k])
        if grams:
            c_val = 1.0 / math.sqrt(len(grams))
            for g in grams:
                feats["c:" + g] = c_val
    feats.update(dense_features(text, toks))
    for kind in kinds:
        feats["k:" + kind] = 1.0
    feats["bias"] = 1.0
    return feats


def dense_features(text: str, toks: list[str]) -> dict[str, float]:
    valence = word_scores("valence.tsv")
    pos = neg = 0.0
    you = 0
    for i, tok in enumerate(toks):
        if tok in _YOU:
            you += 1
        v = valence.get(tok)
        if v is None:
            continue
        window = toks[max(0, i - 3) : i]
        if any(w in _NEGATORS or w.endswith("n't") for w in window):
            v = -0.74 * v
        if v > 0:
            pos += v
        else:
            neg -= v
    letters = sum(map(str.isalpha, text))
    caps = sum(map(str.isupper, text)) / letters if letters >= 4 else 0.0
    n = len(toks)
    return {
        "d:pos": pos / math.sqrt(pos * pos + 15.0),
        "d:neg": neg / math.sqrt(neg * neg + 15.0),
        "d:caps": caps,
        "d:bang": min(text.count("!"), 3) / 3.0,
        "d:ask": min(text.count("?"), 3) / 3.0,
        "d:you": you / math.sqrt(n) if n else 0.0,
        "d:len": math.log1p(n) / 5.0,
    }


def greedy_pieces(word: str, has: Callable[[str], bool], max_len: int) -> list[str]:
    """Split ``word`` into sub-word pieces of a sentence-piece vocabulary, longest match first."""
    s = SPACE_PIECE + word
    out: list[str] = []
    i = 0
    size = len(s)
    while i < size:
        for j in range(min(size, i + max_len), i, -1):
            if has(s[i:j]):
                out.append(s[i:j])
                i = j
                break
        else:
            i += 1
    return out
