"""Features shared by the run-time scorer and the offline training script (eval/train_coach.py).

Everything here is plain Python so the shipped model scores text exactly as it was trained.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable

from ._data import word_scores

TOKEN = re.compile(r"[a-z0-9]+(?:'[a-z]+)?|[!?]")
NEGATORS = frozenset({"not", "no", "never", "nothing", "nobody", "none", "neither", "nor"})
YOU = frozenset({"you", "your", "you're", "yours", "yourself", "u", "ur", "ya"})
_NEGATORS, _YOU = NEGATORS, YOU
SPACE_PIECE = "▁"


# Same-length replacements, so spans found in the normalised text still index the caller's text:
# "don’t" (a phone's apostrophe) reads as "don't".
FOLD = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "“": '"', "”": '"', "´": "'"})


def normalize(text: str) -> tuple[str, str]:
    """The text with quotes folded, and that lower-cased, both as long as the text."""
    folded = text if text.isascii() else text.translate(FOLD)
    lowered = folded.lower()
    if len(lowered) == len(folded):
        return folded, lowered
    # a few characters (e.g. "İ") grow when lower-cased; keep those as they are
    return folded, "".join(c.lower() if len(c.lower()) == 1 else c for c in folded)


def tokens(text: str) -> list[str]:
    return TOKEN.findall(normalize(text)[1])


PREFIX = 4  # words longer than this also count under their first PREFIX characters
PREFIX_VALUE = 2.0  # a short prefix's feature value (per word), weaker regularised than a word's
LONG_PREFIX = 6  # and words longer than this under their first LONG_PREFIX characters too
NEGATED_VALENCE = -0.74
PROFANITY_SCALE = 20.0  # profanity.tsv scores divided by this


def negator(tok: str) -> bool:
    return tok in _NEGATORS or tok.endswith("n't")


def sparse_features(text: str, toks: list[str], kinds: Iterable[str]) -> dict[str, float]:
    """The scorer's sparse features (``_model.raw_scores`` computes the same sums in one pass).

    Word and word-pair counts and word prefixes (two lengths), each times 1/sqrt(tokens), so unseen
    spellings and inflections ("annoyingly", "stupidest") still count; valence sums with
    negation; punctuation, "you" and length; one feature per rule kind that fired. The mean word
    embedding is added by the training script and shipped as one score per word and task.
    """
    feats: dict[str, float] = {}
    n = len(toks)
    if n:
        w_val = 1.0 / math.sqrt(n)
        prev = "<s>"
        for tok in toks:
            key = "w:" + tok
            feats[key] = feats.get(key, 0.0) + w_val
            key = "b:" + prev + " " + tok
            feats[key] = feats.get(key, 0.0) + w_val
            if len(tok) > PREFIX and tok[0].isalnum():
                key = "p:" + tok[:PREFIX]
                feats[key] = feats.get(key, 0.0) + w_val * PREFIX_VALUE
                if len(tok) > LONG_PREFIX:
                    key = "q:" + tok[:LONG_PREFIX]
                    feats[key] = feats.get(key, 0.0) + w_val
            prev = tok
    feats.update(model_dense(text, toks))
    for kind in kinds:
        feats["k:" + kind] = 1.0
    feats["bias"] = 1.0
    return feats


def model_dense(text: str, toks: list[str]) -> dict[str, float]:
    """The scorer's few dense features (cheaper than ``dense_features``: no letter-case scan)."""
    valence = word_scores("valence.tsv")
    pos = neg = 0.0
    you = 0
    last_neg = -9
    for i, tok in enumerate(toks):
        if tok in _YOU:
            you += 1
        v = valence.get(tok)
        if v is not None:
            if i - last_neg <= 3:  # a negator among the three words before
                v = NEGATED_VALENCE * v
            if v > 0:
                pos += v
            else:
                neg -= v
        if negator(tok):
            last_neg = i
    n = len(toks)
    profanity = word_scores("profanity.tsv")
    prof = [profanity.get(tok, 0.0) for tok in toks]
    return {
        "x:prof": sum(prof) / PROFANITY_SCALE / math.sqrt(n) if n else 0.0,
        "x:profmax": max([0.0, *prof]) / PROFANITY_SCALE,
        "d:pos": pos / math.sqrt(pos * pos + 15.0),
        "d:neg": neg / math.sqrt(neg * neg + 15.0),
        "d:bang": min(text.count("!"), 3) / 3.0,
        "d:ask": min(text.count("?"), 3) / 3.0,
        "d:you": you / math.sqrt(n) if n else 0.0,
        "d:len": math.log1p(n) / 5.0,
    }


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
