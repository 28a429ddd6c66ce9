"""The training corpus shipped in eval/corpora: complete, well formed, and labelled as task A says."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from eval import data

ROW = re.compile(r"[^\t]*\t[0-6](?:,[0-6])*\te[a-z0-9]{6}")


def test_the_train_split_is_complete_and_well_formed() -> None:
    lines = (data.CORPORA / "goemotions_ekman_train.tsv").read_text(encoding="utf-8").splitlines()
    assert len(lines) == 43_410  # the size of GoEmotions' train split (Demszky et al. 2020, table 1)
    assert all(ROW.fullmatch(line) for line in lines)
    assert len({line.rsplit("\t", 1)[1] for line in lines}) == len(lines)


def test_it_shares_no_comment_with_the_dev_split() -> None:
    dev = data.DATA_DIR / "goemotions_dev.tsv"
    if not dev.exists():
        pytest.skip("the shared dev data is outside the repository")
    lines = (data.CORPORA / "goemotions_ekman_train.tsv").read_text(encoding="utf-8").splitlines()
    train_ids = {line.rsplit("\t", 1)[1] for line in lines}
    dev_ids = {row["id"] for row in data.tsv("goemotions_dev.tsv")}
    assert len(dev_ids) > 5000 and not train_ids & dev_ids


def test_ekman_groups_map_to_task_a_labels(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    rows = [
        ("you are an idiot", "0", 1),  # anger group
        ("gross", "1,5", 1),  # disgust with sadness: still hostile
        ("thanks so much", "3", 0),  # joy
        ("ok", "4", 0),  # neutral
        ("lovely and fine", "3,4", 0),
        ("I miss them", "5", None),  # sadness only: dropped, as in task A
        ("wait what", "4,6", None),  # surprise present: dropped
    ]
    (tmp_path / "mini.tsv").write_text(
        "".join(f"{text}\t{labels}\teabc{i:03d}\n" for i, (text, labels, _) in enumerate(rows)),
        encoding="utf-8",
    )
    monkeypatch.setattr(data, "CORPORA", tmp_path)
    got = data.goemotions_train_hostility("mini.tsv")
    assert got == [(text, label) for text, _, label in rows if label is not None]
