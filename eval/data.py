"""Readers for the shared dev data and the task label mappings of shared/data/PROVENANCE.md."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

DATA_DIR = Path(os.environ.get("MEND_EVAL_DATA", Path(__file__).resolve().parents[2] / "shared" / "data"))

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
