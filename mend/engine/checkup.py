"""The private check-up: item banks, answer validation and scoring.

Pure Python. The item banks are YAML files under ``mend/engine/data/checkup/``, read once
and cached. Scoring takes a plain answers dict per bank and returns frozen dataclasses that
explain themselves: every scale carries its band, a plain-language meaning and the items
that drove it.

Answer formats (``None`` or a missing key always means "not answered"):

* ``scale`` items: an ``int`` from the bank's ``scale`` values.
* ``choice`` items: one option value (``str``).
* ``multi`` items: a list or tuple of option values (an empty list counts as unanswered).
* ``month`` items: ``"YYYY-MM"`` or ``"unknown"``.
* ``number`` items: an ``int`` or ``float`` between the item's ``min`` and ``max``.
* ``date`` items: a ``datetime.date`` or an ISO ``"YYYY-MM-DD"`` string.
* ``text`` items: a ``str`` up to the item's ``max_length``.

Results are labelled "a reflection aid, not a clinical assessment".
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path
from typing import Any, Literal

from mend.engine._yaml import load_mapping

DISCLAIMER = "A reflection aid, not a clinical assessment."
DATA_DIR = Path(__file__).resolve().parent / "data" / "checkup"

ItemKind = Literal["scale", "choice", "multi", "month", "number", "date", "text"]
Direction = Literal["concern", "strength"]
BandId = Literal["low", "moderate", "high"]
_ITEM_KINDS: tuple[ItemKind, ...] = ("scale", "choice", "multi", "month", "number", "date", "text")
_MONTH_RE = re.compile(r"^(\d{4})-(\d{2})$")
UNKNOWN_MONTH = "unknown"
MAX_DRIVERS = 3


class AnswerError(ValueError):
    """An answer that cannot be scored: unknown bank or item, or a value out of range."""

    def __init__(self, message: str, *, bank_id: str = "", item_id: str = "") -> None:
        super().__init__(message)
        self.bank_id = bank_id
        self.item_id = item_id


class UnknownBankError(AnswerError):
    """The bank id is not one of the check-up's banks."""


# --------------------------------------------------------------------------- banks


@dataclass(frozen=True, slots=True)
class Option:
    value: int | str
    label: str
    extra: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class ShowIf:
    item: str
    equals: str


@dataclass(frozen=True, slots=True)
class Item:
    id: str
    text: str
    subscale: str
    reverse: bool
    kind: ItemKind = "scale"
    sign: str | None = None
    optional: bool = False
    options: tuple[Option, ...] = ()
    minimum: float | None = None
    maximum: float | None = None
    max_length: int | None = None
    show_if: ShowIf | None = None


@dataclass(frozen=True, slots=True)
class BandText:
    id: str
    label: str
    meaning: str


@dataclass(frozen=True, slots=True)
class ScaleSpec:
    id: str
    name: str
    direction: Direction
    bands: tuple[BandText, ...]
    cutoffs: tuple[int, int]  # normalised score where "moderate" and "high" start
    extra: Mapping[str, str] = field(default_factory=dict)

    def band_for(self, normalized: int) -> BandText:
        moderate, high = self.cutoffs
        band_id = "high" if normalized >= high else "moderate" if normalized >= moderate else "low"
        return next(b for b in self.bands if b.id == band_id)


@dataclass(frozen=True, slots=True)
class Quadrant:
    id: str
    label: str
    description: str
    in_conflict: str


@dataclass(frozen=True, slots=True)
class Bank:
    id: str
    version: int
    title: str
    intro: str
    disclaimer: str
    scale: tuple[Option, ...]
    items: tuple[Item, ...]
    scales: tuple[ScaleSpec, ...]
    quadrants: tuple[Quadrant, ...] = ()
    quadrant_cutoff: int = 50

    def item(self, item_id: str) -> Item:
        for item in self.items:
            if item.id == item_id:
                return item
        raise AnswerError(f"'{item_id}' is not a question in {self.id!r}.", bank_id=self.id, item_id=item_id)

    def scale_spec(self, scale_id: str) -> ScaleSpec:
        return next(s for s in self.scales if s.id == scale_id)

    @property
    def scale_min(self) -> int:
        return min(int(o.value) for o in self.scale)

    @property
    def scale_max(self) -> int:
        return max(int(o.value) for o in self.scale)


def _as_str(data: Mapping[str, Any], key: str, where: str) -> str:
    value = data.get(key)
    if not isinstance(value, str | int) or isinstance(value, bool) or str(value).strip() == "":
        raise ValueError(f"{where}: '{key}' must be a non-empty string")
    return str(value).strip()


def _str_extras(data: Mapping[str, Any], skip: set[str]) -> dict[str, str]:
    return {k: str(v) for k, v in data.items() if k not in skip and isinstance(v, str)}


def _parse_options(raw: Any, where: str) -> tuple[Option, ...]:
    if not raw:
        return ()
    if not isinstance(raw, list):
        raise ValueError(f"{where}: options must be a list")
    return tuple(
        Option(
            value=o["value"] if isinstance(o["value"], int) else str(o["value"]),
            label=_as_str(o, "label", where),
            extra=_str_extras(o, {"value", "label"}),
        )
        for o in raw
    )


def _parse_bank(raw: Mapping[str, Any], bank_id: str) -> Bank:
    where = f"checkup bank {bank_id}"
    scale = _parse_options(raw.get("scale"), where)
    cut = raw.get("band_cutoffs") or {"moderate": 34, "high": 67}
    cutoffs = (int(cut["moderate"]), int(cut["high"]))
    specs: list[ScaleSpec] = []
    for scale_id, spec in (raw.get("scales") or {}).items():
        bands = tuple(
            BandText(
                id=band_id,
                label=_as_str(spec["bands"][band_id], "label", where),
                meaning=_as_str(spec["bands"][band_id], "meaning", where),
            )
            for band_id in ("low", "moderate", "high")
        )
        direction = spec.get("direction", "concern")
        if direction not in ("concern", "strength"):
            raise ValueError(f"{where}: bad direction {direction!r}")
        specs.append(
            ScaleSpec(
                id=str(scale_id),
                name=_as_str(spec, "name", where),
                direction=direction,
                bands=bands,
                cutoffs=cutoffs,
                extra=_str_extras(spec, {"name", "direction"}),
            )
        )
    items: list[Item] = []
    for it in raw["items"]:
        kind = it.get("kind", "scale")
        if kind not in _ITEM_KINDS:
            raise ValueError(f"{where}: unknown item kind {kind!r}")
        show = it.get("show_if")
        items.append(
            Item(
                id=_as_str(it, "id", where),
                text=_as_str(it, "text", where),
                subscale=_as_str(it, "subscale", where),
                reverse=bool(it.get("reverse", False)),
                kind=kind,
                sign=str(it["sign"]) if it.get("sign") else None,
                optional=bool(it.get("optional", False)),
                options=_parse_options(it.get("options"), where),
                minimum=float(it["min"]) if "min" in it else None,
                maximum=float(it["max"]) if "max" in it else None,
                max_length=int(it["max_length"]) if "max_length" in it else None,
                show_if=ShowIf(str(show["item"]), str(show["equals"])) if show else None,
            )
        )
    if len({i.id for i in items}) != len(items):
        raise ValueError(f"{where}: duplicate item ids")
    spec_ids = {s.id for s in specs}
    for item in items:
        if item.kind == "scale" and item.subscale not in spec_ids:
            raise ValueError(f"{where}: item {item.id} has unknown scale {item.subscale}")
    quadrants = tuple(
        Quadrant(
            id=str(qid),
            label=_as_str(q, "label", where),
            description=_as_str(q, "description", where),
            in_conflict=_as_str(q, "in_conflict", where),
        )
        for qid, q in (raw.get("quadrants") or {}).items()
    )
    return Bank(
        id=bank_id,
        version=int(raw["version"]),
        title=_as_str(raw, "title", where),
        intro=_as_str(raw, "intro", where),
        disclaimer=_as_str(raw, "disclaimer", where),
        scale=scale,
        items=tuple(items),
        scales=tuple(specs),
        quadrants=quadrants,
        quadrant_cutoff=int(raw.get("quadrant_cutoff", 50)),
    )


@dataclass(frozen=True, slots=True)
class _Config:
    order: tuple[str, ...]
    disclaimer: str
    distress_name: str
    distress_about: str
    distress_cutoffs: tuple[tuple[str, int], ...]
    distress_bands: Mapping[str, BandText]


@cache
def _config() -> _Config:
    raw = load_mapping(DATA_DIR / "checkup.yaml")
    distress = raw["distress"]
    cutoffs = sorted(((str(k), int(v)) for k, v in distress["cutoffs"].items()), key=lambda x: x[1])
    return _Config(
        order=tuple(str(b) for b in raw["order"]),
        disclaimer=str(raw["disclaimer"]),
        distress_name=str(distress["name"]),
        distress_about=" ".join(str(distress["about"]).split()),
        distress_cutoffs=tuple(cutoffs),
        distress_bands={
            str(k): BandText(id=str(k), label=str(v["label"]), meaning=" ".join(v["meaning"].split()))
            for k, v in distress["bands"].items()
        },
    )


def bank_ids() -> tuple[str, ...]:
    """All bank ids, in display order."""
    return _config().order


@cache
def load_bank(bank_id: str) -> Bank:
    """Load one item bank by id (cached). Raises :class:`UnknownBankError` for an unknown id."""
    if bank_id not in bank_ids():
        raise UnknownBankError(
            f"There is no check-up section called {bank_id!r}. Known sections: {', '.join(bank_ids())}.",
            bank_id=bank_id,
        )
    bank = _parse_bank(load_mapping(DATA_DIR / f"{bank_id}.yaml"), bank_id)
    if bank.id != bank_id:
        raise ValueError(f"{bank_id}.yaml declares id {bank.id!r}")
    return bank


def banks() -> tuple[Bank, ...]:
    """Every bank, in the order the check-up shows them."""
    return tuple(load_bank(b) for b in bank_ids())


# --------------------------------------------------------------------------- validation


AnswerValue = int | float | str | dt.date | tuple[str, ...]


def _validate(bank: Bank, item: Item, value: object) -> AnswerValue | None:
    """Return the normalised answer, ``None`` for unanswered, or raise AnswerError."""
    where = f"Answer to '{item.id}' in {bank.id!r}"

    def fail(msg: str) -> AnswerError:
        return AnswerError(f"{where} {msg}", bank_id=bank.id, item_id=item.id)

    if value is None:
        return None
    if item.kind == "scale":
        allowed = [int(o.value) for o in bank.scale]
        if isinstance(value, bool) or not isinstance(value, int):
            raise fail(f"must be a whole number from {min(allowed)} to {max(allowed)}.")
        if value not in allowed:
            raise fail(f"is {value}, outside the range {min(allowed)} to {max(allowed)}.")
        return value
    if item.kind == "choice":
        allowed_s = [str(o.value) for o in item.options]
        if not isinstance(value, str) or value not in allowed_s:
            raise fail(f"is {value!r}; expected one of: {', '.join(allowed_s)}.")
        return value
    if item.kind == "multi":
        allowed_s = [str(o.value) for o in item.options]
        if isinstance(value, str) or not isinstance(value, Sequence | set | frozenset):
            raise fail("must be a list of choices.")
        chosen: list[str] = []
        for v in value:
            if not isinstance(v, str) or v not in allowed_s:
                raise fail(f"contains {v!r}; expected any of: {', '.join(allowed_s)}.")
            if v not in chosen:
                chosen.append(v)
        if not chosen:
            return None
        return tuple(sorted(chosen, key=allowed_s.index))
    if item.kind == "month":
        if value == UNKNOWN_MONTH:
            return UNKNOWN_MONTH
        match = _MONTH_RE.match(value) if isinstance(value, str) else None
        if match is None or not 1 <= int(match.group(2)) <= 12 or int(match.group(1)) < 1900:
            raise fail(f"is {value!r}; expected a month like '2024-03' or 'unknown'.")
        return match.group(0)
    if item.kind == "number":
        if isinstance(value, bool) or not isinstance(value, int | float) or math.isnan(value):
            raise fail("must be a number.")
        low = item.minimum if item.minimum is not None else -math.inf
        high = item.maximum if item.maximum is not None else math.inf
        if not low <= value <= high:
            raise fail(f"is {value}, outside the range {low:g} to {high:g}.")
        return value
    if item.kind == "date":
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        if isinstance(value, str):
            try:
                return dt.date.fromisoformat(value)
            except ValueError:
                pass
        raise fail(f"is {value!r}; expected a date like '2025-06-30'.")
    # text
    if not isinstance(value, str):
        raise fail("must be text.")
    if item.max_length is not None and len(value) > item.max_length:
        raise fail(f"is longer than {item.max_length} characters.")
    return value if value.strip() else None


def validate_answers(bank_id: str, answers: Mapping[str, object]) -> dict[str, AnswerValue]:
    """Check every answer against the bank; return the answered ones, normalised.

    Raises :class:`AnswerError` naming the first unknown item or invalid value.
    """
    bank = load_bank(bank_id)
    if not isinstance(answers, Mapping):
        raise AnswerError(f"Answers for {bank_id!r} must be a mapping of question id to answer.")
    clean: dict[str, AnswerValue] = {}
    for item_id, value in answers.items():
        item = bank.item(str(item_id))
        normalised = _validate(bank, item, value)
        if normalised is not None:
            clean[item.id] = normalised
    return clean


# --------------------------------------------------------------------------- results


@dataclass(frozen=True, slots=True)
class Band:
    id: str
    label: str
    meaning: str


@dataclass(frozen=True, slots=True)
class Driver:
    """One answer that pulled a scale towards its result."""

    item_id: str
    text: str
    value: int
    answer_label: str
    keyed: int  # after reverse keying; higher = more of what the scale measures
    reverse: bool


@dataclass(frozen=True, slots=True)
class ScaleResult:
    bank_id: str
    scale_id: str
    name: str
    direction: Direction
    answered: int
    total: int
    score: float | None  # mean of keyed answers on the bank's own scale
    normalized: int | None  # 0–100
    band: Band | None
    drivers: tuple[Driver, ...]
    disclaimer: str = DISCLAIMER

    @property
    def key(self) -> str:
        return f"{self.bank_id}.{self.scale_id}"

    @property
    def enough(self) -> bool:
        return self.normalized is not None

    @property
    def status(self) -> str:
        return "scored" if self.enough else "not enough answers"

    def band_is(self, *band_ids: str) -> bool:
        return self.band is not None and self.band.id in band_ids

    @property
    def explanation(self) -> str:
        if self.band is None or self.normalized is None:
            return (
                f"{self.name}: not enough answers ({self.answered} of {self.total}); "
                "answer at least half to see a result."
            )
        text = (
            f"{self.name}: {self.band.label.lower()} ({self.normalized}/100, "
            f"from {self.answered} of {self.total} answers). {self.band.meaning}"
        )
        if self.drivers:
            top = self.drivers[0]
            text += f" Most of all: “{top.text}” ({top.answer_label.lower()})."
        return text


@dataclass(frozen=True, slots=True)
class AttachmentResult:
    anxiety: ScaleResult
    avoidance: ScaleResult
    quadrant: str | None  # secure_leaning | anxious_leaning | avoidant_leaning | both
    label: str
    description: str
    in_conflict: str
    disclaimer: str = DISCLAIMER


@dataclass(frozen=True, slots=True)
class TurningPoint:
    month: str | None  # "YYYY-MM", or None when unknown/unanswered
    when_label: str  # "March 2024", "not sure when", or ""
    events: tuple[str, ...]
    event_labels: tuple[str, ...]
    note_given: bool  # the note itself stays in the private answers only
    months_ago: int | None = None  # only when scored with ``today``

    @property
    def summary(self) -> str:
        parts: list[str] = []
        if self.month:
            parts.append(f"around {self.when_label}")
        if self.event_labels:
            parts.append("with " + _join_and([e.lower() for e in self.event_labels]))
        return "Things began to shift " + ", ".join(parts) + "." if parts else ""


@dataclass(frozen=True, slots=True)
class Situation:
    living: str | None
    long_distance: bool
    tz_difference_hours: float | None
    next_visit: dt.date | None
    broken_up: bool
    no_contact: str  # "none" | "me" | "partner"
    partner_status: str | None  # aware_willing | not_yet | unaware | None
    solo: bool  # partner is not taking part (not yet willing, or not told)
    days_to_next_visit: int | None = None  # only when scored with ``today``


@dataclass(frozen=True, slots=True)
class BankResult:
    bank_id: str
    version: int
    title: str
    answered: int
    total: int
    scales: tuple[ScaleResult, ...]
    choices: Mapping[str, tuple[str, ...]]  # choice/multi answers, by item id
    attachment: AttachmentResult | None = None
    turning_point: TurningPoint | None = None
    situation: Situation | None = None
    disclaimer: str = DISCLAIMER

    def scale(self, scale_id: str) -> ScaleResult | None:
        return next((s for s in self.scales if s.scale_id == scale_id), None)


@dataclass(frozen=True, slots=True)
class Index:
    """A combined figure such as overall strain, with the parts it was made from."""

    id: str
    name: str
    about: str
    score: int | None
    band: Band | None
    parts: tuple[tuple[str, int], ...]  # (scale key, 0–100 contribution)


@dataclass(frozen=True, slots=True)
class CheckupResult:
    banks: tuple[BankResult, ...]
    distress: Index
    disclaimer: str = DISCLAIMER

    def bank(self, bank_id: str) -> BankResult | None:
        return next((b for b in self.banks if b.bank_id == bank_id), None)

    def scale(self, bank_id: str, scale_id: str) -> ScaleResult | None:
        bank = self.bank(bank_id)
        return bank.scale(scale_id) if bank else None

    def choice(self, bank_id: str, item_id: str) -> tuple[str, ...]:
        bank = self.bank(bank_id)
        return bank.choices.get(item_id, ()) if bank else ()

    @property
    def attachment(self) -> AttachmentResult | None:
        bank = self.bank("attachment")
        return bank.attachment if bank else None

    @property
    def turning_point(self) -> TurningPoint | None:
        bank = self.bank("turning_point")
        return bank.turning_point if bank else None

    @property
    def situation(self) -> Situation | None:
        bank = self.bank("situation")
        return bank.situation if bank else None

    @property
    def versions(self) -> Mapping[str, int]:
        return {b.bank_id: b.version for b in self.banks}

    @property
    def missing_banks(self) -> tuple[str, ...]:
        done = {b.bank_id for b in self.banks}
        return tuple(b for b in bank_ids() if b not in done)

    def all_scales(self) -> tuple[ScaleResult, ...]:
        return tuple(s for b in self.banks for s in b.scales)

    def summary(self) -> dict[str, Any]:
        """A JSON-ready summary (scores, bands, quadrant, strain) for storage and charts.

        It holds no item answers and no free text.
        """
        attachment = self.attachment
        return {
            "disclaimer": self.disclaimer,
            "versions": dict(self.versions),
            "distress": {
                "score": self.distress.score,
                "band": self.distress.band.id if self.distress.band else None,
                "label": self.distress.band.label if self.distress.band else None,
            },
            "scales": {
                s.key: {
                    "name": s.name,
                    "direction": s.direction,
                    "score": s.score,
                    "normalized": s.normalized,
                    "band": s.band.id if s.band else None,
                    "label": s.band.label if s.band else None,
                    "answered": s.answered,
                    "total": s.total,
                }
                for s in self.all_scales()
            },
            "attachment": (
                {"quadrant": attachment.quadrant, "label": attachment.label}
                if attachment is not None
                else None
            ),
        }


@dataclass(frozen=True, slots=True)
class ScaleComparison:
    """One scale side by side for the couple view."""

    key: str
    name: str
    mine: Band
    theirs: Band
    agree: bool  # same band
    gap: int  # difference on the 0–100 scale
    note: str


def compare_results(mine: CheckupResult, theirs: CheckupResult) -> tuple[ScaleComparison, ...]:
    """Where two partners' results agree and differ, for scales both have scored.

    Pass the partner's :func:`shared_view`, so only what they chose to share is compared.
    Differences come first, largest gap first; then agreements, in check-up order.
    """
    out: list[tuple[int, int, ScaleComparison]] = []
    theirs_by_key = {s.key: s for s in theirs.all_scales()}
    for n, own in enumerate(mine.all_scales()):
        other = theirs_by_key.get(own.key)
        if own.band is None or other is None or other.band is None:
            continue
        gap = abs((own.normalized or 0) - (other.normalized or 0))
        agree = own.band.id == other.band.id
        note = (
            f"You see this much the same way: {own.band.label.lower()}."
            if agree
            else f"You see this differently: for you it is {own.band.label.lower()}, for your "
            f"partner {other.band.label.lower()}. A good topic for a calm talk, with curiosity "
            "rather than proof."
        )
        comparison = ScaleComparison(
            key=own.key,
            name=own.name,
            mine=own.band,
            theirs=other.band,
            agree=agree,
            gap=gap,
            note=note,
        )
        out.append((0 if not agree else 1, -gap if not agree else n, comparison))
    return tuple(c for *_, c in sorted(out, key=lambda t: (t[0], t[1])))


def shared_view(result: CheckupResult, *, shared: Collection[str]) -> CheckupResult:
    """The part of a check-up result a partner may see.

    ``shared`` names what the owner chose to share: scale keys such as
    ``"conflict.flooding"``, and ``"distress"`` for overall strain. Shared scales keep their
    score and band; every other scale is blanked. Item-level detail never crosses over: no
    drivers, no choices, no turning point, no situation. The closeness-and-worry quadrant is
    kept only when both of its scales are shared.
    """

    def strip(scale: ScaleResult) -> ScaleResult:
        if scale.key in shared:
            return replace(scale, drivers=())
        return replace(scale, answered=0, score=None, normalized=None, band=None, drivers=())

    banks_: list[BankResult] = []
    for bank in result.banks:
        if bank.bank_id in ("situation", "turning_point"):
            continue
        scales = tuple(strip(s) for s in bank.scales)
        attachment = None
        if bank.attachment is not None and all(s.key in shared for s in bank.scales):
            by_id = {s.scale_id: s for s in scales}
            attachment = replace(bank.attachment, anxiety=by_id["anxiety"], avoidance=by_id["avoidance"])
        banks_.append(replace(bank, answered=0, scales=scales, choices={}, attachment=attachment))
    distress = result.distress
    if "distress" in shared:
        distress = replace(distress, parts=())
    else:
        distress = replace(distress, score=None, band=None, parts=())
    return CheckupResult(banks=tuple(banks_), distress=distress, disclaimer=result.disclaimer)


# --------------------------------------------------------------------------- scoring


def _join_and(words: Sequence[str]) -> str:
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + " and " + words[-1]


def _score_scale(bank: Bank, spec: ScaleSpec, clean: Mapping[str, AnswerValue]) -> ScaleResult:
    items = [i for i in bank.items if i.kind == "scale" and i.subscale == spec.id]
    lo, hi = bank.scale_min, bank.scale_max
    labels = {int(o.value): o.label for o in bank.scale}
    keyed: list[tuple[Item, int, int]] = []
    for item in items:
        raw = clean.get(item.id)
        if isinstance(raw, int):
            keyed.append((item, raw, lo + hi - raw if item.reverse else raw))
    answered, total = len(keyed), len(items)
    if total == 0 or answered < math.ceil(total / 2):
        return ScaleResult(
            bank_id=bank.id,
            scale_id=spec.id,
            name=spec.name,
            direction=spec.direction,
            answered=answered,
            total=total,
            score=None,
            normalized=None,
            band=None,
            drivers=(),
        )
    mean = sum(k for _, _, k in keyed) / answered
    normalized = round((mean - lo) / (hi - lo) * 100)
    band = spec.band_for(normalized)
    # Drivers pull the score the way it leans: the highest keyed answers when the score is
    # at or above the middle, the lowest when it is below. Ties keep question order.
    high_side = normalized >= 50
    ordered = sorted(enumerate(keyed), key=lambda ik: (-ik[1][2] if high_side else ik[1][2], ik[0]))
    midpoint = (lo + hi) / 2
    drivers = tuple(
        Driver(
            item_id=item.id,
            text=item.text,
            value=value,
            answer_label=labels[value],
            keyed=k,
            reverse=item.reverse,
        )
        for _, (item, value, k) in ordered
        if (k >= midpoint if high_side else k <= midpoint)
    )[:MAX_DRIVERS]
    return ScaleResult(
        bank_id=bank.id,
        scale_id=spec.id,
        name=spec.name,
        direction=spec.direction,
        answered=answered,
        total=total,
        score=round(mean, 3),
        normalized=normalized,
        band=Band(id=band.id, label=band.label, meaning=" ".join(band.meaning.split())),
        drivers=drivers,
    )


def _attachment(bank: Bank, scales: Sequence[ScaleResult]) -> AttachmentResult:
    anxiety = next(s for s in scales if s.scale_id == "anxiety")
    avoidance = next(s for s in scales if s.scale_id == "avoidance")
    if anxiety.normalized is None or avoidance.normalized is None:
        return AttachmentResult(
            anxiety=anxiety,
            avoidance=avoidance,
            quadrant=None,
            label="Not enough answers",
            description="Answer at least half of the questions in each part to see a result.",
            in_conflict="",
        )
    cut = bank.quadrant_cutoff
    anxious, avoidant = anxiety.normalized > cut, avoidance.normalized > cut
    quadrant_id = (
        "both"
        if anxious and avoidant
        else "anxious_leaning"
        if anxious
        else "avoidant_leaning"
        if avoidant
        else "secure_leaning"
    )
    quadrant = next(q for q in bank.quadrants if q.id == quadrant_id)
    return AttachmentResult(
        anxiety=anxiety,
        avoidance=avoidance,
        quadrant=quadrant_id,
        label=quadrant.label,
        description=" ".join(quadrant.description.split()),
        in_conflict=" ".join(quadrant.in_conflict.split()),
    )


def _month_label(month: str) -> str:
    year, mon = month.split("-")
    return f"{dt.date(int(year), int(mon), 1):%B} {year}"


def _turning_point(bank: Bank, clean: Mapping[str, AnswerValue], today: dt.date | None) -> TurningPoint:
    when = clean.get("tp_when")
    events = clean.get("tp_events", ())
    assert isinstance(events, tuple)
    labels = {str(o.value): o.label for o in bank.item("tp_events").options}
    month = when if isinstance(when, str) and when != UNKNOWN_MONTH else None
    months_ago = None
    if month and today is not None:
        year, mon = (int(x) for x in month.split("-"))
        months_ago = (today.year - year) * 12 + today.month - mon
        if months_ago < 0:
            raise AnswerError(
                f"Answer to 'tp_when' in 'turning_point' is {month!r}, which is in the future.",
                bank_id=bank.id,
                item_id="tp_when",
            )
    return TurningPoint(
        months_ago=months_ago,
        month=month,
        when_label=_month_label(month) if month else ("not sure when" if when else ""),
        events=events,
        event_labels=tuple(labels[e] for e in events),
        note_given="tp_note" in clean,
    )


def _situation(clean: Mapping[str, AnswerValue], today: dt.date | None) -> Situation:
    living = clean.get("st_living")
    long_distance = living == "long_distance"
    broken_up = clean.get("st_broken_up") == "yes"
    tz = clean.get("st_tz_hours")
    visit = clean.get("st_next_visit")
    no_contact = clean.get("st_no_contact", "none")
    partner = clean.get("st_partner")
    return Situation(
        living=living if isinstance(living, str) else None,
        long_distance=long_distance,
        tz_difference_hours=float(tz) if long_distance and isinstance(tz, int | float) else None,
        next_visit=visit if long_distance and isinstance(visit, dt.date) else None,
        broken_up=broken_up,
        no_contact=str(no_contact) if broken_up else "none",
        partner_status=partner if isinstance(partner, str) else None,
        solo=partner in ("not_yet", "unaware"),
        days_to_next_visit=(
            (visit - today).days
            if long_distance and isinstance(visit, dt.date) and today is not None
            else None
        ),
    )


def score_bank(bank_id: str, answers: Mapping[str, object], *, today: dt.date | None = None) -> BankResult:
    """Validate and score one bank's answers.

    Each scale is scored as the mean of its answered items after reverse keying, also shown
    as 0–100. A scale with fewer than half of its items answered has no score and the status
    "not enough answers". Raises :class:`AnswerError` on unknown items or invalid values.
    With ``today``, a turning point in the future is rejected, and the months since the
    turning point and the days to the next visit are filled in.
    """
    bank = load_bank(bank_id)
    clean = validate_answers(bank_id, answers)
    scales = tuple(_score_scale(bank, spec, clean) for spec in bank.scales)
    choices: dict[str, tuple[str, ...]] = {}
    for item in bank.items:
        value = clean.get(item.id)
        if item.kind == "choice" and isinstance(value, str):
            choices[item.id] = (value,)
        elif item.kind == "multi" and isinstance(value, tuple):
            choices[item.id] = value
    return BankResult(
        bank_id=bank.id,
        version=bank.version,
        title=bank.title,
        answered=len(clean),
        total=len(bank.items),
        scales=scales,
        choices=choices,
        attachment=_attachment(bank, scales) if bank.quadrants else None,
        turning_point=_turning_point(bank, clean, today) if bank.id == "turning_point" else None,
        situation=_situation(clean, today) if bank.id == "situation" else None,
        disclaimer=bank.disclaimer,
    )


_NEGATIVE_CONFLICT = ("criticism", "contempt", "defensiveness", "stonewalling", "flooding")


def _distress(banks_: Sequence[BankResult]) -> Index:
    cfg = _config()
    by_id = {b.bank_id: b for b in banks_}
    parts: list[tuple[str, int]] = []
    signs = by_id.get("warning_signs")
    if signs:
        scored = [s.normalized for s in signs.scales if s.normalized is not None]
        if scored:
            parts.append(("warning_signs", round(sum(scored) / len(scored))))
    conflict = by_id.get("conflict")
    if conflict:
        scored = [
            s.normalized
            for s in conflict.scales
            if s.scale_id in _NEGATIVE_CONFLICT and s.normalized is not None
        ]
        if scored:
            parts.append(("conflict", round(sum(scored) / len(scored))))
    relationship = by_id.get("relationship")
    satisfaction = relationship.scale("satisfaction") if relationship else None
    if satisfaction is not None and satisfaction.normalized is not None:
        parts.append(("relationship.satisfaction (reversed)", 100 - satisfaction.normalized))
    score = round(sum(p for _, p in parts) / len(parts)) if parts else None
    band: Band | None = None
    if score is not None:
        band_id = "low"
        for bid, cutoff in cfg.distress_cutoffs:
            if score >= cutoff:
                band_id = bid
        text = cfg.distress_bands[band_id]
        band = Band(id=band_id, label=text.label, meaning=text.meaning)
    return Index(
        id="distress",
        name=cfg.distress_name,
        about=cfg.distress_about,
        score=score,
        band=band,
        parts=tuple(parts),
    )


def score_checkup(
    answers_by_bank: Mapping[str, Mapping[str, object]], *, today: dt.date | None = None
) -> CheckupResult:
    """Score every bank that has answers, in display order, plus the overall strain index.

    Banks that are absent are simply missing from the result (see ``missing_banks``).
    Raises :class:`UnknownBankError` for an unknown bank id.
    """
    order = bank_ids()
    for bank_id in answers_by_bank:
        if bank_id not in order:
            load_bank(bank_id)  # raises UnknownBankError with the list of known banks
    results = tuple(score_bank(b, answers_by_bank[b], today=today) for b in order if b in answers_by_bank)
    return CheckupResult(banks=results, distress=_distress(results))
