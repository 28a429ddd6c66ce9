"""The coach's rules as data, and which of them can match a message (rule gating).

A rule runs only when one of its gate strings occurs in the message and, as far as its pattern
shows, one of the strings every match contains (``_required``). Strings made of letters and
apostrophes lie inside one word, so their masks are kept per word: the scoring model holds them in
its word records, so one look-up per word serves both the scores and the rules.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import Any

from ._data import lexicons, pattern_digest, pattern_rows, required_rows
from ._quick import quick

_MACRO = re.compile(r"\{([A-Z]+)\}")
_ALPHA = re.compile(r"[a-z']+")  # words: runs of letters and apostrophes
_ALPHA_ONLY = re.compile(r"[a-z']+\Z")
# Where the scoring model's tokens (``_features.TOKEN``) lose an apostrophe that a word keeps: at
# a word's edge ("'hello'"), or a second one inside it ("rock'n'roll"). Gate strings of such a
# text are found by scanning its words instead of by the tokens' masks.
SPLIT_APOSTROPHE = re.compile(r"(?<![a-z0-9])'|'(?![a-z])|'[a-z]+'")


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
    return re.compile(quick(pattern))


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
def needs() -> tuple[frozenset[str], ...]:
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


def _bits(indices: Iterable[int]) -> int:
    out = 0
    for i in indices:
        out |= 1 << i
    return out


@dataclass(frozen=True, slots=True)
class _Gating:
    """Rule gating as bit masks (bit i: rule i).

    Strings of letters a-z and apostrophes can only occur inside one such run (a word), so they
    are looked up per word (``scanner`` finds them). The few strings with other characters
    (spaces, punctuation) are looked for in the text itself; gate strings of that sort are
    tried only when the longest word inside them is present.

    Per found string or word, one integer packs three masks of ``lane`` bits each: the rules
    it gates, the rules whose required strings it satisfies, and the rules whose other gate
    strings it may open.
    """

    lane: int
    scanner: re.Pattern[str]  # every word-only string, longest first
    opens: dict[str, int]  # found string -> packed masks
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
    required = needs()
    strings = set(_all_gates()) | {n for need in required for n in need}
    words = {s for s in strings if _ALPHA_ONLY.match(s)}
    other_gates = [sorted(g for g in r.gate if g not in words) for r in every]
    # the word inside each other gate string, which must be present for it to be
    inner = {g: _longest_word(g) for gates in other_gates for g in gates}
    words |= {w for w in inner.values() if w}
    ordered = sorted(words)
    scanner = re.compile("(?=(" + _trie(ordered) + "))")
    # per word-only string: the packed masks of the rules it gates, satisfies or may open
    own = dict.fromkeys(ordered, 0)
    for i, (rule, need, os) in enumerate(zip(every, required, other_gates, strict=True)):
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
        ungated=_bits(i for i, r in enumerate(every) if not r.gate),
        unneeded=_bits(i for i, need in enumerate(required) if not need),
        maybe_always=_bits(i for i, os in enumerate(other_gates) if any(not inner[o] for o in os)),
        other_needs=tuple(
            (o, _bits(i for i, need in enumerate(required) if o in need))
            for o in sorted(others)
            if any(o in need for need in required)
        ),
        other_gates=tuple(map(tuple, other_gates)),
    )


def word_bits(word: str) -> int:
    """Packed masks of the gate and required strings inside ``word`` (or several, space-joined)."""
    gating = _gating()
    opens = gating.opens
    bits = 0
    for found in gating.scanner.findall(word):
        bits |= opens[found]
    return bits


def open_rules(lowered: str, packed: int) -> list[int]:
    """Indices of the rules that pass both their gate and their required strings, in order.

    ``packed`` holds the masks of every word of ``lowered`` (``word_bits``). A gate string with
    other characters counts when it occurs in the text with runs of white space made single
    spaces and one space added at the end.
    """
    gating = _gating()
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


def words_bits(lowered: str) -> int:
    """Packed masks of every word of ``lowered`` found by scanning it (no word table)."""
    return word_bits(" ".join(_ALPHA.findall(lowered)))
