"""Acts catalogue: schema, filters, and the suggestion of the day."""

from __future__ import annotations

import re
import subprocess
import sys
from collections import Counter
from datetime import date, timedelta
from pathlib import Path

import pytest
import yaml

from mend.engine import content
from mend.engine.content import ACT_KINDS, COSTS, ENERGIES, acts, suggest_act

DATA = Path(content.DATA_DIR)
REQUIRED = {"id", "text", "kind", "minutes", "cost", "at_home", "long_distance_ok", "energy"}


def raw_acts() -> list[dict[str, object]]:
    return yaml.safe_load((DATA / "acts.yaml").read_text(encoding="utf-8"))["acts"]


def test_engine_content_does_not_import_django() -> None:
    code = "import sys, mend.engine.content as c; c.acts(); assert 'django' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], check=True)


def test_every_act_has_exactly_the_schema_fields() -> None:
    for item in raw_acts():
        assert set(item) == REQUIRED, item


def test_at_least_120_acts_with_unique_slug_ids() -> None:
    catalogue = acts()
    assert len(catalogue) >= 120
    ids = [a.id for a in catalogue]
    assert len(ids) == len(set(ids))
    assert all(re.fullmatch(r"[a-z0-9_]+", i) for i in ids)


def test_enums_and_ranges_are_valid() -> None:
    for a in acts():
        assert a.kind in ACT_KINDS
        assert a.cost in COSTS
        assert a.energy in ENERGIES
        assert 0 < a.minutes <= 24 * 60
        assert a.text.strip() and len(a.text) <= 200


def test_every_kind_is_well_represented() -> None:
    counts = Counter(a.kind for a in acts())
    for kind in ACT_KINDS:
        assert counts[kind] >= 20, (kind, counts)


def test_long_distance_acts_work_apart() -> None:
    for a in acts(kind="long_distance"):
        assert a.long_distance_ok, a.id


def test_texts_are_not_duplicated() -> None:
    texts = [a.text.casefold() for a in acts()]
    assert len(texts) == len(set(texts))


def test_filters_combine() -> None:
    quick_free_home = acts(max_minutes=10, cost="free", at_home=True)
    assert quick_free_home
    assert all(a.minutes <= 10 and a.cost == "free" and a.at_home for a in quick_free_home)
    cheap = acts(max_cost="low")
    assert all(a.cost in ("free", "low") for a in cheap)
    assert len(cheap) < len(acts())
    assert acts(energy="high", long_distance_ok=True)
    assert acts(kind="date", at_home=True)


def test_act_by_id() -> None:
    first = acts()[0]
    assert content.act_by_id(first.id) == first
    assert content.act_by_id("no_such_act") is None


def test_suggestion_is_deterministic_per_seed_and_day() -> None:
    day = date(2026, 3, 1)
    a = suggest_act(day=day, seen_ids=(), seed="couple-1")
    b = suggest_act(day=day, seen_ids=[], seed="couple-1")
    assert a == b
    # Different days and different couples get different suggestions (over a few tries).
    week = {suggest_act(day=day + timedelta(d), seen_ids=(), seed="couple-1").id for d in range(7)}
    assert len(week) > 1
    couples = {suggest_act(day=day, seen_ids=(), seed=f"couple-{n}").id for n in range(7)}
    assert len(couples) > 1


def test_suggestion_avoids_seen_until_all_are_used() -> None:
    day = date(2026, 3, 1)
    pool = [a for a in acts() if a.kind != "long_distance"]
    seen: list[str] = []
    for offset in range(len(pool)):
        act = suggest_act(day=day + timedelta(offset), seen_ids=seen, seed="alice+bob")
        assert act.id not in seen
        assert act.kind != "long_distance"
        seen.append(act.id)
    assert sorted(seen) == sorted(a.id for a in pool)
    # Everything seen: the cycle starts again instead of failing.
    again = suggest_act(day=day + timedelta(len(pool)), seen_ids=seen, seed="alice+bob")
    assert again.id in seen


def test_long_distance_suggestions_only_work_apart() -> None:
    day = date(2026, 5, 4)
    seen: list[str] = []
    for offset in range(40):
        act = suggest_act(day=day + timedelta(offset), seen_ids=seen, long_distance=True, seed="d")
        assert act.long_distance_ok
        seen.append(act.id)


def test_unknown_seen_ids_are_ignored() -> None:
    day = date(2026, 1, 1)
    base = suggest_act(day=day, seen_ids=(), seed="s")
    assert suggest_act(day=day, seen_ids={"retired_act"}, seed="s") == base


@pytest.mark.parametrize("field", ["kind", "cost", "energy"])
def test_bad_enum_is_reported_with_file_and_record(monkeypatch: pytest.MonkeyPatch, field: str) -> None:
    broken = {"acts": [dict(raw_acts()[0], **{field: "nonsense"})]}
    monkeypatch.setattr(content, "_load", lambda name: broken)
    content._all_acts.cache_clear()
    try:
        with pytest.raises(content.ContentError, match=rf"acts\.yaml:acts\[0\]\.{field}"):
            acts()
    finally:
        monkeypatch.undo()
        content._all_acts.cache_clear()
