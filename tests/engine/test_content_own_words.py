"""Our content is written in our own words: no run of words copied from the guide."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from mend.engine.content import DATA_DIR

GUIDE = Path(__file__).resolve().parents[3] / "shared" / "seed" / "000_b3cbc350a213b02d.txt"
FILES = ("acts", "crisis_lines", "help_directory", "faq", "statistics", "prompts")
RUN = 6  # words in a row that would count as copying


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z']+", text.lower().replace("’", "'"))


def _runs(words: list[str]) -> set[tuple[str, ...]]:
    return {tuple(words[i : i + RUN]) for i in range(len(words) - RUN + 1)}


@pytest.mark.skipif(not GUIDE.exists(), reason="the guide is kept outside the repository")
@pytest.mark.parametrize("name", FILES)
def test_no_six_word_run_is_shared_with_the_guide(name: str) -> None:
    guide_runs = _runs(_words(GUIDE.read_text(encoding="utf-8")))
    ours = _runs(_words((Path(DATA_DIR) / f"{name}.yaml").read_text(encoding="utf-8")))
    shared = sorted(" ".join(run) for run in ours & guide_runs)
    assert not shared, shared
