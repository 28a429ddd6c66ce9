"""Help directory: approaches with evidence, questions to ask, coaching, resources."""

from __future__ import annotations

from mend.engine.content import RESOURCE_KINDS, help_directory

REQUIRED_APPROACHES = {
    "emotionally_focused",
    "gottman_method",
    "integrative_behavioral",
    "cognitive_behavioral",
}


def test_required_approaches_with_description_evidence_and_source() -> None:
    directory = help_directory()
    ids = {a.id for a in directory.approaches}
    assert ids >= REQUIRED_APPROACHES
    for approach in directory.approaches:
        assert approach.description and approach.evidence
        assert approach.sources and all(s.url.startswith("https://") for s in approach.sources)


def test_at_least_ten_questions_to_ask_a_therapist() -> None:
    questions = help_directory().therapist_questions
    assert len(questions) >= 10
    assert len(set(questions)) == len(questions)
    assert all(q.endswith("?") for q in questions)


def test_coaching_says_what_it_is_and_is_not() -> None:
    coaching = help_directory().coaching
    assert coaching.summary and coaching.what_it_is and coaching.what_it_is_not
    assert coaching.when_to_prefer_therapy


def test_resources_have_evidence_sources_and_valid_kinds() -> None:
    resources = help_directory().resources
    ids = [r.id for r in resources]
    assert len(ids) == len(set(ids))
    kinds = {r.kind for r in resources}
    assert {"book", "online_program"} <= kinds
    for resource in resources:
        assert resource.kind in RESOURCE_KINDS
        assert resource.evidence and resource.sources and resource.url.startswith("https://")


def test_self_guided_options_exist_for_when_therapy_is_hard_to_reach() -> None:
    directory = help_directory()
    self_guided = directory.self_guided()
    assert any(r.kind == "online_program" for r in self_guided)
    assert any(r.kind == "book" for r in self_guided)
    assert all(r.self_guided for r in self_guided)
    assert directory.hard_to_reach_note


def test_safety_note_warns_against_joint_therapy_when_there_is_violence() -> None:
    note = help_directory().safety_note
    assert "violence" in note and "domestic-violence" in note
