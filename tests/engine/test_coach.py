"""Message coach: table-driven tests from the JSON case files, plus the API's promises."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from mend.engine.coach import (
    HARMFUL_KINDS,
    HELPFUL_KINDS,
    MAX_CHARS,
    Analysis,
    Finding,
    analyze,
    escalation_risk,
    reflect,
    rewrites,
)

CASES = Path(__file__).resolve().parent / "cases"


def _load(name: str) -> list[dict[str, Any]]:
    return json.loads((CASES / name).read_text(encoding="utf-8"))


MUST_FLAG = _load("must_flag.json")
MUST_NOT_FLAG = _load("must_not_flag.json")
CRISIS = _load("crisis.json")


def test_case_files_are_big_enough_and_cover_every_kind() -> None:
    assert len(MUST_FLAG) >= 150
    assert len(MUST_NOT_FLAG) >= 150
    covered = {k for case in MUST_FLAG for k in case["kinds"]} | {"crisis"}
    assert covered >= HARMFUL_KINDS | HELPFUL_KINDS
    for case in MUST_FLAG + MUST_NOT_FLAG + CRISIS:
        assert set(case) == {"text", "kinds", "note"}


@pytest.mark.parametrize("case", MUST_FLAG, ids=lambda c: c["note"])
def test_must_flag(case: dict[str, Any]) -> None:
    got = analyze(case["text"]).kinds
    assert set(case["kinds"]) <= got, f"{case['text']!r}: expected {case['kinds']}, got {sorted(got)}"


@pytest.mark.parametrize("case", MUST_NOT_FLAG, ids=lambda c: c["note"])
def test_must_not_flag(case: dict[str, Any]) -> None:
    a = analyze(case["text"])
    harmful = [(f.kind, case["text"][f.start : f.end]) for f in a.harmful]
    assert not harmful, f"{case['text']!r} flagged {harmful}"
    assert not a.crisis
    assert set(case["kinds"]) <= a.kinds


@pytest.mark.parametrize("case", CRISIS, ids=lambda c: c["text"][:30])
def test_crisis_language_is_recognised_and_never_rewritten(case: dict[str, Any]) -> None:
    a = analyze(case["text"])
    assert a.crisis
    assert a.rewrite is None
    assert rewrites(case["text"]) == ()


def test_issue_example() -> None:
    a = analyze("You never listen to me. Whatever.")
    assert isinstance(a, Analysis)
    assert {"absolute", "blame", "stonewalling"} <= a.kinds
    assert set(a.scores) >= {"hostility", "appreciation", "apology"}
    assert all(0.0 <= v <= 1.0 for v in a.scores.values())
    assert a.scores["hostility"] >= 0.5
    assert a.rewrite is not None
    assert not a.crisis


def test_findings_explain_themselves_with_the_triggering_words() -> None:
    text = "You're such an idiot and you always forget."
    for f in analyze(text).findings:
        assert isinstance(f, Finding)
        assert 0 <= f.start < f.end <= len(text)
        words = " ".join(text[f.start : f.end].split())
        assert words[:20] in f.explanation
        assert "\n" not in f.explanation
        assert f.suggestion is None or f.suggestion.strip()


def test_results_are_frozen() -> None:
    a = analyze("Thank you for dinner")
    with pytest.raises(AttributeError):
        a.crisis = True  # type: ignore[misc]
    with pytest.raises(AttributeError):
        a.findings[0].kind = "blame"  # type: ignore[misc]


@pytest.mark.parametrize(
    ("text", "score"),
    [
        ("Thank you so much, I really appreciate it!", "appreciation"),
        ("I'm so sorry, I was wrong to shout at you.", "apology"),
        ("You're a pathetic useless idiot, I hate you.", "hostility"),
    ],
)
def test_scores_follow_the_message(text: str, score: str) -> None:
    assert analyze(text).scores[score] >= 0.5


def test_warm_message_scores_low_on_hostility_and_has_no_rewrite() -> None:
    a = analyze("Thank you for picking up the kids, that was really kind.")
    assert a.scores["hostility"] < 0.5
    assert a.rewrite is None


@pytest.mark.parametrize(
    "text",
    [
        "You never help with the dishes and you're so lazy!!!",
        "It's all your fault we were late to my mum's dinner.",
        "You always ignore me when your friends are around. Whatever.",
        "Why do you always leave the kitchen in a mess?",
    ],
)
def test_rewrite_is_feeling_situation_need_request_and_calm(text: str) -> None:
    options = rewrites(text)
    assert len(options) >= 2
    for option in options:
        assert option.startswith(("I feel", "I care", "Can I share"))
        assert "I need" in option or "What I need" in option
        assert "?" in option
        assert analyze(option).scores["hostility"] < 0.5
        assert not analyze(option).harmful
    assert analyze(text).rewrite == options[0]


def test_rewrite_keeps_topic_words_and_adds_no_new_facts() -> None:
    option = rewrites("You never help with the dishes after dinner!")[0]
    for word in ("help", "dishes", "dinner"):
        assert word in option
    assert "never" not in option
    for invented in ("yesterday", "Monday", "mother", "money"):
        assert invented not in option


def test_reflect_sounds_like() -> None:
    out = reflect("I'm exhausted and nobody helps with the kids")
    assert out.startswith("It sounds like")
    assert "exhausted" in out
    assert "kids" in out
    assert "you're" in out
    assert reflect("").startswith("I'm listening")


def test_escalation_risk_is_a_probability_and_rises_with_hostility() -> None:
    calm = escalation_risk(["Could we talk tonight?", "Sure, thanks for asking."])
    heated = escalation_risk(
        ["You never listen.", "Oh great, here we go again. You're pathetic.", "Shut up!!!"]
    )
    assert 0.0 <= calm <= 1.0
    assert 0.0 <= heated <= 1.0
    assert heated > calm
    assert 0.0 <= escalation_risk([]) <= 1.0


def test_max_chars_is_exported_and_longer_input_does_not_crash() -> None:
    assert MAX_CHARS == 5000
    a = analyze("You never listen. " * 400)
    assert len(a.text) > MAX_CHARS
    assert all(f.end <= len(a.text) for f in a.findings)


@pytest.mark.parametrize(
    "text", ["I don’t care what you think", "You’re never home and it’s always my job", "“Thanks” a lot"]
)
def test_a_phones_curly_quotes_read_like_straight_ones(text: str) -> None:
    straight = text.replace("’", "'").replace("“", '"').replace("”", '"')
    curly, plain = analyze(text), analyze(straight)
    assert curly.scores == plain.scores
    assert [(f.kind, f.start, f.end) for f in curly.findings] == [
        (f.kind, f.start, f.end) for f in plain.findings
    ]


def test_the_coach_keeps_no_reference_to_a_message_it_has_answered() -> None:
    """Nothing typed into the coach is kept once the caller lets go of the answer."""
    import gc
    import sys

    text = "".join(["You never listen", " to me, ", str(id(object()))])
    before = sys.getrefcount(text)
    result = analyze(text)
    assert result.rewrite
    del result
    gc.collect()
    assert sys.getrefcount(text) == before


def test_kind_sets() -> None:
    assert "contempt" in HARMFUL_KINDS
    assert "appreciation" in HELPFUL_KINDS
    assert not HARMFUL_KINDS & HELPFUL_KINDS


def test_every_trigger_word_opens_its_rules() -> None:
    """A gate string together with one string the pattern requires opens the rule."""
    from mend.engine.coach import _gating, _model

    every = _gating.rules()
    needs = _gating.needs()
    m = _model.model()
    assert m is not None
    for i, rule in enumerate(every):
        for gate in sorted(rule.gate) or ["nothing"]:
            for need in sorted(needs[i]) or ["at all"]:
                text = f"well {gate} and {need} then "
                assert i in _gating.open_rules(text, _gating.words_bits(text)), (rule.rule, text)
                # the same masks collected by the scoring model's word records
                assert i in _gating.open_rules(text, _model.scan(m, text)[3]), (rule.rule, text)


@pytest.mark.parametrize(
    "text",
    [
        "'you're' a 'jerk'",
        "rock'n'roll, you idiot",
        "we'can't talk about it'i'm done",
        "you2 never 4ever listen",
        "y'all'd better stop",
        "ok'",
        "don''t you dare",
        "whatever’s fine by me",
        "thank you so much :)",
        "",
        *(c["text"] for c in MUST_FLAG[:40] + MUST_NOT_FLAG[:40] + CRISIS[:10]),
    ],
)
def test_the_models_word_pass_gives_the_rules_masks(text: str) -> None:
    """The masks gathered from the model's tokens equal those from scanning every word.

    The model's tokens split words differently (digits, apostrophes); no rule may be skipped.
    """
    from mend.engine.coach import _gating, _model
    from mend.engine.coach._features import normalize

    m = _model.model()
    assert m is not None
    lowered = normalize(text)[1]
    assert _model.scan(m, lowered)[3] == _gating.words_bits(lowered)


def test_a_rule_is_skipped_only_without_its_required_strings() -> None:
    """Every match of a pattern contains one of the strings derived from it."""
    from mend.engine.coach import _gating

    texts = [c["text"] for c in MUST_FLAG + MUST_NOT_FLAG + CRISIS]
    checked = 0
    for rule, need in zip(_gating.rules(), _gating.needs(), strict=True):
        if not need:
            continue
        for text in texts:
            for m in rule.regex.finditer(text.lower()):
                checked += 1
                assert any(n in m.group() for n in need), (rule.rule, m.group())
    assert checked > 100


def test_required_strings_of_a_pattern() -> None:
    from re import _parser

    from mend.engine.coach._required import _required

    assert _required(_parser.parse(r"\bgo\s+away\b")) == {"away"}
    assert _required(_parser.parse(r"\b(?:kill|hurt)\s+me|\bsuicid\w*")) == {"kill", "hurt", "suicid"}
    assert _required(_parser.parse(r"\b(?:x+|maybe)\s+so")) == {"so"}
    assert _required(_parser.parse(r"(?:yes\s+)?\w+")) is None
    # a repeat of a known spelling joins what comes before and after it
    assert _required(_parser.parse(r"\bf\*+k\s+(?:you|u)\b")) == {"f*"}
    assert _required(_parser.parse(r"\bno+\b")) == {"no"}
    assert _required(_parser.parse(r"(?:one|\w+)")) is None


def test_shipped_required_strings_match_the_patterns(capsys: pytest.CaptureFixture[str]) -> None:
    """required.tsv is regenerated whenever patterns.tsv or lexicons.tsv change."""
    from mend.engine.coach import _required

    assert _required.main(["--check"]) == 0, capsys.readouterr().out


def test_a_changed_pattern_is_derived_afresh(monkeypatch: pytest.MonkeyPatch) -> None:
    """A row whose digest no longer fits its pattern is ignored, not trusted."""
    from mend.engine.coach import _data, _gating

    shipped = _gating.needs()
    stale = {rule: ("000000000000", frozenset({"zzz"})) for rule in _data.required_rows()}
    monkeypatch.setattr(_gating, "required_rows", lambda: stale)
    _gating.needs.cache_clear()
    try:
        assert _gating.needs() == shipped
    finally:
        _gating.needs.cache_clear()


@pytest.mark.parametrize(
    "text",
    [
        "I don't hate you, I'm just tired!!",
        "you're not wrong, but never say never?",
        "Thaaanks sooo much, zzzqqq unknownword",
        "the stupidestly annoyingness of it, frustratingish",
        "wouldn't it be nice if you listened",
        "",
        "!!!",
    ],
)
def test_one_pass_scorer_matches_its_features(text: str) -> None:
    """The scorer's word loop equals a plain sum over ``_features`` (as in training)."""
    import math

    from mend.engine.coach import _model, _rules
    from mend.engine.coach._features import LONG_PREFIX, PREFIX, model_dense, tokens

    m = _model.model()
    assert m is not None
    kinds = sorted({f.kind for f in _rules.find(text)})
    toks = tokens(text)
    dense = model_dense(text, toks)
    values = [dense.get(name, 1.0) for name in _model.DENSE]
    want = [0.0, 0.0, 0.0]
    emb = [0.0, 0.0, 0.0]
    known = 0
    prev = "<s>"
    for tok in toks:
        record = m.words.get(tok)
        if record is None:
            prefix = m.prefixes.get(tok[:PREFIX]) if len(tok) > PREFIX else None
            longer = m.long_prefixes.get(tok[:LONG_PREFIX]) if len(tok) > LONG_PREFIX else None
            word = tuple(x + y for x, y in zip(prefix or (0.0,) * 3, longer or (0.0,) * 3, strict=True))
        else:
            word = record[:3]
            if record[6]:
                known += 1
                emb = [e + x for e, x in zip(emb, record[3:6], strict=True)]
        pair = m.pairs.get(prev + " " + tok, (0.0, 0.0, 0.0))
        want = [w + (x + y) / math.sqrt(len(toks)) for w, x, y in zip(want, word, pair, strict=True)]
        prev = tok
    for t in range(3):
        if known:
            want[t] += emb[t] / known
        want[t] += sum(v * w[t] for v, w in zip(values, m.dense, strict=True))
        want[t] += sum(m.kinds[k][t] for k in kinds if k in m.kinds)
    got = _model.raw_scores(text, kinds)
    assert [got[name] for name in _model.TASKS] == pytest.approx(want, abs=1e-3)


@pytest.mark.parametrize(
    "text", ["WHY", "ÉA AB", "xAB AB", "AB", "A AB,CD E", "_AB", "9AB CD", "I'M DONE. OK", "Ab AB'S"]
)
def test_capitals_rule_matches_where_a_word_boundary_would(text: str) -> None:
    import re

    from mend.engine.coach import _gating

    (caps,) = [r for r in _gating.rules() if r.rule == "caps"]
    plain = re.compile(r"\b[A-Z][A-Z']*[A-Z](?:[\s,]+[A-Z][A-Z']*)*\b")
    assert [m.span() for m in caps.regex.finditer(text)] == [m.span() for m in plain.finditer(text)]


def test_rewrite_softens_charged_words_but_keeps_the_topic_and_the_negation() -> None:
    from mend.engine.coach import _rewrite, _rules, hostility

    text = "The kitchen is a disgusting mess again and I am not cleaning it"
    plain = _rewrite.candidates(text, _rules.find(text))[0]
    assert hostility(plain) >= 0.5  # naming the situation as written would not read calm
    best = rewrites(text)[0]
    assert hostility(best) < 0.5
    assert {"kitchen", "mess", "not", "cleaning"} <= set(best.lower().replace(".", " ").split())
    assert "disgusting" not in best


def test_a_lone_word_left_after_cutting_is_not_used_as_the_situation() -> None:
    from mend.engine.coach import _rewrite, _rules

    text = "Sorry if you felt hurt, but you started it."
    assert _rewrite.situation(text, _rules.find(text)) == ""  # only "hurt" is left after the cuts
    best = rewrites(text)[0]
    assert "when hurt" not in best and "hurt" in best


def test_softening_never_drops_a_negation_and_gives_up_instead() -> None:
    from mend.engine.coach import _rewrite

    def fake_hostility(text: str) -> float:
        return 0.9 if " not " in text or "dreadful" in text else 0.1

    render = "I feel sad when {}.".format
    assert _rewrite._softened("the dreadful trip is not over", render, fake_hostility) is None
    assert _rewrite._softened("the dreadful trip is over", render, fake_hostility) == "the trip is over"
    assert _rewrite._softened("the trip was awful", render, lambda t: 0.9 if "awful" in t else 0.1) == (
        "the trip was hard"
    )


def test_without_its_model_the_coach_still_finds_and_flags(monkeypatch: pytest.MonkeyPatch) -> None:
    """A missing model.json leaves the rules working (gated by scanning the words) and scores neutral."""
    from mend.engine.coach import _model

    text = "You never listen, you idiot. Whatever."
    with_model = analyze(text)
    assert with_model.rewrite  # worked out now, while the model is there
    monkeypatch.setattr(_model, "model", lambda: None)
    without = analyze(text)
    assert without.findings == with_model.findings
    assert without.scores["appreciation"] == without.scores["apology"] == 0.5
    assert without.scores["hostility"] == 0.6  # contempt alone makes it hostile
    assert without.rewrite is None  # no rewrite it cannot check for calm
