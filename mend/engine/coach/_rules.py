"""Explainable findings: regular-expression rules from ``data/coach/patterns.tsv``.

Every pattern is a flat alternation with bounded repetition, so matching is linear in the
length of the text. Guards remove matches that are negated ("you're not stupid"), quoted or
reported ("she said …"), or affectionate ("you always make me laugh").
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import Any

from ._data import lexicons, pattern_digest, pattern_rows, required_rows
from ._model import model
from ._types import CRISIS_KIND, HARMFUL_KINDS, Finding

# Same-length replacements so spans still index the caller's text.
_FOLD = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "“": '"', "”": '"', "´": "'"})
_MACRO = re.compile(r"\{([A-Z]+)\}")
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


@dataclass(frozen=True, slots=True)
class Rule:
    kind: str
    rule: str
    pattern: str  # matched against lower-cased text unless the rule is case-sensitive
    explanation: str
    suggestion: str | None
    gate: frozenset[str]  # the rule runs only if one of these occurs; empty: always run

    @property
    def regex(self) -> re.Pattern[str]:
        # compiled on first use: most messages open only a few gates
        return _compile(self.pattern)


@cache
def _compile(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


def _expand(pattern: str, words: dict[str, str]) -> str:
    return _MACRO.sub(lambda m: "(?:" + words[m.group(1)] + ")", pattern)


@cache
def rules() -> tuple[Rule, ...]:
    words = lexicons()
    out = []
    for kind, rule, _flags, pattern, explanation, suggestion, gate in pattern_rows():
        gates = frozenset() if gate == "*" else frozenset(gate.split("|"))
        suggested = None if suggestion == "-" else suggestion
        out.append(Rule(kind, rule, _expand(pattern, words), explanation, suggested, gates))
    return tuple(out)


@cache
def _all_gates() -> tuple[str, ...]:
    return tuple(sorted({g for r in rules() for g in r.gate}))


@cache
def _needs() -> tuple[frozenset[str], ...]:
    """Per rule, strings of which every match contains one (empty: no such strings known).

    Derived from each pattern by ``_required`` and shipped in ``required.tsv``, so start-up does
    not parse fifty expressions; a rule whose pattern changed since is derived afresh.
    """
    shipped = required_rows()
    out = []
    for rule in rules():
        row = shipped.get(rule.rule)
        if row is not None and row[0] == pattern_digest(rule.pattern):
            out.append(row[1])
        else:
            from ._required import required_strings

            out.append(required_strings(rule))
    return tuple(out)


def _trie(words: Iterable[str]) -> str:
    """A regular expression matching any of ``words``, longest first, factored on common prefixes."""
    root: dict[str, Any] = {}
    for word in words:
        node = root
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict[str, Any]) -> str:
        alts = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return "(?:" + body + ")?" if "" in node else body

    return build(root)


_ALPHA = re.compile(r"[a-z']+")  # words: runs of letters and apostrophes
_ALPHA_ONLY = re.compile(r"[a-z']+\Z")


def _bits(indices: Iterable[int]) -> int:
    out = 0
    for i in indices:
        out |= 1 << i
    return out


@dataclass(frozen=True, slots=True)
class _Gating:
    """Rule gating as bit masks (bit i: rule i).

    Strings of letters a-z and apostrophes can only occur inside one such run (a word), so they
    are looked up per word (``word_bits``, or ``scanner`` for a word outside that table). The
    few strings with other characters (spaces, punctuation) are looked for in the text itself;
    gate strings of that sort are tried only when the longest word inside them is present.

    Per found string or word, one integer packs three masks of ``lane`` bits each: the rules
    it gates, the rules whose required strings it satisfies, and the rules whose other gate
    strings it may open.
    """

    lane: int
    scanner: re.Pattern[str]  # every word-only string, longest first
    opens: dict[str, int]  # found string -> packed masks
    word_bits: dict[str, int]  # word the model knows -> packed masks of the strings inside it (filled as met)
    ungated: int  # rules without a gate
    unneeded: int  # rules without known required strings
    maybe_always: int  # rules with an other gate string without letters ("!", "???")
    other_needs: tuple[tuple[str, int], ...]  # other required string -> rules
    other_gates: tuple[tuple[str, ...], ...]  # per rule: its other gate strings


def _longest_word(string: str) -> str:
    return max(_ALPHA.findall(string), key=len, default="")


@cache
def _gating() -> _Gating:
    every = rules()
    lane = len(every)
    needs = _needs()
    strings = set(_all_gates()) | {n for need in needs for n in need}
    words = {s for s in strings if _ALPHA_ONLY.match(s)}
    other_gates = [sorted(g for g in r.gate if g not in words) for r in every]
    # the word inside each other gate string, which must be present for it to be
    inner = {g: _longest_word(g) for gates in other_gates for g in gates}
    words |= {w for w in inner.values() if w}
    ordered = sorted(words)
    scanner = re.compile("(?=(" + _trie(ordered) + "))")
    # per word-only string: the packed masks of the rules it gates, satisfies or may open
    own = dict.fromkeys(ordered, 0)
    for i, (rule, need, os) in enumerate(zip(every, needs, other_gates, strict=True)):
        for g in rule.gate & words:
            own[g] |= 1 << i
        for n in need & words:
            own[n] |= 1 << (i + lane)
        for w in {inner[o] for o in os if inner[o]}:
            own[w] |= 1 << (i + 2 * lane)
    # the scanner reports the longest string at a position: it stands for its prefixes too
    opens: dict[str, int] = {}
    for g in ordered:
        bits = 0
        for k in range(1, len(g) + 1):
            bits |= own.get(g[:k], 0)
        opens[g] = bits
    others = strings - words
    return _Gating(
        lane=lane,
        scanner=scanner,
        opens=opens,
        word_bits={},
        ungated=_bits(i for i, r in enumerate(every) if not r.gate),
        unneeded=_bits(i for i, need in enumerate(needs) if not need),
        maybe_always=_bits(i for i, os in enumerate(other_gates) if any(not inner[o] for o in os)),
        other_needs=tuple(
            (o, _bits(i for i, need in enumerate(needs) if o in need))
            for o in sorted(others)
            if any(o in need for need in needs)
        ),
        other_gates=tuple(map(tuple, other_gates)),
    )


def _word_bits(gating: _Gating, word: str) -> int | None:
    """Packed gating masks of the strings inside ``word``, kept for words the scoring model knows.

    Worked out on a word's first appearance rather than for the whole vocabulary at start-up;
    the table stays bounded by the vocabulary. None for any other word (scanned each time).
    """
    m = model()
    if m is None or word not in m.words:
        return None
    bits = 0
    opens = gating.opens
    for found in gating.scanner.findall(word):
        bits |= opens[found]
    gating.word_bits[word] = bits
    return bits


def _open_rules(lowered: str) -> list[int]:
    """Indices of the rules that pass both their gate and their required strings, in order.

    A gate string counts when it occurs in the text with runs of white space made single
    spaces and one space added at the end.
    """
    gating = _gating()
    table = gating.word_bits
    packed = 0
    unknown = []
    for word in _ALPHA.findall(lowered):
        bits = table.get(word)
        if bits is None:
            bits = _word_bits(gating, word)
            if bits is None:
                unknown.append(word)
                continue
        packed |= bits
    if unknown:
        opens = gating.opens
        for found in gating.scanner.findall(" ".join(unknown)):
            packed |= opens[found]
    lane = gating.lane
    mask = (1 << lane) - 1
    gated = packed & mask | gating.ungated
    needed = packed >> lane & mask
    for other, bits in gating.other_needs:
        if other in lowered:
            needed |= bits
    candidates = needed | gating.unneeded
    # candidates not yet let through by a word-only gate: try their other gate strings
    pending = candidates & ~gated & (packed >> 2 * lane | gating.maybe_always)
    if pending:
        padded = " ".join(lowered.split()) + " "
        other_gates = gating.other_gates
        while pending:
            low = pending & -pending
            pending ^= low
            for other in other_gates[low.bit_length() - 1]:
                if other in padded:
                    gated |= low
                    break
    run = candidates & gated
    out = []
    while run:
        low = run & -run
        out.append(low.bit_length() - 1)
        run ^= low
    return out


def _lower_same_length(text: str) -> str:
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    # a few characters (e.g. "İ") grow when lower-cased; keep those as they are
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


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
    folded = text if text.isascii() else text.translate(_FOLD)
    lowered = _lower_same_length(folded)
    plans = _plans()
    quotes: list[int] | None = None
    found: list[Finding] = []
    for index in _open_rules(lowered):
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
