"""Check-up item banks and scoring: reverse keys, missing answers, bands, validation."""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from mend.engine import checkup
from mend.engine.checkup import AnswerError, UnknownBankError, load_bank, score_bank

DATA = Path(checkup.__file__).parent / "data" / "checkup"
LIKERT_BANKS = ("warning_signs", "conflict", "attachment", "relationship")


def all_items(bank_id: str, value: int) -> dict[str, object]:
    return {i.id: value for i in load_bank(bank_id).items if i.kind == "scale"}


# ----------------------------------------------------------------- banks


def test_banks_in_display_order_and_versioned() -> None:
    ids = [b.id for b in checkup.banks()]
    assert ids == [
        "situation",
        "warning_signs",
        "turning_point",
        "conflict",
        "attachment",
        "relationship",
    ]
    for bank in checkup.banks():
        assert bank.version >= 1
        assert bank.title and bank.intro
        assert bank.disclaimer == "A reflection aid, not a clinical assessment."


def test_warning_signs_cover_the_five_signs_with_three_or_more_items() -> None:
    bank = load_bank("warning_signs")
    signs = {s.id for s in bank.scales}
    assert signs == {"arguments", "distance", "appreciation", "defensiveness", "avoidance"}
    for sign in signs:
        items = [i for i in bank.items if i.sign == sign]
        assert len(items) >= 3
        assert all(i.subscale == sign for i in items)
    assert [o.label for o in bank.scale] == [
        "Never",
        "Rarely",
        "Sometimes",
        "Often",
        "Almost always",
    ]


def test_attachment_has_eight_items_per_dimension_some_reversed_on_seven_points() -> None:
    bank = load_bank("attachment")
    for dim in ("anxiety", "avoidance"):
        items = [i for i in bank.items if i.subscale == dim]
        assert len(items) == 8
        assert 2 <= sum(i.reverse for i in items) <= 4
    assert (bank.scale_min, bank.scale_max) == (1, 7)


@pytest.mark.parametrize("path", sorted(DATA.glob("*.yaml")), ids=lambda p: p.name)
def test_data_files_have_no_empty_values(path: Path) -> None:
    """Catches YAML slips such as an unquoted comma splitting a flow mapping."""

    def walk(node: Any, where: str) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                assert value is not None, f"{where}/{key} is empty"
                walk(value, f"{where}/{key}")
        elif isinstance(node, list):
            for n, value in enumerate(node):
                walk(value, f"{where}[{n}]")

    walk(yaml.safe_load(path.read_text(encoding="utf-8")), path.name)


def test_every_scale_has_three_bands_with_label_and_meaning() -> None:
    for bank in checkup.banks():
        for spec in bank.scales:
            assert [b.id for b in spec.bands] == ["low", "moderate", "high"]
            assert all(b.label and b.meaning.endswith(".") for b in spec.bands)


def test_unknown_bank_raises_clear_error() -> None:
    with pytest.raises(UnknownBankError, match="no check-up section called 'nope'"):
        load_bank("nope")
    assert issubclass(UnknownBankError, ValueError)


def test_engine_does_not_import_django() -> None:
    code = (
        "import sys; import mend.engine.checkup, mend.engine.plan, mend.engine.safety; "
        "sys.exit(1 if any(m == 'django' or m.startswith('django.') for m in sys.modules) else 0)"
    )
    # a fresh interpreter, so modules other tests imported do not count; fixed arguments
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0


# ----------------------------------------------------------------- scoring

# (bank, answers, scale, expected mean, expected 0–100, expected band)
SCORING_CASES: list[tuple[str, dict[str, object], str, float, int, str]] = [
    # every arguments item "often" (3); the reverse item ws_arg_4 "never" counts as 4
    (
        "warning_signs",
        {"ws_arg_1": 3, "ws_arg_2": 3, "ws_arg_3": 3, "ws_arg_4": 0},
        "arguments",
        3.25,
        81,
        "high",
    ),
    # reverse item "almost always" (4) keys to 0
    (
        "warning_signs",
        {"ws_arg_1": 0, "ws_arg_2": 0, "ws_arg_3": 0, "ws_arg_4": 4},
        "arguments",
        0.0,
        0,
        "low",
    ),
    # exactly "sometimes" everywhere on a sign without reverse items
    (
        "warning_signs",
        {"ws_avo_1": 2, "ws_avo_2": 2, "ws_avo_3": 2},
        "avoidance",
        2.0,
        50,
        "moderate",
    ),
    # band edges: 30 starts moderate, 60 starts high (0–4 scale: 1.2 → 30, 2.4 → 60)
    ("conflict", {"cf_cri_1": 1, "cf_cri_2": 1, "cf_cri_3": 2}, "criticism", 1.333, 33, "moderate"),
    ("conflict", {"cf_cri_1": 1, "cf_cri_2": 1, "cf_cri_3": 1}, "criticism", 1.0, 25, "low"),
    ("conflict", {"cf_rep_1": 4, "cf_rep_2": 3, "cf_rep_3": 3}, "repair", 3.333, 83, "high"),
    # attachment 1–7, three reverse items answered 1 → key to 7
    (
        "attachment",
        {f"at_anx_{n}": 7 for n in range(1, 6)} | {f"at_anx_{n}": 1 for n in range(6, 9)},
        "anxiety",
        7.0,
        100,
        "high",
    ),
    (
        "attachment",
        {f"at_avo_{n}": 4 for n in range(1, 9)},
        "avoidance",
        4.0,
        50,
        "moderate",
    ),
    # relationship 1–5; reverse rl_sat_4 answered 5 → 1
    (
        "relationship",
        {"rl_sat_1": 1, "rl_sat_2": 1, "rl_sat_3": 1, "rl_sat_4": 5},
        "satisfaction",
        1.0,
        0,
        "low",
    ),
    (
        "relationship",
        {"rl_com_1": 5, "rl_com_2": 4, "rl_com_3": 1},
        "commitment",
        4.667,
        92,
        "high",
    ),
    # missing answers: 2 of 4 answered is enough (half)
    ("warning_signs", {"ws_dis_1": 4, "ws_dis_2": None}, "distance", 4.0, 100, "high"),
]


@pytest.mark.parametrize(("bank_id", "answers", "scale", "mean", "norm", "band"), SCORING_CASES)
def test_scale_scores(
    bank_id: str, answers: dict[str, object], scale: str, mean: float, norm: int, band: str
) -> None:
    if bank_id == "warning_signs" and scale == "distance":
        answers = answers | {"ws_dis_3": 4}
    result = score_bank(bank_id, answers).scale(scale)
    assert result is not None
    assert result.score == pytest.approx(mean, abs=0.001)
    assert result.normalized == norm
    assert result.band is not None and result.band.id == band
    assert result.band.label and result.band.meaning
    assert result.disclaimer == "A reflection aid, not a clinical assessment."


@pytest.mark.parametrize(
    ("answers", "answered", "enough"),
    [
        ({}, 0, False),
        ({"ws_arg_1": 4}, 1, False),  # 1 of 4: less than half
        ({"ws_arg_1": 4, "ws_arg_2": None}, 1, False),  # None is unanswered
        ({"ws_arg_1": 4, "ws_arg_2": 3}, 2, True),  # 2 of 4: half is enough
        ({"ws_arg_1": 4, "ws_arg_2": 3, "ws_arg_3": 2, "ws_arg_4": 1}, 4, True),
    ],
)
def test_missing_answers(answers: dict[str, object], answered: int, enough: bool) -> None:
    result = score_bank("warning_signs", answers).scale("arguments")
    assert result is not None
    assert result.answered == answered and result.total == 4
    assert result.enough is enough
    if not enough:
        assert result.score is None and result.band is None
        assert result.status == "not enough answers"
        assert "not enough answers" in result.explanation


def test_odd_item_count_needs_more_than_half_rounded_up() -> None:
    # 3 items: 2 needed
    one = score_bank("warning_signs", {"ws_def_1": 4}).scale("defensiveness")
    two = score_bank("warning_signs", {"ws_def_1": 4, "ws_def_2": 4}).scale("defensiveness")
    assert one is not None and not one.enough
    assert two is not None and two.enough


def test_drivers_are_highest_after_reverse_keying() -> None:
    answers = {"ws_arg_1": 1, "ws_arg_2": 3, "ws_arg_3": 2, "ws_arg_4": 0}
    result = score_bank("warning_signs", answers).scale("arguments")
    assert result is not None
    # ws_arg_4 answered "never" on a reverse item keys to 4, the strongest driver
    assert [d.item_id for d in result.drivers] == ["ws_arg_4", "ws_arg_2", "ws_arg_3"]
    assert result.drivers[0].reverse and result.drivers[0].keyed == 4
    assert result.drivers[0].answer_label == "Never"
    assert "Most of all" in result.explanation


def test_drivers_for_a_low_strength_scale_are_the_lowest_answers() -> None:
    answers = {"rl_tru_1": 1, "rl_tru_2": 2, "rl_tru_3": 3, "rl_tru_4": 5}
    result = score_bank("relationship", answers).scale("trust")
    assert result is not None and result.band_is("low")
    assert [d.item_id for d in result.drivers] == ["rl_tru_1", "rl_tru_4", "rl_tru_2"]


def test_no_drivers_when_everything_sits_in_the_middle_side_opposite() -> None:
    answers = {"ws_avo_1": 0, "ws_avo_2": 0, "ws_avo_3": 0}
    result = score_bank("warning_signs", answers).scale("avoidance")
    assert result is not None and result.normalized == 0
    assert all(d.keyed == 0 for d in result.drivers)


# ----------------------------------------------------------------- attachment


@pytest.mark.parametrize(
    ("anxiety", "avoidance", "quadrant"),
    [
        (2, 2, "secure_leaning"),
        (6, 2, "anxious_leaning"),
        (2, 6, "avoidant_leaning"),
        (6, 6, "both"),
        (4, 4, "secure_leaning"),  # exactly neutral is not "leaning"
    ],
)
def test_attachment_quadrants(anxiety: int, avoidance: int, quadrant: str) -> None:
    bank = load_bank("attachment")
    answers: dict[str, object] = {}
    for item in bank.items:
        raw = anxiety if item.subscale == "anxiety" else avoidance
        answers[item.id] = 8 - raw if item.reverse else raw
    result = score_bank("attachment", answers).attachment
    assert result is not None
    assert result.quadrant == quadrant
    assert result.label and result.description and result.in_conflict
    assert result.disclaimer == "A reflection aid, not a clinical assessment."


def test_attachment_without_enough_answers_says_so() -> None:
    result = score_bank("attachment", {"at_anx_1": 7}).attachment
    assert result is not None and result.quadrant is None
    assert result.label == "Not enough answers"


# ----------------------------------------------------------------- structured banks


def test_turning_point() -> None:
    result = score_bank(
        "turning_point",
        {"tp_when": "2024-03", "tp_events": ["move", "betrayal", "move"], "tp_note": "private"},
    )
    tp = result.turning_point
    assert tp is not None
    assert tp.month == "2024-03" and tp.when_label == "March 2024"
    assert tp.events == ("move", "betrayal")
    assert tp.note_given
    assert "private" not in repr(tp)
    assert tp.summary.startswith("Things began to shift around March 2024, with a move")


def test_turning_point_unknown_date() -> None:
    tp = score_bank("turning_point", {"tp_when": "unknown"}).turning_point
    assert tp is not None and tp.month is None and tp.when_label == "not sure when"


@pytest.mark.parametrize(
    ("answers", "expected"),
    [
        (
            {"st_living": "together", "st_broken_up": "no", "st_partner": "aware_willing"},
            {"long_distance": False, "broken_up": False, "solo": False, "no_contact": "none"},
        ),
        (
            {
                "st_living": "long_distance",
                "st_tz_hours": 7,
                "st_next_visit": "2027-01-15",
                "st_broken_up": "no",
                "st_partner": "not_yet",
            },
            {
                "long_distance": True,
                "tz_difference_hours": 7.0,
                "next_visit": dt.date(2027, 1, 15),
                "solo": True,
            },
        ),
        (
            {"st_living": "nearby", "st_broken_up": "yes", "st_no_contact": "partner"},
            {"broken_up": True, "no_contact": "partner", "partner_status": None},
        ),
        # no-contact is ignored unless broken up; time zones unless long distance
        (
            {
                "st_living": "together",
                "st_tz_hours": 5,
                "st_broken_up": "no",
                "st_no_contact": "me",
            },
            {"no_contact": "none", "tz_difference_hours": None},
        ),
        ({"st_partner": "unaware"}, {"solo": True}),
    ],
)
def test_situation(answers: dict[str, object], expected: dict[str, object]) -> None:
    situation = score_bank("situation", answers).situation
    assert situation is not None
    for key, value in expected.items():
        assert getattr(situation, key) == value, key


def test_relationship_choices() -> None:
    result = score_bank("relationship", {"rl_broken_by": ["lies", "secrecy"], "rl_wish": "calm"})
    assert result.choices == {"rl_broken_by": ("secrecy", "lies"), "rl_wish": ("calm",)}


# ----------------------------------------------------------------- validation

VALIDATION_CASES: list[tuple[str, dict[str, object], str]] = [
    ("warning_signs", {"ws_nope": 2}, "'ws_nope' is not a question in 'warning_signs'"),
    ("warning_signs", {"ws_arg_1": 5}, "outside the range 0 to 4"),
    ("warning_signs", {"ws_arg_1": -1}, "outside the range 0 to 4"),
    ("warning_signs", {"ws_arg_1": 2.5}, "whole number"),
    ("warning_signs", {"ws_arg_1": "2"}, "whole number"),
    ("warning_signs", {"ws_arg_1": True}, "whole number"),
    ("attachment", {"at_anx_1": 0}, "outside the range 1 to 7"),
    ("relationship", {"rl_wish": "money"}, "expected one of"),
    ("relationship", {"rl_broken_by": "lies"}, "must be a list"),
    ("relationship", {"rl_broken_by": ["lies", "cheating"]}, "contains 'cheating'"),
    ("turning_point", {"tp_when": "2024-13"}, "expected a month"),
    ("turning_point", {"tp_when": "March"}, "expected a month"),
    ("turning_point", {"tp_note": "x" * 2001}, "longer than 2000"),
    ("turning_point", {"tp_note": 3}, "must be text"),
    ("situation", {"st_tz_hours": 20}, "outside the range 0 to 14"),
    ("situation", {"st_tz_hours": float("nan")}, "must be a number"),
    ("situation", {"st_next_visit": "soon"}, "expected a date"),
    ("situation", {"st_broken_up": True}, "expected one of"),
]


@pytest.mark.parametrize(("bank_id", "answers", "message"), VALIDATION_CASES)
def test_validation_errors(bank_id: str, answers: dict[str, object], message: str) -> None:
    with pytest.raises(AnswerError, match=re.escape(message)) as info:
        score_bank(bank_id, answers)
    assert isinstance(info.value, ValueError)
    assert info.value.bank_id == bank_id
    assert info.value.item_id == next(iter(answers))


def test_score_checkup_rejects_unknown_bank() -> None:
    with pytest.raises(UnknownBankError):
        checkup.score_checkup({"warning_signs": {}, "horoscope": {}})


# ----------------------------------------------------------------- whole check-up


def test_score_checkup_in_order_with_distress_and_missing_banks() -> None:
    result = checkup.score_checkup(
        {
            "relationship": all_items("relationship", 3),
            "warning_signs": all_items("warning_signs", 3),
        }
    )
    assert [b.bank_id for b in result.banks] == ["warning_signs", "relationship"]
    assert set(result.missing_banks) == {"situation", "turning_point", "conflict", "attachment"}
    assert result.versions == {"warning_signs": 1, "relationship": 1}
    assert result.distress.score is not None and result.distress.band is not None
    assert [key for key, _ in result.distress.parts] == [
        "warning_signs",
        "relationship.satisfaction (reversed)",
    ]
    assert result.attachment is None and result.situation is None


@pytest.mark.parametrize(
    ("value", "band"),
    [(0, "low"), (2, "moderate"), (3, "high"), (4, "very_high")],
)
def test_distress_bands(value: int, band: str) -> None:
    answers = {
        "warning_signs": all_items("warning_signs", value),
        "conflict": {k: v for k, v in all_items("conflict", value).items() if "rep" not in k},
    }
    # reverse-keyed warning-sign items answered the same value pull the other way
    for item in load_bank("warning_signs").items:
        if item.reverse:
            answers["warning_signs"][item.id] = 4 - value
    result = checkup.score_checkup(answers)
    assert result.distress.band is not None and result.distress.band.id == band


def test_empty_checkup() -> None:
    result = checkup.score_checkup({})
    assert result.banks == () and result.distress.score is None and result.distress.band is None


# ----------------------------------------------------------------- sharing and storage


def full_answers() -> dict[str, dict[str, object]]:
    return {
        "situation": {"st_living": "together", "st_broken_up": "no", "st_partner": "aware_willing"},
        "warning_signs": all_items("warning_signs", 3),
        "turning_point": {"tp_when": "2024-03", "tp_events": ["move"], "tp_note": "secret"},
        "conflict": all_items("conflict", 2),
        "attachment": all_items("attachment", 5),
        "relationship": all_items("relationship", 2) | {"rl_broken_by": ["lies"]},
    }


def test_shared_view_keeps_only_shared_scales_and_no_item_detail() -> None:
    result = checkup.score_checkup(full_answers())
    view = checkup.shared_view(result, shared={"conflict.flooding", "distress"})
    flooding = view.scale("conflict", "flooding")
    assert flooding is not None and flooding.band is not None and flooding.drivers == ()
    trust = view.scale("relationship", "trust")
    assert trust is not None and trust.band is None and trust.normalized is None
    assert view.distress.score == result.distress.score and view.distress.parts == ()
    assert view.situation is None and view.turning_point is None
    assert view.attachment is None
    assert view.choice("relationship", "rl_broken_by") == ()
    assert "secret" not in repr(view) and "Most of all" not in repr(view)
    hidden = checkup.shared_view(result, shared=set())
    assert hidden.distress.score is None and all(s.band is None for s in hidden.all_scales())
    both = checkup.shared_view(result, shared={"attachment.anxiety", "attachment.avoidance"})
    assert both.attachment is not None and both.attachment.quadrant == "both"


def test_summary_is_json_ready_and_holds_no_answers() -> None:
    result = checkup.score_checkup(full_answers())
    summary = result.summary()
    text = json.dumps(summary)
    assert "secret" not in text and "ws_arg_1" not in text
    assert summary["scales"]["warning_signs.arguments"]["band"] in ("moderate", "high")
    assert summary["attachment"]["quadrant"] == "both"
    assert summary["versions"]["attachment"] == 1
    assert summary["disclaimer"] == "A reflection aid, not a clinical assessment."


# ----------------------------------------------------------------- own words

GUIDE = Path(__file__).resolve().parents[3] / "shared" / "seed" / "000_b3cbc350a213b02d.txt"
RUN = 6


def _runs(text: str) -> set[tuple[str, ...]]:
    words = re.findall(r"[a-z']+", text.lower().replace("’", "'"))
    return {tuple(words[i : i + RUN]) for i in range(len(words) - RUN + 1)}


OWN_FILES = [
    *sorted(DATA.glob("*.yaml")),
    *sorted((DATA.parent / "safety").glob("*.yaml")),
    *(DATA.parent.parent / f"{name}.py" for name in ("checkup", "plan", "safety")),
]


@pytest.mark.skipif(not GUIDE.exists(), reason="the guide is kept outside the repository")
@pytest.mark.parametrize("path", OWN_FILES, ids=lambda p: p.name)
def test_no_six_word_run_is_shared_with_the_guide(path: Path) -> None:
    shared = _runs(path.read_text(encoding="utf-8")) & _runs(GUIDE.read_text(encoding="utf-8"))
    assert not shared, sorted(" ".join(r) for r in shared)


# ----------------------------------------------------------------- properties


@st.composite
def likert_answers(draw: st.DrawFn, bank_id: str) -> dict[str, object]:
    bank = load_bank(bank_id)
    values = [int(o.value) for o in bank.scale]
    items = [i for i in bank.items if i.kind == "scale"]
    return {i.id: draw(st.one_of(st.none(), st.sampled_from(values))) for i in items if draw(st.booleans())}


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(LIKERT_BANKS).flatmap(lambda b: st.tuples(st.just(b), likert_answers(b))))
def test_any_valid_answers_score_within_bounds(case: tuple[str, dict[str, object]]) -> None:
    bank_id, answers = case
    result = score_bank(bank_id, answers)
    for scale in result.scales:
        assert 0 <= scale.answered <= scale.total
        assert len(scale.drivers) <= 3
        if scale.enough:
            assert scale.normalized is not None and 0 <= scale.normalized <= 100
            assert scale.band is not None
            assert scale.answered * 2 >= scale.total
        else:
            assert scale.band is None and scale.drivers == ()
    assert checkup.score_checkup({bank_id: answers}).distress is not None


@settings(max_examples=60, deadline=None)
@given(st.dictionaries(st.text(max_size=12), st.integers() | st.text(max_size=5), max_size=4))
def test_any_unexpected_answers_raise_answer_error_or_score(answers: dict[str, object]) -> None:
    try:
        score_bank("warning_signs", answers)
    except AnswerError as exc:
        assert str(exc)


def test_today_fills_in_time_and_rejects_a_future_turning_point() -> None:
    today = dt.date(2026, 11, 24)
    tp = score_bank("turning_point", {"tp_when": "2025-11"}, today=today).turning_point
    assert tp is not None and tp.months_ago == 12
    with pytest.raises(AnswerError, match="in the future"):
        score_bank("turning_point", {"tp_when": "2026-12"}, today=today)
    visit = {"st_living": "long_distance", "st_next_visit": "2026-12-24"}
    situation = checkup.score_checkup({"situation": visit}, today=today).situation
    assert situation is not None and situation.days_to_next_visit == 30
    assert score_bank("turning_point", {"tp_when": "2030-01"}).turning_point is not None


def test_compare_results_differences_first_and_only_shared_scales() -> None:
    mine = checkup.score_checkup(
        {"warning_signs": all_items("warning_signs", 0) | {"ws_avo_1": 4, "ws_avo_2": 4}}
    )
    theirs_full = checkup.score_checkup({"warning_signs": all_items("warning_signs", 0)})
    theirs = checkup.shared_view(
        theirs_full, shared={"warning_signs.avoidance", "warning_signs.defensiveness"}
    )
    rows = checkup.compare_results(mine, theirs)
    assert [r.key for r in rows] == ["warning_signs.avoidance", "warning_signs.defensiveness"]
    first, second = rows
    assert not first.agree and first.gap == 67 and "differently" in first.note
    assert second.agree and second.gap == 0 and "much the same way" in second.note
