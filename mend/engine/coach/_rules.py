"""Explainable findings: regular-expression rules from ``data/coach/patterns.tsv``.

Every pattern is a flat alternation with bounded repetition, so matching is linear in the
length of the text. Guards remove matches that are negated ("you're not stupid"), quoted or
reported ("she said …"), or affectionate ("you always make me laugh").
"""

from __future__ import annotations

import re
import re._constants as _sre
import re._parser as _sre_parse
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import Any

from ._data import lexicons, pattern_rows
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


_EXACT_MAX = 64  # largest set of spellings tracked for one stretch of a pattern


def _exact(op: Any, av: Any) -> frozenset[str] | None:
    """Every string one parsed item can match, if there are only a few; zero-width items match ""."""
    if op is _sre.LITERAL:
        return frozenset([chr(av)])
    if op in (_sre.AT, _sre.ASSERT, _sre.ASSERT_NOT):
        return frozenset([""])
    if op is _sre.SUBPATTERN:
        return _exact_seq(av[3])
    if op is _sre.BRANCH:
        branches = [_exact_seq(b) for b in av[1]]
        if any(b is None for b in branches):
            return None
        out = frozenset().union(*branches)  # type: ignore[arg-type]
        return out if len(out) <= _EXACT_MAX else None
    if op is _sre.IN and all(o is _sre.LITERAL for o, _ in av) and len(av) <= _EXACT_MAX:
        return frozenset(chr(a) for _, a in av)
    if op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT) and av[1] <= 1:
        body = _exact_seq(av[2])
        if body is None:
            return None
        return body | {""} if av[0] == 0 else body
    return None


def _exact_seq(items: Any) -> frozenset[str] | None:
    out = frozenset([""])
    for op, av in items:
        e = _exact(op, av)
        if e is None or len(out) * len(e) > _EXACT_MAX:
            return None
        out = frozenset(a + b for a in out for b in e)
    return out


def _required(items: Any) -> frozenset[str] | None:
    """Strings one of which every match of the parsed pattern ``items`` contains, or None.

    A stretch of items with only a few spellings ("you'?re", "(?:kill|hurt)") requires one of
    them; a group or a repeat of at least one passes on its own requirement; an alternation
    requires one of its branches' requirements (none if any branch has none). Of several
    requirements in a sequence the most selective is kept (longest shortest string, then
    fewest strings).
    """
    found: list[frozenset[str]] = []
    stretch = frozenset([""])

    def flush() -> None:
        if "" not in stretch:
            found.append(stretch)

    for op, av in items:
        e = _exact(op, av)
        if e is not None and len(stretch) * len(e) <= _EXACT_MAX:
            stretch = frozenset(a + b for a in stretch for b in e)
            continue
        flush()
        stretch = frozenset([""])
        need: frozenset[str] | None = None
        if e is not None:
            need = e if "" not in e else None
            stretch = e
            continue
        if op is _sre.SUBPATTERN:
            need = _required(av[3])
        elif op is _sre.BRANCH:
            branches = [_required(b) for b in av[1]]
            if all(branches):
                need = frozenset().union(*branches)  # type: ignore[arg-type]
        elif op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT, _sre.POSSESSIVE_REPEAT) and av[0] >= 1:
            need = _required(av[2])
        if need:
            found.append(need)
    flush()
    if not found:
        return None
    return max(found, key=lambda need: (min(map(len, need)), -len(need)))


@cache
def _needs() -> tuple[frozenset[str], ...]:
    """Per rule, strings of which every match contains one (empty: no such strings known).

    Derived from the pattern itself, so this only skips rules that could not match anyway;
    the letter-case rules read the unlowered text and are never skipped this way.
    """
    out = []
    for rule in rules():
        need = None if rule.rule == "caps" else _required(_sre_parse.parse(rule.pattern))
        # a string containing another required string adds nothing
        need = need and frozenset(n for n in need if not any(m != n and m in n for m in need))
        out.append(need or frozenset())
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
    word_bits: dict[str, int]  # word the model knows -> packed masks of the strings inside it
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
    opens: dict[str, int] = {}
    for g in ordered:
        prefixes = {h for h in ordered if g.startswith(h)}
        gates = _bits(i for i, r in enumerate(every) if r.gate & prefixes)
        satisfies = _bits(i for i, need in enumerate(needs) if need & prefixes)
        maybe = _bits(i for i, os in enumerate(other_gates) if any(inner[o] in prefixes for o in os))
        opens[g] = gates | satisfies << lane | maybe << 2 * lane
    others = strings - words
    return _Gating(
        lane=lane,
        scanner=scanner,
        opens=opens,
        word_bits=_vocabulary_bits(scanner, opens),
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


def _vocabulary_bits(scanner: re.Pattern[str], opens: dict[str, int]) -> dict[str, int]:
    """Packed gating masks of every word the scoring model knows (most words of a message)."""
    m = model()
    out: dict[str, int] = {}
    if m is None:
        return out
    findall = scanner.findall
    word_only = _ALPHA_ONLY.match
    for word in m.words:
        if word_only(word):
            bits = 0
            for found in findall(word):
                bits |= opens[found]
            out[word] = bits
    return out


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
            unknown.append(word)
        else:
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
