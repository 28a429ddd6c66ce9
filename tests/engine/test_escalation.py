"""Conversation escalation risk: a probability, higher for talks that are turning personal."""

from __future__ import annotations

from typing import Any

import pytest

from mend.engine.coach import _escalation, escalation_risk

CALM = [
    "Hi, could we talk about the weekend plans when you have a minute?",
    "Sure, thanks for asking. I was thinking maybe we visit my parents on Sunday.",
    "That sounds good to me. I appreciate you checking with me first.",
]
HEATING_UP = [
    "Why did you leave the dishes in the sink again?",
    "I was tired. I will do them later.",
    "You always say that. You never do anything you promise.",
    "Oh please, you are being ridiculous and childish. Stop lying about it!",
]


def test_risk_is_a_probability() -> None:
    for conversation in (CALM, HEATING_UP, CALM + HEATING_UP, HEATING_UP[:1]):
        assert 0.0 <= escalation_risk(conversation) <= 1.0


def test_calm_conversation_scores_lower_than_one_turning_hostile() -> None:
    assert escalation_risk(CALM) < escalation_risk(HEATING_UP)


def test_the_latest_turns_weigh_most() -> None:
    cooling_down = [*HEATING_UP[:2], *CALM]
    assert escalation_risk(cooling_down) < escalation_risk(HEATING_UP)


@pytest.mark.parametrize(
    "messages",
    [
        [],
        [""],
        ["   ", "\n\n"],
        ["?!?!", "...", "\x00"],
        ["😡" * 300, "❤️"],
        ["x" * 100_000],
        ["you " * 20_000],
        ["ok"] * 1_000,
        "a single string, not a list",
        ["fine", 42, None, b"bytes"],
    ],
)
def test_odd_input_does_not_crash(messages: Any) -> None:
    assert 0.0 <= escalation_risk(messages) <= 1.0


def test_single_string_counts_as_one_message() -> None:
    assert escalation_risk("You are pathetic.") == escalation_risk(["You are pathetic."])


def test_identical_input_gives_identical_output() -> None:
    first = escalation_risk(HEATING_UP)
    assert escalation_risk(list(HEATING_UP)) == first
    assert escalation_risk(tuple(HEATING_UP)) == first


def test_empty_conversation_has_all_features_at_zero() -> None:
    feats = _escalation.features([])
    assert set(feats) == set(_escalation.FEATURES)
    assert not any(feats.values())


def test_features_cover_every_name_the_weights_use() -> None:
    _, weights, _ = _escalation._model()
    assert weights
    assert set(weights) <= set(_escalation.FEATURES)
    assert set(_escalation.features(HEATING_UP)) == set(_escalation.FEATURES)


def test_second_person_openings_and_insults_are_read_from_raw_text() -> None:
    lexicon = _escalation._model()[0]
    cues = _escalation.message_features("You\u2019re lying. Why would you do that?", lexicon)
    assert cues["you_start"] == 1.0
    assert cues["direct_question"] == 1.0
    assert cues["insult"] > 0.0
    calm = _escalation.message_features("Thanks, I think that works.", lexicon)
    assert calm["gratitude"] == 1.0
    assert calm["hedge"] > 0.0
    assert calm["you_start"] == calm["insult"] == 0.0
