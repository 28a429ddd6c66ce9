"""Readers for the shared dev data and the task label mappings of shared/data/PROVENANCE.md,
and for the GoEmotions train split that ships with the repository (eval/corpora/README.md)."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

DATA_DIR = Path(os.environ.get("MEND_EVAL_DATA", Path(__file__).resolve().parents[2] / "shared" / "data"))
CORPORA = Path(__file__).resolve().parent / "corpora"

HOSTILE = frozenset({"anger", "annoyance", "disgust", "disapproval"})
NOT_HOSTILE = frozenset(
    {
        "neutral",
        "admiration",
        "amusement",
        "approval",
        "caring",
        "gratitude",
        "joy",
        "love",
        "optimism",
        "relief",
        "pride",
        "excitement",
    }
)


@dataclass(frozen=True)
class Emotion:
    text: str
    labels: frozenset[str]

    @property
    def hostility(self) -> int | None:
        """Task A label: 1 hostile, 0 not, None dropped."""
        if self.labels & HOSTILE:
            return 1
        if self.labels <= NOT_HOSTILE:
            return 0
        return None


def tsv(name: str) -> list[dict[str, str]]:
    lines = (DATA_DIR / name).read_text(encoding="utf-8").splitlines()
    header = lines[0].split("\t")
    return [dict(zip(header, line.split("\t"), strict=False)) for line in lines[1:] if line]


def goemotions(name: str = "goemotions_dev.tsv") -> list[Emotion]:
    return [Emotion(r["text"], frozenset(r["labels"].split(","))) for r in tsv(name)]


def conversations(name: str = "cga_dev.jsonl") -> list[tuple[list[str], int]]:
    out = []
    for line in (DATA_DIR / name).read_text(encoding="utf-8").splitlines():
        if line.strip():
            rec = json.loads(line)
            out.append((list(rec["context"]), int(bool(rec["derailed"]))))
    return out


def reframing_sources(name: str = "positive_frames_dev.tsv") -> list[str]:
    return [r["original_text"] for r in tsv(name)]


# GoEmotions' own Ekman grouping (ekman_mapping.json upstream), by label id in the train file
EKMAN = ("anger", "disgust", "fear", "joy", "neutral", "sadness", "surprise")
EKMAN_HOSTILE = frozenset({"anger", "disgust"})  # = anger, annoyance, disapproval; disgust
EKMAN_NOT_HOSTILE = frozenset({"joy", "neutral"})  # joy also holds "desire", which task A drops


def goemotions_train_hostility(name: str = "goemotions_ekman_train.tsv") -> list[tuple[str, int]]:
    """Task A labels for the GoEmotions train split, from its Ekman grouping.

    Hostile when the Ekman anger or disgust group is present (exactly task A's four emotions);
    not hostile when only joy or neutral are; other rows are dropped, as in task A.
    """
    out = []
    for line in (CORPORA / name).read_text(encoding="utf-8").splitlines():
        text, labels, _id = line.split("\t")
        groups = frozenset(EKMAN[int(i)] for i in labels.split(","))
        if groups & EKMAN_HOSTILE:
            out.append((text, 1))
        elif groups <= EKMAN_NOT_HOSTILE:
            out.append((text, 0))
    return out
