"""Explainable findings: regular-expression rules from ``data/coach/patterns.tsv``.

Every pattern is a flat alternation with bounded repetition, so matching is linear in the
length of the text. Guards remove matches that are negated ("you're not stupid"), quoted or
reported ("she said …"), or affectionate ("you always make me laugh").
"""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import cache

from ._data import lexicons
from ._features import normalize
from ._gating import Rule, open_rules, rules, words_bits
from ._types import CRISIS_KIND, HARMFUL_KINDS, Finding

_CLAUSE_BREAK = re.compile(r"[.!?;,:\n]")
_SENTENCE_BREAK = re.compile(r"[.!?\n]")
_WORD = re.compile(r"[a-z']+")
MAX_PER_RULE = 25  # enough to highlight; keeps pathological input linear
_CAPS_PAIR = re.compile(r"[A-Z][A-Z]")
_ACRONYMS = frozenset(
    [
        "I",
        "OK",
        "OKAY",
        "TV",
        "USA",
        "UK",
        "EU",
        "US",
        "NYC",
        "LA",
        "ID",
        "PM",
        "AM",
        "ASAP",
        "FYI",
        "BTW",
        "LOL",
        "LMAO",
        "OMG",
        "IDK",
        "IMO",
        "TBH",
        "DM",
        "PDF",
        "CEO",
        "HR",
        "IT",
        "GP",
        "ER",
        "ICU",
        "DMV",
        "IRS",
        "BBC",
        "CNN",
        "NBA",
        "NFL",
        "MRI",
        "DNA",
        "ATM",
        "PIN",
        "SMS",
        "UFO",
        "NASA",
        "FBI",
        "CIA",
    ]
)


@cache
def _word_set(name: str) -> re.Pattern[str]:
    return re.compile(r"\b(?:" + lexicons()[name] + r")\b", re.IGNORECASE)


def _clause_before(text: str, start: int, width: int = 40) -> str:
    chunk = text[max(0, start - width) : start]
    parts = _CLAUSE_BREAK.split(chunk)
    return parts[-1] if parts else ""


def _sentence_before(text: str, start: int, width: int = 120) -> str:
    chunk = text[max(0, start - width) : start]
    parts = _SENTENCE_BREAK.split(chunk)
    return parts[-1] if parts else ""


def _negated(text: str, start: int) -> bool:
    """A negator among the last three words of the same clause: "I don't think you're lazy"."""
    words = _WORD.findall(_clause_before(text, start).lower())[-3:]
    return any(w in _NEGATORS or w.endswith("n't") for w in words)


_NEGATORS = frozenset({"not", "never", "no", "nobody", "cannot", "hardly", "nor"})


def _quoted(text: str, start: int, quotes: list[int]) -> bool:
    """Inside double quotes, or after a reporting verb in the same sentence."""
    if bisect_left(quotes, start) % 2 == 1:
        return True
    return bool(_word_set("REPORT").search(_sentence_before(text, start)))


def _affectionate(text: str, end: int) -> bool:
    after = text[end : end + 40]
    after = _SENTENCE_BREAK.split(after)[0]
    if re.search(r"\b(?:not|n't|no)\b|n't\b", after, re.IGNORECASE):
        return False
    return bool(_word_set("AFFECTION").search(after))


_GENERIC_YOU = re.compile(
    r"\s*(?:know|can\s+tell|can\s+be\s+too|have\s+to|need\s+to|should|want\s+to\s+be|"
    r"hear\s+about|see\s+(?:it|that)\s+coming)\b",
    re.IGNORECASE,
)


def _caps_ok(span: str) -> bool:
    words = [w.strip("',") for w in span.split()]
    words = [w for w in words if w and w not in _ACRONYMS]
    letters = sum(len(w) for w in words)
    return letters >= 3


def _explain(rule: Rule, span: str) -> str:
    shown = " ".join(span.split())
    if len(shown) > 60:
        shown = shown[:57] + "…"
    return rule.explanation.replace("{m}", shown)


@cache
def _plans() -> tuple[tuple[Rule, bool, bool, bool, bool, bool], ...]:
    """Per rule: the rule, whether it reads letter case, and which guards apply to its matches."""
    out = []
    for rule in rules():
        harmful = rule.kind in HARMFUL_KINDS
        negatable = (harmful or rule.kind == CRISIS_KIND) and rule.kind != "escalation"
        out.append(
            (
                rule,
                rule.rule == "caps",
                negatable,
                harmful,
                rule.kind in ("absolute", "blame"),
                rule.kind == "absolute",
            )
        )
    return tuple(out)


_REGEXES: dict[int, re.Pattern[str]] = {}


def find(text: str) -> tuple[Finding, ...]:
    """All findings in ``text``, ordered by position; overlapping duplicates removed."""
    folded, lowered = normalize(text)
    return find_in(text, folded, lowered, words_bits(lowered))


def find_in(text: str, folded: str, lowered: str, packed: int) -> tuple[Finding, ...]:
    """``find`` given the normalised text (``_features.normalize``) and its words' gating masks."""
    plans = _plans()
    quotes: list[int] | None = None
    found: list[Finding] = []
    for index in open_rules(lowered, packed):
        rule, caps, negatable, harmful, affection, generic = plans[index]
        regex = _REGEXES.get(index)
        if regex is None:
            regex = _REGEXES[index] = rule.regex
        if caps:
            if _CAPS_PAIR.search(folded) is None:
                continue
            matches = regex.finditer(folded)
        else:
            matches = regex.finditer(lowered)
        for count, m in enumerate(matches):
            if count >= MAX_PER_RULE:
                break
            start, end = m.span()
            span = folded[start:end]
            if not span.strip():
                continue
            # trim leading whitespace the lookbehind-style alternatives can include
            lead = len(span) - len(span.lstrip())
            start += lead
            span = span.lstrip()
            if caps and rule.kind == "escalation" and not _caps_ok(span):
                continue
            if negatable and _negated(folded, start):
                continue
            if harmful:
                if quotes is None:
                    quotes = [i for i, c in enumerate(folded) if c == '"'] if '"' in folded else []
                if _quoted(folded, start, quotes):
                    continue
            if affection and _affectionate(folded, end):
                continue
            if generic and _GENERIC_YOU.match(folded, end):
                continue
            found.append(
                Finding(
                    kind=rule.kind,
                    start=start,
                    end=end,
                    explanation=_explain(rule, text[start:end]),
                    suggestion=rule.suggestion,
                    rule=rule.rule,
                )
            )
    return _resolve(found)


def _overlaps(a: Finding, b: Finding) -> bool:
    return a.start < b.end and b.start < a.end


def _resolve(found: list[Finding]) -> tuple[Finding, ...]:
    if len(found) < 2:
        return tuple(found)
    non_apologies = [f for f in found if f.kind == "non_apology"]
    contempt = [f for f in found if f.kind in ("contempt", "threat", "stonewalling")]
    kept: list[Finding] = []
    for f in found:
        if f.kind == "apology" and any(_overlaps(f, n) for n in non_apologies):
            continue
        if f.kind in ("appreciation", "request", "repair") and any(_overlaps(f, c) for c in contempt):
            continue
        kept.append(f)
    # one finding per kind per span: keep the longest of overlapping same-kind matches
    kept.sort(key=lambda f: (f.kind, f.start, -(f.end - f.start)))
    dedup: list[Finding] = []
    for f in kept:
        if dedup and dedup[-1].kind == f.kind and _overlaps(dedup[-1], f):
            continue
        dedup.append(f)
    dedup.sort(key=lambda f: (f.start, f.end, f.kind))
    return tuple(dedup)
