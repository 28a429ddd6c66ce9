"""Prompts: journal groups, check-in questions, goals, break prompts, time-out messages."""

from __future__ import annotations

from mend.engine.content import (
    break_reflection_prompts,
    call_ideas,
    checkin_questions,
    goal_suggestions,
    journal_prompts,
    readiness_questions,
    timeout_messages,
)

REQUIRED_JOURNAL_GROUPS = {"patterns", "attachment", "what_i_want", "do_differently", "gratitude"}


def test_journal_groups_are_complete_and_distinct() -> None:
    groups = journal_prompts()
    assert {g.id for g in groups} >= REQUIRED_JOURNAL_GROUPS
    all_prompts = [p for g in groups for p in g.prompts]
    assert len(all_prompts) == len(set(all_prompts))
    for group in groups:
        assert group.title and len(group.prompts) >= 5


def test_checkin_asks_the_three_weekly_questions_in_order() -> None:
    questions = checkin_questions()
    assert [q.id for q in questions] == ["went_well", "felt_hard", "improve"]
    assert all(q.text.endswith("?") and q.hint for q in questions)


def test_goal_suggestions_include_the_guides_examples() -> None:
    goals = goal_suggestions()
    assert {"quality_time", "settle_arguments", "shared_dream"} <= {g.id for g in goals}
    for goal in goals:
        assert goal.title and goal.why and len(goal.first_steps) >= 2


def test_break_and_readiness_prompts() -> None:
    assert len(break_reflection_prompts()) >= 6
    readiness = readiness_questions()
    assert len(readiness) >= 6
    assert any("no contact" in q for q in readiness)
    assert any("afraid" in q for q in readiness)


def test_timeout_messages_are_neutral_and_fill_in_the_time() -> None:
    messages = timeout_messages()
    assert 3 <= len(messages) <= 5
    for message in messages:
        rendered = message.render("18:40")
        assert "18:40" in rendered and "{time}" not in rendered
        lowered = rendered.lower()
        for blame in ("you always", "you never", "your fault", "because you"):
            assert blame not in lowered


def test_call_ideas_have_durations() -> None:
    ideas = call_ideas()
    assert len(ideas) >= 8
    assert len({i.id for i in ideas}) == len(ideas)
    assert all(0 < i.minutes <= 180 for i in ideas)
