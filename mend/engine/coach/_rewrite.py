"""Calmer rewrites (feeling + situation + need + request) and active-listening reflections.

Rewrites keep the writer's own situation words, drop insults, threats and shutdown phrases,
soften absolutes, and add only a feeling, a need and a request: never new facts.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import partial

from ._data import word_scores
from ._types import Finding

_SENTENCE = re.compile(r"[^.!?\n,;]+[.!?\n,;]*")
_DROP_SENTENCE_KINDS = frozenset(
    {"contempt", "threat", "stonewalling", "criticism", "defensiveness", "crisis"}
)
_CUT_SPAN_KINDS = frozenset({"escalation", "non_apology"})
_PROFANITY = re.compile(
    r"\b(?:fuck\w*|f\*+\w*|shit\w*|damn\w*|goddamn\w*|crap\w*|bloody|hell|ass|asshole|bitch\w*|"
    r"piss\w*|wtf|stfu|ffs|omfg)\b",
    re.IGNORECASE,
)
_SOFTEN = (
    (re.compile(r"\bevery\s+(?:single\s+)?time\b", re.IGNORECASE), "sometimes"),
    (re.compile(r"\ball\s+the\s+time\b", re.IGNORECASE), "often"),
    (re.compile(r"\b(?:always|constantly|continually|forever)\b", re.IGNORECASE), "often"),
    (re.compile(r"\bnever\b", re.IGNORECASE), "rarely"),
    (re.compile(r"\b(?:it'?s|this\s+is|that'?s)\s+(?:all\s+)?your\s+fault\b", re.IGNORECASE), ""),
    (re.compile(r"\bbecause\s+of\s+you\b", re.IGNORECASE), ""),
)
_WHY = re.compile(
    r"^\s*why\s+(?:(?:do|did|would|are)\s+you|(?:can'?t|won'?t|don'?t|didn'?t|couldn'?t)\s+you)\s+",
    re.IGNORECASE,
)
_LEAD = re.compile(r"^\s*(?:and|but|so|or|well|also|plus|then|like|just|ugh|oh|wow)\b[\s,]*", re.IGNORECASE)
_SPACES = re.compile(r"\s+")
_WORD = re.compile(r"[A-Za-z']+")

FEELINGS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(p, re.IGNORECASE), f)
    for p, f in (
        (r"\b(?:tired|exhausted|drained|worn|sleep|burn(?:t|ed)\s+out)\w*", "worn out"),
        (r"\b(?:lonely|alone|ignored|invisible|miss(?:ing)?|distant|left\s+out)\b", "lonely"),
        (r"\b(?:scared|afraid|worried|anxious|nervous|fear\w*|panic\w*)\b", "worried"),
        (r"\b(?:stress\w*|overwhelm\w*|too\s+much|busy|swamped|exams?|deadlines?|work)\b", "stretched thin"),
        (r"\b(?:hurt|sad|cry\w*|upset|disappoint\w*|let\s+down|broke|lost)\b", "hurt"),
        (r"\b(?:lie|lied|lying|cheat\w*|trust|betray\w*|secret\w*|phone)\b", "uneasy"),
        (r"\b(?:money|spend\w*|spent|pay\w*|bills?|debt|bought)\b", "uneasy"),
    )
)
DEFAULT_FEELING = "upset"
# Tried, in order, when the writer's feeling word with their situation still reads hostile: a
# gentler feeling is preferred over dropping the writer's own words from the situation.
GENTLER_FEELINGS = ("let down", "stretched thin")

NEEDS: tuple[tuple[re.Pattern[str], str, str], ...] = tuple(
    (re.compile(p, re.IGNORECASE), need, request)
    for p, need, request in (
        (
            r"\b(?:dish\w*|chores?|clean\w*|laundry|house\w*|kitchen|trash|cook\w*|kids?|children|groceries|help\w*)\b",
            "more teamwork at home",
            "make a plan for sharing this",
        ),
        (
            r"\b(?:listen\w*|hear\w*|talk\w*|ignor\w*|interrupt\w*|phone|text\w*|call\w*|respond\w*|answer\w*)\b",
            "to feel heard",
            "set aside some time to talk, just the two of us",
        ),
        (
            r"\b(?:time|late|work\w*|home|weekend|night|around|busy|out|friends?)\b",
            "more time together",
            "plan some time together that works for both of us",
        ),
        (
            r"\b(?:money|spend\w*|spent|pay\w*|bills?|debt|bought|buy\w*)\b",
            "for us to be on the same page about money",
            "sit down and look at it together",
        ),
        (
            r"\b(?:lie|lied|lying|cheat\w*|trust|betray\w*|secret\w*)\b",
            "to be able to trust each other",
            "talk openly about what happened",
        ),
        (
            r"\b(?:tired|exhausted|sleep|stress\w*|overwhelm\w*|exams?|essays?|deadlines?)\b",
            "some rest and support",
            "figure out together what would make this lighter",
        ),
    )
)
DEFAULT_NEED = ("for us to understand each other", "talk about it when we're both calm")

_TEMPLATES = (
    "I feel {feeling} when {situation}. I need {need}. Could we {request}? I'd really appreciate it.",
    "I care about us, and I feel {feeling} when {situation}. What I need is {need}. "
    "Would you be willing to {request}? Thank you for hearing me.",
    "Can I share something? When {situation}, I feel {feeling}. I need {need}. "
    "Could we {request} together? It would mean a lot to me.",
)
_TEMPLATES_NO_SITUATION = (
    "I feel {feeling} about what just happened. I need {need}. Could we {request}? I'd really appreciate it.",
    "I care about us, and right now I feel {feeling}. What I need is {need}. "
    "Would you be willing to {request}? Thank you for hearing me.",
)


def _in_any(start: int, end: int, spans: Sequence[Finding]) -> bool:
    return any(f.start < end and start < f.end for f in spans)


def situation(text: str, findings: Sequence[Finding]) -> str:
    """The writer's own description of what happened, with hurtful parts taken out."""
    drop = [f for f in findings if f.kind in _DROP_SENTENCE_KINDS]
    cut = sorted((f for f in findings if f.kind in _CUT_SPAN_KINDS), key=lambda f: f.start)
    kept: list[str] = []
    for m in _SENTENCE.finditer(text):
        if _in_any(m.start(), m.end(), drop):
            continue
        piece = m.group()
        offset = m.start()
        for f in reversed(cut):
            if offset <= f.start and f.end <= m.end():
                piece = piece[: f.start - offset] + " " + piece[f.end - offset :]
        kept.append(piece)
    out = " ".join(kept)
    out = _PROFANITY.sub(" ", out)
    for regex, repl in _SOFTEN:
        out = regex.sub(repl, out)
    clauses = []
    for part in re.split(r"[.!?\n]+", out):
        part = _SPACES.sub(" ", part).strip(" ,;:-")
        if not part:
            continue
        why = _WHY.match(part)
        if why:
            negative = re.search(r"n'?t\s+you\s*$", why.group(), re.IGNORECASE)
            part = ("you don't " if negative else "you ") + part[why.end() :]
        part = _LEAD.sub("", part)
        if part.isupper() and len(part) > 3:
            part = part.lower()
        part = re.sub(r"\b[A-Z]{4,}\b", lambda w: w.group().lower(), part)
        if part and not part.startswith("I ") and not part.startswith("I'"):
            part = part[0].lower() + part[1:]
        part = part.strip(" ,;:-")
        if len(part.split()) >= 2:  # a lone word left after a cut ("hurt") is not a situation
            clauses.append(part)
    text_out = ", and ".join(c for c in clauses[:3] if c)
    return text_out


def feeling_for(text: str) -> str:
    for regex, feeling in FEELINGS:
        if regex.search(text):
            return feeling
    return DEFAULT_FEELING


def need_for(text: str) -> tuple[str, str]:
    for regex, need, request in NEEDS:
        if regex.search(text):
            return need, request
    return DEFAULT_NEED


def _with_situation(sit: str, feeling: str, need: str, request: str) -> list[str]:
    return [t.format(feeling=feeling, situation=sit, need=need, request=request) for t in _TEMPLATES]


def candidates(text: str, findings: Sequence[Finding]) -> list[str]:
    sit = situation(text, findings)
    feeling = feeling_for(text)
    need, request = need_for(text)
    out = []
    if sit and _WORD.search(sit):
        out.extend(_with_situation(sit, feeling, need, request))
    for template in _TEMPLATES_NO_SITUATION:
        out.append(template.format(feeling=feeling, need=need, request=request))
    return out


# Charged words get a milder word of the same kind where one reads naturally; others are dropped.
_MILDER = {
    "hate": "dislike",
    "hated": "disliked",
    "hates": "dislikes",
    "hating": "disliking",
    "sick": "tired",
    "furious": "upset",
    "pissed": "upset",
    "livid": "upset",
    "disgusted": "upset",
    "worst": "hardest",
    "horrible": "hard",
    "awful": "hard",
    "terrible": "hard",
    "horrendous": "hard",
    "miserable": "hard",
    "annoying": "tiring",
    "annoyed": "worn out",
    "infuriating": "tiring",
    "ridiculous": "hard to follow",
}
_MILD_WORDS = frozenset(_MILDER.values())
_CHARGED_VALENCE = -1.5
_MAX_STEPS = 6
_MAX_SITUATION_WORDS = 40


def _charged(core: str) -> bool:
    if core in _MILD_WORDS:
        return False
    return (
        core in _MILDER
        or word_scores("valence.tsv").get(core, 0.0) <= _CHARGED_VALENCE
        or bool(_PROFANITY.fullmatch(core))
    )


def _softened(sit: str, render: Callable[[str], str], hostility: Callable[[str], float]) -> str | None:
    """The situation with its charged words made milder or dropped, greedily, until the rewrite reads calm.

    Keeps the writer's topic words instead of falling back to a rewrite without any situation.
    Only strongly negative words (by the valence lexicon) are touched, so the sentence keeps its
    frame and its negations. None if that is not enough.
    """
    words = sit.split(" ")
    if len(words) > _MAX_SITUATION_WORDS:
        return None
    score = hostility(render(sit))
    for _ in range(_MAX_STEPS):
        if score < 0.5:
            break
        best: tuple[float, list[str]] | None = None
        for i, word in enumerate(words):
            core = word.strip(".,!?;:\"'()").lower()
            if not core or not _charged(core):
                continue
            if core in _MILDER:  # a word of the same kind keeps the sentence whole
                trial = [*words[:i], word.lower().replace(core, _MILDER[core]), *words[i + 1 :]]
            else:
                trial = words[:i] + words[i + 1 :]
            trial_score = hostility(render(" ".join(trial)))
            if best is None or trial_score < best[0]:
                best = (trial_score, trial)
        if best is None:
            return None
        score, words = best
    softer = " ".join(words)
    return softer if score < 0.5 and _WORD.search(softer) else None


def _render_first(feeling: str, need: str, request: str, situation: str) -> str:
    return _TEMPLATES[0].format(feeling=feeling, situation=situation, need=need, request=request)


def calm_rewrites(
    text: str, findings: Sequence[Finding], hostility: Callable[[str], float]
) -> tuple[str, ...]:
    """Candidates whose own hostility score is below 0.5, best first.

    When every version that names the situation still reads hostile, the situation is softened
    word by word, with the writer's feeling and then with gentler ones; the version that drops the
    fewest of the writer's words wins, so the rewrite stays about what the writer meant.
    """
    options = candidates(text, findings)
    good = [c for c in options if hostility(c) < 0.5]
    with_situation = len(options) - len(_TEMPLATES_NO_SITUATION)
    if with_situation > 0 and not any(c in good for c in options[:with_situation]):
        sit = situation(text, findings)
        need, request = need_for(text)
        best: tuple[int, str, str] | None = None  # (words dropped, feeling, situation)
        for feeling in dict.fromkeys((feeling_for(text), *GENTLER_FEELINGS)):
            softer = _softened(sit, partial(_render_first, feeling, need, request), hostility)
            if softer is None:
                continue
            dropped = len(sit.split()) - len(softer.split())
            if best is None or dropped < best[0]:
                best = (dropped, feeling, softer)
            if dropped == 0:
                break
        if best is not None:
            _, feeling, softer = best
            good = [c for c in _with_situation(softer, feeling, need, request) if hostility(c) < 0.5] + good
    return tuple(good)


_SWAP = {
    "i": "you",
    "me": "you",
    "my": "your",
    "mine": "yours",
    "myself": "yourself",
    "i'm": "you're",
    "im": "you're",
    "i've": "you've",
    "i'd": "you'd",
    "i'll": "you'll",
    "am": "are",
    "was": "were",
    "we": "you two",
    "our": "your",
    "us": "you both",
    "your": "my",
    "yours": "mine",
    "yourself": "myself",
    "you're": "I'm",
    "you've": "I've",
    "you'll": "I'll",
    "you'd": "I'd",
}
_SUBJECT_BEFORE = frozenset({"", "and", "but", "because", "when", "that", "if", "so", "since", "why"})


def _swap_persons(text: str) -> str:
    words = text.split(" ")
    out: list[str] = []
    prev_i = False
    for idx, raw in enumerate(words):
        core = raw.strip(".,!?;:\"'()").lower()
        lead = raw[: len(raw) - len(raw.lstrip(".,!?;:\"'()"))]
        trail = raw[len(lead) + len(core) :] if core else ""
        if core == "you":
            before = words[idx - 1].strip(".,!?;:").lower() if idx else ""
            rep = "I" if before in _SUBJECT_BEFORE else "me"
        elif core in ("am", "was") and not prev_i:
            rep = core
        elif core in _SWAP:
            rep = _SWAP[core]
        else:
            out.append(raw)
            prev_i = False
            continue
        prev_i = core == "i"
        out.append(lead + rep + trail)
    return " ".join(out)


def reflection(text: str, findings: Sequence[Finding]) -> str:
    sit = situation(text, findings) if findings else text
    sit = _SPACES.sub(" ", sit).strip().rstrip(".!?,;:")
    if not sit or not _WORD.search(sit):
        return "I'm listening. Can you tell me more about what's going on for you?"
    if len(sit) > 240:
        sit = sit[:240].rsplit(" ", 1)[0]
    swapped = _swap_persons(sit)
    if swapped and not swapped.startswith("I "):
        swapped = swapped[0].lower() + swapped[1:]
    feeling = feeling_for(text)
    named = re.search(r"\byou(?:'re|\s+are|\s+feel)\b", swapped)
    if named:
        core = f"It sounds like {swapped}."
    else:
        core = f"It sounds like you're feeling {feeling} because {swapped}."
    return core + " Did I get that right?"
