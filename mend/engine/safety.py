"""The private safety check: items, scoring into none / some / urgent, and safety steps.

Pure Python. Items and messages live in ``mend/engine/data/safety/items.yaml``. Answers are
``"yes"``, ``"not_sure"`` or ``"no"`` per item (``None`` or missing = skipped), plus the
``sf_safe_now`` question (``"yes"``, ``"no"`` or ``"not_sure"``).

Rules, in order:

* "yes" to any item marked ``urgent`` (physical harm, pressure on the neck, weapon, threat
  to kill, forced sexual acts, fear for one's life) -> ``urgent``;
* "yes" to any item marked ``some`` (fear, threats, pressure about sex, control of money,
  phone, movement or friends, monitoring), or "not sure" to an ``urgent`` item, or "no"/"not
  sure" to "is it safe to answer now" -> ``some``;
* otherwise ``none``.

The result never diagnoses. It reflects back what the person mentioned, offers support,
and tells the plan to set couple exercises aside when there is any concern.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, Literal

import yaml

from mend.engine.checkup import DISCLAIMER, AnswerError

SafetyBand = Literal["none", "some", "urgent"]
Severity = Literal["some", "urgent"]
DATA_FILE = Path(__file__).resolve().parent / "data" / "safety" / "items.yaml"
BANK_ID = "safety"
SAFE_NOW_ID = "sf_safe_now"
_RANK: dict[str, int] = {"none": 0, "some": 1, "urgent": 2}
_BANDS: tuple[SafetyBand, ...] = ("none", "some", "urgent")

#: Steps for a personal safety plan, in our own words. Shown for "some" and "urgent".
SAFETY_PLAN_STEPS: tuple[str, ...] = (
    "If you are in danger right now, call your local emergency number. That comes before anything else here.",
    "Think of one or two people you trust and could call or go to at any hour. If it feels "
    "safe, agree a code word with them that means “please call for help” or “come and get me”.",
    "Pick a place you could go at short notice, such as a friend's or relative's home, or a "
    "refuge, and how you would get there.",
    "Keep the essentials where you can grab them quickly, or with someone you trust: ID, "
    "bank cards, some cash, medicines, keys, a charger, and important papers for you and "
    "any children.",
    "Learn the number of a domestic violence or crisis line for your country, and call when "
    "it is safe to talk. They can help you plan in confidence and explain your options.",
    "Look after your phone and accounts: use a passcode only you know, check which apps "
    "share your location, and use a device your partner cannot reach to look for help.",
    "Notice the moments when things tend to get dangerous, and in those moments stay out of "
    "rooms with one exit or with things that could be used to hurt you.",
    "Write down what happens, with dates, and keep it somewhere your partner cannot find "
    "it, such as with a trusted person, in case you want it later.",
)


@dataclass(frozen=True, slots=True)
class SafetyItem:
    id: str
    area: str  # fear | threats | physical | sexual | control | monitoring
    severity: Severity
    text: str
    reason: str


@dataclass(frozen=True, slots=True)
class SafetyOption:
    value: str
    label: str


@dataclass(frozen=True, slots=True)
class BandMessage:
    headline: str
    message: str


@dataclass(frozen=True, slots=True)
class SafetyBank:
    id: str
    version: int
    title: str
    intro: str
    disclaimer: str
    scale: tuple[SafetyOption, ...]
    items: tuple[SafetyItem, ...]
    safe_now_text: str
    safe_now_options: tuple[SafetyOption, ...]
    safe_now_reason: str
    messages: Mapping[str, BandMessage]

    def item(self, item_id: str) -> SafetyItem:
        for item in self.items:
            if item.id == item_id:
                return item
        raise AnswerError(
            f"'{item_id}' is not a question in the safety check.", bank_id=self.id, item_id=item_id
        )


@dataclass(frozen=True, slots=True)
class SafetyResult:
    band: SafetyBand
    reasons: tuple[str, ...]  # what the person mentioned, in supportive words
    fired: tuple[str, ...]  # item ids that raised the band
    areas: tuple[str, ...]  # the areas those items belong to, no repeats
    headline: str
    message: str
    next_steps: tuple[str, ...]  # empty for "none"
    emergency_first: bool  # show the emergency number before anything else
    pause_couple_exercises: bool  # the plan must not offer couple exercises
    safe_to_answer_now: bool | None  # None when not answered or not sure
    answered: int
    total: int
    version: int
    disclaimer: str = DISCLAIMER

    @property
    def concern(self) -> bool:
        return self.band != "none"


def _text(data: Mapping[str, Any], key: str) -> str:
    value = data.get(key)
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"safety items: '{key}' must be non-empty text")
    return " ".join(value.split())


def _options(raw: Any) -> tuple[SafetyOption, ...]:
    return tuple(SafetyOption(value=str(o["value"]), label=_text(o, "label")) for o in raw)


@cache
def load_safety_bank() -> SafetyBank:
    """The safety check's items and messages (read once, cached)."""
    with DATA_FILE.open(encoding="utf-8") as fh:
        raw = yaml.safe_load(fh)
    items = []
    for it in raw["items"]:
        severity = it["severity"]
        if severity not in ("some", "urgent"):
            raise ValueError(f"safety item {it['id']}: bad severity {severity!r}")
        items.append(
            SafetyItem(
                id=_text(it, "id"),
                area=_text(it, "area"),
                severity=severity,
                text=_text(it, "text"),
                reason=_text(it, "reason"),
            )
        )
    safe_now = raw["safe_now"]
    return SafetyBank(
        id=str(raw["id"]),
        version=int(raw["version"]),
        title=_text(raw, "title"),
        intro=_text(raw, "intro"),
        disclaimer=_text(raw, "disclaimer"),
        scale=_options(raw["scale"]),
        items=tuple(items),
        safe_now_text=_text(safe_now, "text"),
        safe_now_options=_options(safe_now["options"]),
        safe_now_reason=_text(safe_now, "reason"),
        messages={
            band: BandMessage(
                headline=_text(raw["bands"][band], "headline"),
                message=_text(raw["bands"][band], "message"),
            )
            for band in _BANDS
        },
    )


def validate_safety_answers(answers: Mapping[str, object]) -> dict[str, str]:
    """Check the answers; return the answered ones. Raises :class:`AnswerError`."""
    bank = load_safety_bank()
    if not isinstance(answers, Mapping):
        raise AnswerError("Safety answers must be a mapping of question id to answer.")
    clean: dict[str, str] = {}
    for item_id, value in answers.items():
        if item_id == SAFE_NOW_ID:
            allowed = [o.value for o in bank.safe_now_options]
        else:
            bank.item(str(item_id))
            allowed = [o.value for o in bank.scale]
        if value is None:
            continue
        if not isinstance(value, str) or value not in allowed:
            raise AnswerError(
                f"Answer to '{item_id}' in the safety check is {value!r}; "
                f"expected one of: {', '.join(allowed)}.",
                bank_id=BANK_ID,
                item_id=str(item_id),
            )
        clean[str(item_id)] = value
    return clean


def safety_result(answers: Mapping[str, object]) -> SafetyResult:
    """Score the private safety check. Raises :class:`AnswerError` on unknown ids or values."""
    bank = load_safety_bank()
    clean = validate_safety_answers(answers)
    band: SafetyBand = "none"
    reasons: list[str] = []
    fired: list[str] = []
    areas: list[str] = []

    def raise_to(level: SafetyBand) -> None:
        nonlocal band
        if _RANK[level] > _RANK[band]:
            band = level

    # urgent answers first, so the most serious reasons lead
    ordered = sorted(bank.items, key=lambda i: 0 if i.severity == "urgent" else 1)
    for item in ordered:
        answer = clean.get(item.id)
        if answer == "yes":
            level: SafetyBand = item.severity
        elif answer == "not_sure" and item.severity == "urgent":
            level = "some"
        else:
            continue
        raise_to(level)
        fired.append(item.id)
        reasons.append(
            item.reason
            if answer == "yes"
            else f"You were not sure about this: “{item.text}” Not being sure is worth "
            "talking through with someone you trust."
        )
        if item.area not in areas:
            areas.append(item.area)

    safe_now = clean.get(SAFE_NOW_ID)
    if safe_now in ("no", "not_sure"):
        raise_to("some")
        fired.append(SAFE_NOW_ID)
        reasons.append(bank.safe_now_reason)

    message = bank.messages[band]
    return SafetyResult(
        band=band,
        reasons=tuple(reasons),
        fired=tuple(fired),
        areas=tuple(areas),
        headline=message.headline,
        message=message.message,
        next_steps=SAFETY_PLAN_STEPS if band != "none" else (),
        emergency_first=band == "urgent",
        pause_couple_exercises=band != "none",
        safe_to_answer_now=True if safe_now == "yes" else False if safe_now == "no" else None,
        answered=sum(1 for k in clean if k != SAFE_NOW_ID),
        total=len(bank.items),
        version=bank.version,
    )
