"""Rule patterns rewritten to match the same text sooner.

Python's regular-expression engine tries a pattern at every position of the text. When every
alternative of a pattern starts with a literal character it skips positions without one of those
characters quickly; an alternative that starts with a word boundary (``\\bword``) is tried in full
everywhere. A word boundary before a letter, though, says no more than "the character before that
letter is not a word character", which can be checked right after the letter:

    \\bwho                     ->  w(?<!\\w.)ho
    \\b(?:no|yes)\\s+x           ->  n(?<!\\w.)o\\s+x|y(?<!\\w.)es\\s+x
    (?:^|(?<=[.!?]\\s))i\\s+x   ->  i(?:(?<=^i)|(?<=(?:[.!?]\\s)i))\\s+x

A leading group is spread over what follows it, and alternatives are gathered by their first
letter (alternatives starting with different letters never compete for one position, and those
sharing one keep their order). Both forms match exactly the same spans: tests check every rule on
the case files and on random mixes of their words. A pattern the rewrite does not understand, or
that has an alternative it can't start with a letter, is left as it is.
"""

from __future__ import annotations

import re

_AFTER_LETTER = r"(?<!\w.)"
_WORD_CHAR = re.compile(r"\w")
_OPENER = re.compile(r"\((?!\?)|\(\?(?::|=|!|<=|<!|P<\w+>|[aiLmsux-]+:)")
_QUANTIFIER = re.compile(r"[?*+]|\{\d*(?:,\d*)?\}")

# A pattern as a tree: a list of alternatives, each a list of items; an item is a string (an
# atom and any quantifier after it) or a group: (opener, alternatives, closer-with-quantifier).
Seq = list["Item"]
Item = str | tuple[str, list[Seq], str]


def _parse(pattern: str, i: int = 0, depth: int = 0) -> tuple[list[Seq], int]:
    alternatives: list[Seq] = [[]]
    n = len(pattern)
    while i < n:
        c = pattern[i]
        if c == "|":
            alternatives.append([])
            i += 1
            continue
        if c == ")":
            if depth == 0:
                raise ValueError("unbalanced parenthesis")
            return alternatives, i
        if c == "(":
            opener = _OPENER.match(pattern, i)
            if opener is None:  # inline flags, comments, conditionals, back-references
                raise ValueError("group not understood")
            inner, j = _parse(pattern, i + len(opener.group()), depth + 1)
            if j >= n:
                raise ValueError("unbalanced parenthesis")
            quantifier = _quantifier(pattern, j + 1)
            alternatives[-1].append((opener.group(), inner, ")" + quantifier))
            i = j + 1 + len(quantifier)
            continue
        if c == "[":
            j = i + 1
            if j < n and pattern[j] == "^":
                j += 1
            if j < n and pattern[j] == "]":
                j += 1
            while j < n and pattern[j] != "]":
                j += 2 if pattern[j] == "\\" else 1
            if j >= n:
                raise ValueError("unterminated character class")
            atom = pattern[i : j + 1]
        elif c == "\\":
            atom = pattern[i : i + 2]
        else:
            atom = c
        i += len(atom)
        quantifier = _quantifier(pattern, i)
        alternatives[-1].append(atom + quantifier)
        i += len(quantifier)
    if depth:
        raise ValueError("unbalanced parenthesis")
    return alternatives, i


def _quantifier(pattern: str, i: int) -> str:
    m = _QUANTIFIER.match(pattern, i)
    if m is None:
        return ""
    end = m.end()
    if end < len(pattern) and pattern[end] in "?+":  # lazy or possessive
        end += 1
    return pattern[i:end]


def _is_letter(item: Item) -> bool:
    return isinstance(item, str) and len(item) == 1 and bool(_WORD_CHAR.match(item))


def _is_anchor(alternative: Seq) -> bool:
    """The start of the text, or a look-behind."""
    if len(alternative) != 1:
        return False
    item = alternative[0]
    return item == "^" or (isinstance(item, tuple) and item[0] == "(?<=" and item[2] == ")")


def _anchors_before(anchors: list[Seq], letter: str) -> str:
    """Look-behinds for "one of ``anchors`` held just before ``letter``", checked after it."""
    out = []
    for (item,) in anchors:
        inner = "(?:" + _render(item[1]) + ")" if isinstance(item, tuple) else item
        out.append(f"(?<={inner}{letter})")
    return "(?:" + "|".join(out) + ")"


def _literal_first(seq: Seq, budget: int) -> list[Seq] | None:
    """Alternatives that together match what ``seq`` matches, each starting with a letter.

    A leading ``\\b`` moves past that letter; a leading group is spread over what follows it.
    None if that can't be done within ``budget`` alternatives.
    """
    if not seq:
        return None
    head = seq[0]
    if _is_letter(head):
        return [seq]
    boundary = head == "\\b"
    if boundary:
        if len(seq) < 2:
            return None
        head = seq[1]
        if _is_letter(head):
            return [[head, _AFTER_LETTER, *seq[2:]]]
    if not isinstance(head, tuple) or head[0] != "(?:" or head[2] not in (")", ")?"):
        return None
    if not boundary and head[2] == ")" and all(map(_is_anchor, head[1])):
        # "(?:^|(?<=x))rest": where the text may start, checked after rest's first letter
        spread = _literal_first(seq[1:], budget)
        if spread is None:
            return None
        return [[s[0], _anchors_before(head[1], str(s[0])), *s[1:]] for s in spread]
    rest = seq[2:] if boundary else seq[1:]
    # an optional group is tried first, then skipped
    alternatives = [*head[1], []] if head[2] == ")?" else head[1]
    out: list[Seq] = []
    for alt in alternatives:
        spread = _literal_first([*(["\\b"] if boundary else []), *alt, *rest], budget - len(out))
        if spread is None:
            return None
        out.extend(spread)
        if len(out) > budget:
            return None
    return out


def _render(alternatives: list[Seq]) -> str:
    return "|".join(
        "".join(item if isinstance(item, str) else item[0] + _render(item[1]) + item[2] for item in seq)
        for seq in alternatives
    )


def quick(pattern: str, budget: int = 40) -> str:
    """``pattern`` rewritten so that every alternative starts with a letter, if it can be.

    The engine then looks only at positions holding one of those letters. A pattern that can't be
    rewritten that way (within ``budget`` alternatives) is returned as it is.
    """
    try:
        tree, _ = _parse(pattern)
    except ValueError:
        return pattern
    if re.compile(pattern).groups:  # spreading would repeat a capturing group
        return pattern
    out: list[Seq] = []
    for seq in tree:
        spread = _literal_first(seq, budget - len(out))
        if spread is None:
            return pattern
        out.extend(spread)
    # one branch per first letter: alternatives starting with different letters never compete
    # for the same position, and those sharing a letter keep their order
    by_letter: dict[str, list[Seq]] = {}
    for seq in out:
        by_letter.setdefault(str(seq[0]), []).append(seq[1:])
    return "|".join(_branch(letter, rests) for letter, rests in by_letter.items())


def _branch(letter: str, rests: list[Seq]) -> str:
    """``letter`` followed by any of ``rests``; a word-boundary check they share is made once."""
    shared = ""
    if all(rest and rest[0] == _AFTER_LETTER for rest in rests):
        shared = _AFTER_LETTER
        rests = [rest[1:] for rest in rests]
    body = _render(rests)
    return letter + shared + (body if len(rests) == 1 else "(?:" + body + ")")
