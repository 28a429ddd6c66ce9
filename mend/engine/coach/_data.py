"""Loading the coach's own data files, once, lazily."""

from __future__ import annotations

import hashlib
import json
from functools import cache
from pathlib import Path
from typing import Any

DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "coach"


def _rows(name: str) -> list[list[str]]:
    """Rows of a TSV data file: ``#`` lines are provenance comments, the first row is a header."""
    text = (DATA_DIR / name).read_text(encoding="utf-8")
    rows = [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]
    return rows[1:]


@cache
def lexicons() -> dict[str, str]:
    return {row[0]: row[1] for row in _rows("lexicons.tsv")}


@cache
def pattern_rows() -> tuple[tuple[str, str, str, str, str, str, str], ...]:
    out = []
    for row in _rows("patterns.tsv"):
        kind, rule, flags, pattern, explanation, suggestion, gate = row
        out.append((kind, rule, flags, pattern, explanation, suggestion, gate))
    return tuple(out)


def pattern_digest(pattern: str) -> str:
    """Short digest of an expanded pattern, to tell whether derived data still fits it."""
    return hashlib.sha1(pattern.encode("utf-8"), usedforsecurity=False).hexdigest()[:12]


@cache
def required_rows() -> dict[str, tuple[str, frozenset[str]]]:
    """``required.tsv``: rule id -> (pattern digest, required strings); empty if the file is missing."""
    if not (DATA_DIR / "required.tsv").exists():
        return {}
    return {
        rule: (digest, frozenset() if need == "-" else frozenset(need.split("|")))
        for rule, digest, need in _rows("required.tsv")
    }


@cache
def json_file(name: str) -> Any:
    path = DATA_DIR / name
    if not path.exists():
        return None
    return json.loads(path.read_text(encoding="utf-8"))


@cache
def word_scores(name: str) -> dict[str, float]:
    """A two-column TSV lexicon (word, score)."""
    return {row[0]: float(row[1]) for row in _rows(name) if len(row) >= 2}
