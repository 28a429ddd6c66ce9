"""Private safety check: table-driven bands, reasons, validation and wording."""

from __future__ import annotations

import re

import pytest

from mend.engine.checkup import AnswerError
from mend.engine.safety import (
    SAFETY_PLAN_STEPS,
    load_safety_bank,
    safety_result,
)

URGENT_ITEMS = (
    "sf_threat_kill",
    "sf_physical",
    "sf_neck",
    "sf_weapon",
    "sf_sexual_force",
    "sf_fear_life",
)
SOME_ITEMS = (
    "sf_fear",
    "sf_eggshells",
    "sf_threats",
    "sf_sexual_pressure",
    "sf_money",
    "sf_phone",
    "sf_movement",
    "sf_friends",
    "sf_monitoring",
)


def all_no() -> dict[str, object]:
    return {item.id: "no" for item in load_safety_bank().items} | {"sf_safe_now": "yes"}


def test_bank_covers_every_area_and_severity_matches_the_rules() -> None:
    bank = load_safety_bank()
    assert {i.id for i in bank.items} == set(URGENT_ITEMS) | set(SOME_ITEMS)
    assert {i.id for i in bank.items if i.severity == "urgent"} == set(URGENT_ITEMS)
    assert {i.area for i in bank.items} == {
        "fear",
        "threats",
        "physical",
        "sexual",
        "control",
        "monitoring",
    }
    assert bank.version >= 1 and bank.disclaimer == "A reflection aid, not a clinical assessment."


# (case name, answers on top of all "no", expected band, expected fired ids)
CASES: list[tuple[str, dict[str, object], str, tuple[str, ...]]] = [
    ("all no", {}, "none", ()),
    ("nothing answered", {"__empty__": True}, "none", ()),
    *[(f"yes {i}", {i: "yes"}, "urgent", (i,)) for i in URGENT_ITEMS],
    *[(f"yes {i}", {i: "yes"}, "some", (i,)) for i in SOME_ITEMS],
    *[(f"not sure {i}", {i: "not_sure"}, "some", (i,)) for i in URGENT_ITEMS],
    *[(f"not sure {i}", {i: "not_sure"}, "none", ()) for i in SOME_ITEMS],
    ("unsafe to answer now", {"sf_safe_now": "no"}, "some", ("sf_safe_now",)),
    ("unsure if safe to answer", {"sf_safe_now": "not_sure"}, "some", ("sf_safe_now",)),
    (
        "control and physical: urgent wins, urgent reason first",
        {"sf_money": "yes", "sf_physical": "yes"},
        "urgent",
        ("sf_physical", "sf_money"),
    ),
    ("skipped items are not concerns", {"sf_physical": None, "sf_fear": None}, "none", ()),
]


@pytest.mark.parametrize(("answers", "band", "fired"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_bands(answers: dict[str, object], band: str, fired: tuple[str, ...]) -> None:
    given = {} if answers.get("__empty__") else all_no() | answers
    result = safety_result(given)
    assert result.band == band
    assert result.fired == fired
    assert len(result.reasons) == len(fired)
    assert result.pause_couple_exercises is (band != "none")
    assert result.emergency_first is (band == "urgent")
    assert result.concern is (band != "none")
    assert result.next_steps == (SAFETY_PLAN_STEPS if band != "none" else ())
    assert result.headline and result.message


def test_safe_to_answer_now() -> None:
    assert safety_result({"sf_safe_now": "yes"}).safe_to_answer_now is True
    unsafe = safety_result({"sf_safe_now": "no"})
    assert unsafe.safe_to_answer_now is False
    assert "quick-exit" in unsafe.reasons[0]
    assert safety_result({}).safe_to_answer_now is None


def test_counts() -> None:
    result = safety_result({"sf_fear": "yes", "sf_money": "no", "sf_safe_now": "yes"})
    assert result.answered == 2
    assert result.total == len(URGENT_ITEMS) + len(SOME_ITEMS)
    assert result.areas == ("fear",)


@pytest.mark.parametrize(
    ("answers", "message"),
    [
        ({"sf_unknown": "yes"}, "'sf_unknown' is not a question in the safety check"),
        ({"sf_fear": "maybe"}, "expected one of: no, not_sure, yes"),
        ({"sf_fear": True}, "expected one of"),
        ({"sf_safe_now": "later"}, "expected one of: yes, no, not_sure"),
    ],
)
def test_validation(answers: dict[str, object], message: str) -> None:
    with pytest.raises(AnswerError, match=re.escape(message)):
        safety_result(answers)


DIAGNOSTIC = re.compile(
    r"you are (being )?abused|you are a victim|you('| a)re in an abusive|abuser|is abusive",
    re.IGNORECASE,
)


def every_user_facing_text() -> list[str]:
    bank = load_safety_bank()
    texts = [bank.intro, bank.title, bank.safe_now_text, bank.safe_now_reason, *SAFETY_PLAN_STEPS]
    texts += [i.text for i in bank.items] + [i.reason for i in bank.items]
    texts += [m.headline for m in bank.messages.values()]
    texts += [m.message for m in bank.messages.values()]
    return texts


def test_wording_is_never_a_diagnosis() -> None:
    for text in every_user_facing_text():
        assert not DIAGNOSTIC.search(text), text


def test_results_point_to_help_and_safety_planning() -> None:
    urgent = safety_result({"sf_neck": "yes"})
    assert "emergency number" in urgent.message
    assert "safety plan" in urgent.message
    some = safety_result({"sf_phone": "yes"})
    assert "support line or counsellor" in some.message
    assert "not to blame" in some.message
    assert "emergency number" in SAFETY_PLAN_STEPS[0]
    assert 5 <= len(SAFETY_PLAN_STEPS) <= 10
