"""Repair-plan rules: each fires on its intended answers and not otherwise; overrides,
variants (solo, long distance, after a breakup), the conversation opener and plan changes."""

from __future__ import annotations

import datetime as dt
import json
import random
import re
from typing import Any

import pytest

from mend.engine.checkup import CheckupResult, load_bank, score_checkup, shared_view
from mend.engine.plan import (
    AREAS,
    MAX_STEPS,
    MIN_STEPS,
    TOOLS,
    Plan,
    build_plan,
    conversation_opener,
    plan_changes,
)
from mend.engine.safety import SafetyResult, safety_result

SAFE = safety_result({"sf_fear": "no", "sf_physical": "no", "sf_safe_now": "yes"})
TOGETHER = {"st_living": "together", "st_broken_up": "no", "st_partner": "aware_willing"}

# Calm answers on every scale, as raw "level" values before reverse keying:
# concern scales at their lowest, strengths at their highest.
CALM: dict[str, dict[str, int]] = {
    "warning_signs": {
        "arguments": 0,
        "distance": 0,
        "appreciation": 0,
        "defensiveness": 0,
        "avoidance": 0,
    },
    "conflict": {
        "criticism": 0,
        "contempt": 0,
        "defensiveness": 0,
        "stonewalling": 0,
        "flooding": 0,
        "repair": 4,
    },
    "attachment": {"anxiety": 2, "avoidance": 2},
    "relationship": {"satisfaction": 5, "trust": 5, "commitment": 5},
}


def answers_for(
    levels: dict[str, dict[str, int]] | None = None,
    *,
    situation: dict[str, object] | None = None,
    extra: dict[str, dict[str, object]] | None = None,
) -> dict[str, dict[str, object]]:
    """Answers where each scale's items sit at the given level (reverse items mirrored)."""
    merged = {bank: dict(scales) for bank, scales in CALM.items()}
    for bank, scales in (levels or {}).items():
        merged[bank].update(scales)
    out: dict[str, dict[str, object]] = {"situation": dict(situation or TOGETHER)}
    for bank_id, scales in merged.items():
        bank = load_bank(bank_id)
        out[bank_id] = {
            item.id: (
                bank.scale_min + bank.scale_max - scales[item.subscale]
                if item.reverse
                else scales[item.subscale]
            )
            for item in bank.items
            if item.kind == "scale"
        }
    for bank_id, answers in (extra or {}).items():
        out.setdefault(bank_id, {}).update(answers)
    return out


def result_for(
    levels: dict[str, dict[str, int]] | None = None,
    *,
    situation: dict[str, object] | None = None,
    extra: dict[str, dict[str, object]] | None = None,
) -> CheckupResult:
    return score_checkup(answers_for(levels, situation=situation, extra=extra))


def plan_for(
    levels: dict[str, dict[str, int]] | None = None,
    *,
    situation: dict[str, object] | None = None,
    extra: dict[str, dict[str, object]] | None = None,
    safety: SafetyResult | None = SAFE,
    **kwargs: Any,
) -> Plan:
    return build_plan(result=result_for(levels, situation=situation, extra=extra), safety=safety, **kwargs)


def assert_well_formed(plan: Plan) -> None:
    assert MIN_STEPS <= len(plan.steps) <= MAX_STEPS
    assert [s.rank for s in plan.steps] == list(range(1, len(plan.steps) + 1))
    assert len(set(plan.rules)) == len(plan.rules)
    for step in plan.steps:
        assert step.tool in TOOLS and step.area in AREAS
        assert step.title and step.why and step.this_week and step.rule
    assert plan.disclaimer == "A reflection aid, not a clinical assessment."


# ----------------------------------------------------------------- each rule

WS, CF, AT, RL = "warning_signs", "conflict", "attachment", "relationship"

# (rule, answers that should fire it, near-miss answers that should not)
RULE_CASES: list[tuple[str, dict[str, Any], dict[str, Any]]] = [
    ("honest_talk", {"levels": {WS: {"avoidance": 2}}}, {"levels": {WS: {"avoidance": 1}}}),
    ("honest_talk", {"levels": {WS: {"distance": 3}}}, {"levels": {WS: {"distance": 2}}}),
    (
        "honest_talk",
        {"levels": {WS: {"defensiveness": 3}}},
        {"levels": {WS: {"defensiveness": 2}}},
    ),
    ("talk_without_blame", {"levels": {CF: {"criticism": 3}}}, {"levels": {CF: {"criticism": 2}}}),
    ("talk_without_blame", {"levels": {CF: {"contempt": 3}}}, {"levels": {CF: {"contempt": 1}}}),
    (
        "talk_without_blame",
        {"levels": {CF: {"criticism": 2, "defensiveness": 2}}},
        {"levels": {CF: {"defensiveness": 2}}},
    ),
    ("talk_without_blame", {"levels": {WS: {"arguments": 3}}}, {"levels": {WS: {"arguments": 2}}}),
    ("talk_without_blame", {"levels": {CF: {"repair": 1}}}, {"levels": {CF: {"repair": 2}}}),
    ("break_when_flooded", {"levels": {CF: {"flooding": 3}}}, {"levels": {CF: {"flooding": 2}}}),
    (
        "break_when_flooded",
        {"levels": {CF: {"flooding": 2, "stonewalling": 2}}},
        {"levels": {CF: {"stonewalling": 2}}},
    ),
    ("break_when_flooded", {"levels": {CF: {"stonewalling": 3}}}, {"levels": {}}),
    ("rebuild_trust", {"levels": {RL: {"trust": 2}}}, {"levels": {RL: {"trust": 3}}}),
    (
        "rebuild_trust",
        {"levels": {RL: {"trust": 3}}, "extra": {RL: {"rl_broken_by": ["lies"]}}},
        {"levels": {RL: {"trust": 5}}, "extra": {RL: {"rl_broken_by": ["lies"]}}},
    ),
    (
        "rebuild_trust",
        {"extra": {RL: {"rl_broken_by": ["secrecy"]}}, "levels": {RL: {"trust": 3}}},
        {"extra": {RL: {"rl_broken_by": ["distance"]}}, "levels": {RL: {"trust": 3}}},
    ),
    (
        "rebuild_trust",
        {"extra": {"turning_point": {"tp_events": ["betrayal"]}}},
        {"extra": {"turning_point": {"tp_events": ["move"]}}},
    ),
    ("small_acts", {"levels": {WS: {"distance": 2}}}, {"levels": {WS: {"distance": 1}}}),
    ("small_acts", {"levels": {RL: {"satisfaction": 2}}}, {"levels": {RL: {"satisfaction": 3}}}),
    ("appreciation", {"levels": {WS: {"appreciation": 2}}}, {"levels": {WS: {"appreciation": 1}}}),
    ("own_patterns", {"levels": {AT: {"anxiety": 6}}}, {"levels": {AT: {"anxiety": 4}}}),
    ("own_patterns", {"levels": {AT: {"avoidance": 6}}}, {"levels": {AT: {"avoidance": 3}}}),
    ("own_patterns", {"levels": {CF: {"stonewalling": 3}}}, {"levels": {CF: {"stonewalling": 2}}}),
    ("clarity", {"levels": {RL: {"commitment": 2}}}, {"levels": {RL: {"commitment": 3}}}),
    (
        "space_with_rules",
        {"levels": {CF: {"flooding": 3}, WS: {"arguments": 3}}},
        {"levels": {CF: {"flooding": 3}}},
    ),
    (
        "space_with_rules",
        {"levels": {CF: {"flooding": 3, "contempt": 3}}},
        {"levels": {CF: {"flooding": 2, "contempt": 3}}},
    ),
    (
        "shared_goals",
        {"levels": {RL: {"satisfaction": 3}}},
        {"levels": {RL: {"satisfaction": 3, "commitment": 3}}},
    ),
    ("shared_goals", {"extra": {RL: {"rl_wish": "future"}}}, {"extra": {RL: {"rl_wish": "time"}}}),
    (
        "help_very_high_distress",
        {
            "levels": {
                WS: dict.fromkeys(CALM[WS], 4),
                CF: dict.fromkeys(["criticism", "contempt", "flooding"], 4),
                RL: {"satisfaction": 1},
            }
        },
        {"levels": {WS: dict.fromkeys(CALM[WS], 3), RL: {"satisfaction": 3}}},
    ),
]


@pytest.mark.parametrize(
    ("rule", "fires", "near_miss"),
    RULE_CASES,
    ids=[f"{c[0]}-{n}" for n, c in enumerate(RULE_CASES)],
)
def test_rule_fires_on_intended_answers_only(
    rule: str, fires: dict[str, Any], near_miss: dict[str, Any]
) -> None:
    plan = plan_for(**fires)
    assert_well_formed(plan)
    assert rule in plan.rules, plan.rules
    step = plan.step_for(rule)
    assert step is not None and len(step.why) > 40
    assert rule not in plan_for(**near_miss).rules


def test_calm_answers_fire_no_problem_rule() -> None:
    plan = plan_for()
    assert_well_formed(plan)
    assert plan.rules == ("weekly_checkin", "keep_fresh", "journal_reflect")
    assert plan.opener is None
    assert "no pressing problem" in plan.steps[1].why


def test_why_quotes_the_answers_that_triggered_the_step() -> None:
    plan = plan_for({WS: {"avoidance": 3}})
    step = plan.step_for("honest_talk")
    assert step is not None
    assert "Avoiding conversations" in step.why and "(75/100)" in step.why
    assert "I kept quiet about something" in step.why
    assert step.triggers == ("warning_signs.avoidance",)
    assert plan.opener is not None


def test_turning_point_is_named_in_the_honest_talk() -> None:
    plan = plan_for(
        {WS: {"avoidance": 3}},
        extra={"turning_point": {"tp_when": "2025-02", "tp_events": ["child"]}},
    )
    step = plan.step_for("honest_talk")
    assert step is not None and "February 2025, with a new child" in step.why


def test_priorities_strongest_core_first_and_routine_last() -> None:
    plan = plan_for({WS: {"avoidance": 2, "distance": 2}, CF: {"contempt": 4}})
    assert plan.rules[0] == "talk_without_blame"  # contempt at the top lifts it
    assert plan.rules.index("honest_talk") < plan.rules.index("small_acts")
    assert plan.rules[-1] == "weekly_checkin"


def test_at_most_six_steps_when_everything_fires() -> None:
    plan = plan_for(
        {
            WS: dict.fromkeys(CALM[WS], 3),
            CF: {"criticism": 3, "flooding": 3, "repair": 0},
            AT: {"anxiety": 6},
            RL: {"trust": 2, "commitment": 2},
        }
    )
    assert_well_formed(plan)
    assert len(plan.steps) == MAX_STEPS


# ----------------------------------------------------------------- seek help first

HEAVY: dict[str, dict[str, int]] = {
    WS: dict.fromkeys(CALM[WS], 3),
    CF: {"criticism": 3, "contempt": 3, "defensiveness": 3, "flooding": 3},
    RL: {"satisfaction": 2},
}


def test_very_high_distress_alone_puts_help_first() -> None:
    plan = plan_for(
        {
            WS: dict.fromkeys(CALM[WS], 4),
            CF: dict.fromkeys(["criticism", "contempt", "flooding"], 4),
            RL: {"satisfaction": 1},
        }
    )
    first = plan.steps[0]
    assert first.rule == "help_very_high_distress"
    assert first.tool == "help" and first.area == "help"
    assert "very heavy" in first.why


def test_high_distress_on_both_sides_puts_help_first() -> None:
    me = result_for(HEAVY)
    partner = result_for(HEAVY)
    assert me.distress.band is not None and me.distress.band.id == "high"
    alone = build_plan(result=me, safety=SAFE)
    assert not alone.rules[0].startswith("help_")
    together = build_plan(result=me, safety=SAFE, partner_result=partner)
    assert together.rules[0] == "help_both_high_distress"
    assert "both of you" in together.steps[0].why


def test_high_distress_on_one_side_only_does_not() -> None:
    plan = build_plan(result=result_for(HEAVY), safety=SAFE, partner_result=result_for())
    assert not any(r.startswith("help_") for r in plan.rules)


def test_low_commitment_on_both_sides_puts_help_first() -> None:
    unsure = {RL: {"commitment": 1}}
    plan = build_plan(result=result_for(unsure), safety=SAFE, partner_result=result_for(unsure))
    assert plan.rules[0] == "help_both_low_commitment"
    one_sided = build_plan(result=result_for(unsure), safety=SAFE, partner_result=result_for())
    assert not any(r.startswith("help_") for r in one_sided.rules)
    assert "clarity" in one_sided.rules


def test_partner_evidence_names_bands_never_item_texts() -> None:
    partner = result_for({WS: {"appreciation": 3}})
    plan = build_plan(result=result_for(), safety=SAFE, partner_result=partner)
    step = plan.step_for("appreciation")
    assert step is not None
    assert "Your partner's answers point here:" in step.why
    assert step.why.endswith("Missing appreciation or support: often overlooked.")
    assert "/100" not in step.why  # a partner's band is shared, not their exact score
    for item in load_bank(WS).items:
        assert item.text.rstrip(".") not in step.why
    assert plan.headline.startswith("Your shared plan")


def test_clarity_uses_only_your_own_commitment() -> None:
    plan = build_plan(result=result_for(), safety=SAFE, partner_result=result_for({RL: {"commitment": 1}}))
    assert "clarity" not in plan.rules


# ----------------------------------------------------------------- safety override

COUPLE_TOOLS = {"coach", "acts", "appreciation", "promises", "checkin", "break", "goals", "space"}


@pytest.mark.parametrize(
    ("answers", "band", "rules"),
    [
        ({"sf_phone": "yes"}, "some", ("safety_specialist", "safety_plan", "safety_support")),
        ({"sf_safe_now": "no"}, "some", ("safety_specialist", "safety_plan", "safety_support")),
        ({"sf_neck": "yes"}, "urgent", ("safety_now", "safety_specialist", "safety_plan")),
        ({"sf_physical": "not_sure"}, "some", ("safety_specialist", "safety_plan", "safety_support")),
    ],
)
def test_safety_overrides_everything(answers: dict[str, object], band: str, rules: tuple[str, ...]) -> None:
    safety = safety_result(answers)
    me, partner = result_for(HEAVY), result_for(HEAVY)
    plan = build_plan(result=me, safety=safety, partner_result=partner)
    assert_well_formed(plan)
    assert plan.safety_band == band
    assert plan.rules == rules
    assert not plan.couple_exercises and not plan.shareable
    assert plan.opener is None
    assert not {s.tool for s in plan.steps} & COUPLE_TOOLS
    assert "safety" in plan.variants


def test_no_safety_concern_leaves_the_plan_alone() -> None:
    with_check = plan_for({WS: {"avoidance": 3}})
    without = plan_for({WS: {"avoidance": 3}}, safety=None)
    assert with_check.rules == without.rules
    assert with_check.shareable and with_check.safety_band == "none"
    assert without.safety_band is None


# ----------------------------------------------------------------- variants

SOLO = {"st_living": "together", "st_broken_up": "no", "st_partner": "unaware"}
NOT_YET = {"st_living": "together", "st_broken_up": "no", "st_partner": "not_yet"}


@pytest.mark.parametrize("situation", [SOLO, NOT_YET], ids=["unaware", "not-yet"])
def test_solo_plan(situation: dict[str, object]) -> None:
    plan = plan_for(
        {WS: {"avoidance": 3}, RL: {"trust": 2}, CF: {"flooding": 3}, AT: {"anxiety": 6}},
        situation=situation,
    )
    assert_well_formed(plan)
    assert plan.mode == "solo"
    assert not {"weekly_checkin", "space_with_rules", "shared_goals", "keep_fresh"} & set(plan.rules)
    assert "own_patterns" in plan.rules
    assert plan.rules[-1] == "invite_partner"
    trust = plan.step_for("rebuild_trust")
    assert trust is not None and trust.tool == "apology"
    talk = plan.step_for("honest_talk")
    assert talk is not None and "not part of this yet" in talk.this_week
    flooded = plan.step_for("break_when_flooded")
    assert flooded is not None and "calming timer" in flooded.this_week
    assert plan.headline.startswith("A plan for you, working on your own")


def test_solo_calm_plan_still_has_self_growth_and_invite() -> None:
    plan = plan_for(situation=SOLO)
    assert_well_formed(plan)
    assert plan.rules == ("own_patterns", "invite_partner", "journal_reflect")
    invite = plan.step_for("invite_partner")
    assert invite is not None and "no need to tell them yet" in invite.this_week


def test_explicit_mode_overrides_situation_and_validates() -> None:
    result = result_for(situation=SOLO)
    assert build_plan(result=result, safety=SAFE, mode="couple").mode == "couple"
    assert build_plan(result=result_for(), safety=SAFE, mode="solo").mode == "solo"
    with pytest.raises(ValueError, match="only makes sense in couple mode"):
        build_plan(result=result, safety=SAFE, mode="solo", partner_result=result_for())
    with pytest.raises(ValueError, match="mode must be"):
        build_plan(result=result, safety=SAFE, mode="both")  # type: ignore[arg-type]


LONG_DISTANCE = {
    "st_living": "long_distance",
    "st_tz_hours": 6,
    "st_next_visit": "2027-01-15",
    "st_broken_up": "no",
    "st_partner": "aware_willing",
}


def test_long_distance_variant() -> None:
    plan = plan_for({WS: {"distance": 3}, RL: {"trust": 2}}, situation=LONG_DISTANCE)
    assert_well_formed(plan)
    assert "long_distance" in plan.variants
    acts = plan.step_for("small_acts")
    assert acts is not None and "long-distance acts" in acts.this_week
    talk = plan.step_for("honest_talk")
    assert talk is not None and "video call" in talk.this_week
    checkin = plan.step_for("weekly_checkin")
    assert checkin is not None
    assert "both time zones" in checkin.this_week
    assert "6 hours between you" in checkin.why and "15 January 2027" in checkin.why
    assert plan.opener is not None and "even when we are talking" in plan.opener


NO_CONTACT_PARTNER = {
    "st_living": "nearby",
    "st_broken_up": "yes",
    "st_no_contact": "partner",
    "st_partner": "unaware",
}
NO_CONTACT_ME = NO_CONTACT_PARTNER | {"st_no_contact": "me"}
BROKEN_UP = NO_CONTACT_PARTNER | {"st_no_contact": "none"}
CONTACT_TOOLS = {"coach", "acts", "appreciation", "promises", "checkin", "break", "goals", "invite"}


@pytest.mark.parametrize("situation", [NO_CONTACT_PARTNER, NO_CONTACT_ME], ids=["partner", "me"])
def test_after_breakup_respects_no_contact(situation: dict[str, object]) -> None:
    plan = plan_for(
        {WS: dict.fromkeys(CALM[WS], 3), RL: {"trust": 1}, CF: {"flooding": 3}},
        situation=situation,
    )
    assert_well_formed(plan)
    assert plan.rules[:2] == ("breakup_no_contact", "breakup_reflect")
    assert {"after_breakup", "no_contact"} <= set(plan.variants)
    assert not {s.tool for s in plan.steps} & CONTACT_TOOLS
    assert not plan.couple_exercises and plan.opener is None
    first = plan.steps[0].this_week
    if situation["st_no_contact"] == "partner":
        assert "do not message" in first
    else:
        assert "you asked for" in first


def test_after_breakup_without_no_contact_offers_one_calm_message() -> None:
    plan = plan_for({WS: {"avoidance": 3}}, situation=BROKEN_UP)
    assert_well_formed(plan)
    assert "breakup_reach_out" in plan.rules and "honest_talk" not in plan.rules
    assert plan.opener is not None and plan.opener.startswith("I have been thinking about us.")
    unsure = plan_for({RL: {"commitment": 1}}, situation=BROKEN_UP)
    assert "breakup_reach_out" not in unsure.rules and "clarity" in unsure.rules


def test_help_first_with_no_contact_books_help_for_yourself() -> None:
    plan = plan_for(
        {
            WS: dict.fromkeys(CALM[WS], 4),
            CF: dict.fromkeys(["criticism", "contempt", "flooding"], 4),
            RL: {"satisfaction": 1},
        },
        situation=NO_CONTACT_PARTNER,
    )
    assert plan.rules[0] == "help_very_high_distress"
    assert "for yourself" in plan.steps[0].this_week


# ----------------------------------------------------------------- opener

BLAME = re.compile(r"\byou (always|never)\b|\byour fault\b|\bbecause of you\b", re.IGNORECASE)


@pytest.mark.parametrize(
    ("levels", "wish", "feeling", "want"),
    [
        ({WS: {"avoidance": 3}}, None, "stopped talking about", "understand what is going on"),
        ({WS: {"arguments": 3}}, None, "small things turn into arguments", "calmer way"),
        ({WS: {"distance": 3}}, "trust", "far away from you lately", "rebuild trust"),
        ({WS: {"appreciation": 3}}, "future", "unseen lately", "where we want to go"),
        ({WS: {"defensiveness": 3}}, "time", "guarded", "unhurried time"),
        ({}, None, "drifted a little", "unhurried time"),
    ],
)
def test_opener_uses_strongest_sign_and_wish(
    levels: dict[str, dict[str, int]], wish: str | None, feeling: str, want: str
) -> None:
    extra = {RL: {"rl_wish": wish}} if wish else None
    opener = conversation_opener(result_for(levels, extra=extra))
    assert opener.startswith("I feel ")
    assert ", and I want " in opener
    assert feeling in opener and want in opener
    assert not BLAME.search(opener)


def test_opener_name_goes_in_the_closing_question_and_is_cleaned() -> None:
    result = result_for({WS: {"avoidance": 3}})
    assert conversation_opener(result, name="Sam").endswith("to talk, Sam?")
    cleaned = conversation_opener(result, name="  <b>Sam</b>\n ")
    assert cleaned.startswith("I ") and "<" not in cleaned
    assert conversation_opener(result, name="").endswith("to talk?")


def test_opener_never_blames_across_random_answers() -> None:
    rng = random.Random(7)
    wishes = [None, "time", "calm", "appreciation", "trust", "understanding", "future"]
    for _ in range(60):
        levels = {WS: {sign: rng.randint(0, 4) for sign in CALM[WS]}}
        wish = rng.choice(wishes)
        situation = rng.choice([TOGETHER, SOLO, LONG_DISTANCE, BROKEN_UP])
        extra = {RL: {"rl_wish": wish}} if wish else None
        opener = conversation_opener(result_for(levels, situation=situation, extra=extra))
        assert opener.startswith("I ")
        assert not BLAME.search(opener)


# ----------------------------------------------------------------- invariants


def test_random_answers_always_give_a_well_formed_plan() -> None:
    rng = random.Random(11)
    situations = [TOGETHER, SOLO, NOT_YET, LONG_DISTANCE, BROKEN_UP, NO_CONTACT_PARTNER]
    for _ in range(150):
        levels = {
            WS: {s: rng.randint(0, 4) for s in CALM[WS]},
            CF: {s: rng.randint(0, 4) for s in CALM[CF]},
            AT: {s: rng.randint(1, 7) for s in CALM[AT]},
            RL: {s: rng.randint(1, 5) for s in CALM[RL]},
        }
        situation = rng.choice(situations)
        partner = result_for(
            {WS: {s: rng.randint(0, 4) for s in CALM[WS]}, RL: {"commitment": rng.randint(1, 5)}}
        )
        with_partner = situation is TOGETHER and rng.random() < 0.5
        plan = build_plan(
            result=result_for(levels, situation=situation),
            safety=SAFE,
            partner_result=partner if with_partner else None,
        )
        assert_well_formed(plan)


def test_partial_checkup_still_gives_a_plan() -> None:
    plan = build_plan(result=score_checkup({}), safety=None)
    assert_well_formed(plan)
    only_signs = score_checkup({WS: answers_for({WS: {"avoidance": 3}})[WS]})
    assert "honest_talk" in build_plan(result=only_signs, safety=None).rules


# ----------------------------------------------------------------- changes over time


def test_plan_changes_same_plan() -> None:
    plan = plan_for({WS: {"avoidance": 3}})
    assert plan_changes(plan, plan) == ["No changes: the same steps still fit your answers."]


def test_plan_changes_explain_dropped_new_and_moved_steps() -> None:
    before = plan_for({WS: {"avoidance": 3}, CF: {"flooding": 3}})
    after = plan_for({WS: {"appreciation": 3}, CF: {"flooding": 3}})
    changes = plan_changes(before, after)
    text = "\n".join(changes)
    assert (
        "Step dropped: Have one honest, calm conversation, because Avoiding conversations, "
        "pretending all is fine eased, from 75 to 0." in text
    )
    assert (
        "New step: Say thank you out loud, every day (Missing appreciation or support got "
        "harder, from 0 to 75)" in text
    )
    assert any("moved up from" in c for c in changes)
    for change in changes:
        if "moved up" in change:
            assert "as other steps made room" in change or "got harder" in change


def test_plan_changes_safety_and_mode() -> None:
    before = plan_for({WS: {"avoidance": 3}})
    after = plan_for({WS: {"avoidance": 3}}, safety=safety_result({"sf_money": "yes"}))
    changes = plan_changes(before, after)
    assert changes[0].startswith("The plan now puts your safety first")
    back = plan_changes(after, before)
    assert back[0].startswith("Your latest safety check raised no concerns")
    solo = plan_for({WS: {"avoidance": 3}}, situation=SOLO)
    assert any("together" in c for c in plan_changes(solo, before))


def test_shared_plan_uses_only_what_the_partner_shared() -> None:
    partner = result_for({WS: {"appreciation": 3}, CF: {"flooding": 3}})
    only_flooding = shared_view(partner, shared={"conflict.flooding"})
    plan = build_plan(result=result_for(), safety=SAFE, partner_result=only_flooding)
    assert "break_when_flooded" in plan.rules
    assert "appreciation" not in plan.rules


# ----------------------------------------------------------------- storage


def test_plan_round_trips_through_json() -> None:
    plan = plan_for({WS: {"avoidance": 3}, CF: {"flooding": 3}}, situation=LONG_DISTANCE)
    stored = json.loads(json.dumps(plan.to_dict()))
    again = Plan.from_dict(stored)
    assert again == plan
    assert plan_changes(again, plan) == ["No changes: the same steps still fit your answers."]


@pytest.mark.parametrize(
    "damage",
    [
        lambda d: d.pop("steps"),
        lambda d: d["steps"][0].update(tool="hammer"),
        lambda d: d.update(mode="trio"),
    ],
)
def test_plan_from_dict_rejects_damaged_data(damage: Any) -> None:
    data = plan_for({WS: {"avoidance": 3}}).to_dict()
    damage(data)
    with pytest.raises(ValueError):
        Plan.from_dict(data)


def test_long_distance_counts_down_to_the_next_visit_when_scored_with_today() -> None:
    answers = answers_for(situation=LONG_DISTANCE)
    result = score_checkup(answers, today=dt.date(2027, 1, 5))
    checkin = build_plan(result=result, safety=SAFE).step_for("weekly_checkin")
    assert checkin is not None and "Your next visit is in 10 days (15 January 2027)." in checkin.why


def test_openers_pass_the_message_coach_without_harmful_findings() -> None:
    from mend.engine import coach

    for sign in CALM[WS]:
        for wish in [None, "time", "calm", "appreciation", "trust", "understanding", "future"]:
            for situation in (TOGETHER, LONG_DISTANCE, BROKEN_UP):
                extra = {RL: {"rl_wish": wish}} if wish else None
                result = result_for({WS: {sign: 3}}, situation=situation, extra=extra)
                opener = conversation_opener(result, name="Sam")
                harmful = [f.kind for f in coach.analyze(opener).findings if f.kind in coach.HARMFUL_KINDS]
                assert not harmful, (opener, harmful)


def test_own_patterns_without_attachment_answers_points_to_the_questions() -> None:
    answers = answers_for(situation=SOLO)
    del answers[AT]
    step = build_plan(result=score_checkup(answers), safety=SAFE).step_for("own_patterns")
    assert step is not None and step.tool == "attachment"
    assert step.this_week.startswith("Answer the closeness-and-worry questions")
