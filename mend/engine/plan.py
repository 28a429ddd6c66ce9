"""The personal repair plan: rules that turn check-up results into 3–6 prioritised steps.

Pure Python. The words of each step live in ``mend/engine/data/checkup/plan.yaml``; this
module decides which steps apply, in what order, and why.

Order of precedence:

1. **Safety** (``some`` or ``urgent``) overrides everything: the plan becomes safety
   planning and professional help, with no couple exercises.
2. **Seek help first** when overall strain is very high, or (with ``partner_result``) when
   both partners show heavy strain or both are unsure they want to save it.
3. **After a breakup**: respect no-contact, reflect, and at most one calm message.
4. Core steps ranked by how strongly the answers point to them: honest conversation,
   communicating without blame, pausing when flooded, rebuilding trust, reconnecting,
   own patterns, getting clear, space with rules.
5. Routine and follow-ups: weekly check-in, shared goals, invite (solo), fillers.

Every step says which rule fired and which answers triggered it. Results are "a reflection
aid, not a clinical assessment".
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict, dataclass
from functools import cache
from pathlib import Path
from typing import Any, Literal, get_args

from mend.engine._yaml import load_mapping
from mend.engine.checkup import (
    DISCLAIMER,
    CheckupResult,
    ScaleResult,
    Situation,
    load_bank,
)
from mend.engine.content import Tool
from mend.engine.safety import SafetyResult

Mode = Literal["couple", "solo"]
Area = Literal[
    "safety",
    "help",
    "honest_conversation",
    "communication",
    "reconnection",
    "trust",
    "own_patterns",
    "space",
    "routine",
]
TOOLS: tuple[str, ...] = get_args(Tool)
AREAS: tuple[str, ...] = get_args(Area)
MIN_STEPS, MAX_STEPS = 3, 6
DATA_FILE = Path(__file__).resolve().parent / "data" / "checkup" / "plan.yaml"
_VARIANT_ORDER = (
    "no_attachment",
    "no_contact_partner",
    "no_contact_me",
    "breakup",
    "solo_unaware",
    "solo",
    "long_distance",
    "couple",
    "default",
)


@dataclass(frozen=True, slots=True)
class Step:
    rank: int  # 1 = do this first
    area: Area
    title: str
    why: str
    this_week: str
    tool: Tool
    rule: str  # the rule that chose this step
    triggers: tuple[str, ...] = ()  # scale keys or answers behind it, e.g. "conflict.flooding"


@dataclass(frozen=True, slots=True)
class ScoreNote:
    """A scale's 0–100 score at the time the plan was made, for explaining changes later."""

    key: str
    name: str
    score: int
    direction: str  # "concern": lower is better; "strength": higher is better


@dataclass(frozen=True, slots=True)
class Plan:
    mode: Mode
    variants: tuple[str, ...]  # "long_distance", "after_breakup", "no_contact", "safety"
    steps: tuple[Step, ...]
    headline: str
    safety_band: str | None
    couple_exercises: bool
    opener: str | None
    scores: tuple[ScoreNote, ...]
    disclaimer: str = DISCLAIMER

    @property
    def shareable(self) -> bool:
        """False when the plan was shaped by the private safety check: never show it to the
        partner, in the couple view, reminders or exports the partner can see."""
        return "safety" not in self.variants

    def step_for(self, rule: str) -> Step | None:
        return next((s for s in self.steps if s.rule == rule), None)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready copy, to store and later compare with :func:`plan_changes`."""
        return asdict(self)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Plan:
        """Rebuild a plan stored with :meth:`to_dict`. Raises ``ValueError`` if malformed."""
        try:
            steps = tuple(
                Step(
                    rank=int(s["rank"]),
                    area=_checked(s["area"], AREAS),
                    title=str(s["title"]),
                    why=str(s["why"]),
                    this_week=str(s["this_week"]),
                    tool=_checked(s["tool"], TOOLS),
                    rule=str(s["rule"]),
                    triggers=tuple(str(t) for t in s.get("triggers", ())),
                )
                for s in data["steps"]
            )
            scores = tuple(
                ScoreNote(
                    key=str(n["key"]),
                    name=str(n["name"]),
                    score=int(n["score"]),
                    direction=str(n["direction"]),
                )
                for n in data.get("scores", ())
            )
            mode = _checked(data["mode"], ("couple", "solo"))
            return cls(
                mode=mode,
                variants=tuple(str(v) for v in data.get("variants", ())),
                steps=steps,
                headline=str(data["headline"]),
                safety_band=None if data.get("safety_band") is None else str(data["safety_band"]),
                couple_exercises=bool(data.get("couple_exercises", True)),
                opener=None if data.get("opener") is None else str(data["opener"]),
                scores=scores,
                disclaimer=str(data.get("disclaimer", DISCLAIMER)),
            )
        except (KeyError, TypeError) as exc:
            raise ValueError(f"not a stored plan: {exc!r}") from exc

    @property
    def rules(self) -> tuple[str, ...]:
        return tuple(s.rule for s in self.steps)


def _checked(value: Any, allowed: Sequence[str]) -> Any:
    if value not in allowed:
        raise ValueError(f"{value!r} is not one of {', '.join(allowed)}")
    return value


# --------------------------------------------------------------------------- step texts


@dataclass(frozen=True, slots=True)
class _StepText:
    area: Area
    tool: Tool
    tool_solo: Tool | None
    title: str
    why: str
    this_week: Mapping[str, str]


def _clean(text: Any) -> str:
    if not isinstance(text, str) or not text.strip():
        raise ValueError("plan.yaml: every text must be non-empty")
    return " ".join(text.split())


@cache
def _texts() -> Mapping[str, _StepText]:
    raw = load_mapping(DATA_FILE)
    out: dict[str, _StepText] = {}
    for rule, spec in raw["steps"].items():
        area, tool, tool_solo = spec["area"], spec["tool"], spec.get("tool_solo")
        if area not in AREAS or tool not in TOOLS or (tool_solo and tool_solo not in TOOLS):
            raise ValueError(f"plan.yaml: step {rule} has an unknown area or tool")
        variants = {str(k): _clean(v) for k, v in spec["this_week"].items()}
        if "default" not in variants or set(variants) - set(_VARIANT_ORDER):
            raise ValueError(f"plan.yaml: step {rule} needs a default and known variants")
        out[str(rule)] = _StepText(
            area=area,
            tool=tool,
            tool_solo=tool_solo,
            title=_clean(spec["title"]),
            why=_clean(spec["why"]),
            this_week=variants,
        )
    return out


# --------------------------------------------------------------------------- context


_DEFAULT_SITUATION = Situation(
    living=None,
    long_distance=False,
    tz_difference_hours=None,
    next_visit=None,
    broken_up=False,
    no_contact="none",
    partner_status=None,
    solo=False,
)


@dataclass(frozen=True, slots=True)
class _Context:
    result: CheckupResult
    partner: CheckupResult | None
    mode: Mode
    situation: Situation

    @property
    def variant_keys(self) -> tuple[str, ...]:
        keys: list[str] = []
        attachment = self.result.attachment
        if attachment is None or attachment.quadrant is None:
            keys.append("no_attachment")
        s = self.situation
        if s.broken_up and s.no_contact == "partner":
            keys.append("no_contact_partner")
        if s.broken_up and s.no_contact == "me":
            keys.append("no_contact_me")
        if s.broken_up:
            keys.append("breakup")
        if self.mode == "solo":
            if s.partner_status == "unaware":
                keys.append("solo_unaware")
            keys.append("solo")
        if s.long_distance:
            keys.append("long_distance")
        keys.append("couple" if self.mode == "couple" else "default")
        keys.append("default")
        return tuple(keys)

    @property
    def no_contact(self) -> bool:
        return self.situation.broken_up and self.situation.no_contact in ("me", "partner")


@dataclass(frozen=True, slots=True)
class _Evidence:
    """Why a rule fired on one person's results."""

    strength: int  # 0–100, how strongly the answers point here
    reasons: tuple[str, ...]  # human text
    triggers: tuple[str, ...]  # scale keys or answer keys


@dataclass(frozen=True, slots=True)
class _Candidate:
    rule: str
    tier: int
    strength: int
    why: str
    triggers: tuple[str, ...]
    order: int = 0
    text_key: str = ""  # which step text to use, when it differs from the rule id

    @property
    def text(self) -> str:
        return self.text_key or self.rule


def _scale(result: CheckupResult, key: str) -> ScaleResult | None:
    bank_id, scale_id = key.split(".")
    return result.scale(bank_id, scale_id)


def _band(result: CheckupResult, key: str) -> str | None:
    scale = _scale(result, key)
    return scale.band.id if scale and scale.band else None


def _score(result: CheckupResult, key: str) -> int | None:
    scale = _scale(result, key)
    return scale.normalized if scale else None


def _describe(scale: ScaleResult, *, own: bool) -> str:
    """Own scales show score and top answer; a partner's show only the band."""
    assert scale.band is not None and scale.normalized is not None
    if not own:
        return f"{scale.name}: {scale.band.label.lower()}"
    text = f"{scale.name}: {scale.band.label.lower()} ({scale.normalized}/100)"
    if scale.drivers:
        top = scale.drivers[0]
        text += f", most of all “{top.text.rstrip('.')}” ({top.answer_label.lower()})"
    return text


def _scale_evidence(
    result: CheckupResult,
    keys: Sequence[str],
    *,
    bands: Sequence[str],
    own: bool,
    invert: bool = False,
) -> _Evidence | None:
    """Fire when any of ``keys`` is in one of ``bands``; strength is the strongest score."""
    hits = [s for k in keys if (s := _scale(result, k)) is not None and s.band and s.band.id in bands]
    if not hits:
        return None
    scores = [(100 - s.normalized if invert else s.normalized) for s in hits if s.normalized is not None]
    return _Evidence(
        strength=max(scores),
        reasons=tuple(_describe(s, own=own) for s in hits),
        triggers=tuple(s.key for s in hits),
    )


def _merge(*parts: _Evidence | None) -> _Evidence | None:
    found = [p for p in parts if p is not None]
    if not found:
        return None
    reasons: list[str] = []
    triggers: list[str] = []
    for p in found:
        reasons += [r for r in p.reasons if r not in reasons]
        triggers += [t for t in p.triggers if t not in triggers]
    return _Evidence(max(p.strength for p in found), tuple(reasons), tuple(triggers))


# --------------------------------------------------------------------------- rules
# Each rule looks at one person's results and returns evidence, or None when it does not
# apply. The same rule runs on the partner's (shared) results in the couple view.

RuleCheck = Callable[[CheckupResult, bool], "_Evidence | None"]


def _rule_honest_talk(r: CheckupResult, own: bool) -> _Evidence | None:
    evidence = _merge(
        _scale_evidence(r, ["warning_signs.avoidance"], bands=["moderate", "high"], own=own),
        _scale_evidence(
            r, ["warning_signs.distance", "warning_signs.defensiveness"], bands=["high"], own=own
        ),
    )
    tp = r.turning_point
    if evidence is not None and own and tp is not None and tp.summary:
        # naming when things changed gives the talk a concrete place to start
        reason = "you placed the change " + tp.summary.removeprefix("Things began to shift ")
        evidence = _Evidence(evidence.strength, (*evidence.reasons, reason), evidence.triggers)
    return evidence


def _rule_talk_without_blame(r: CheckupResult, own: bool) -> _Evidence | None:
    negative = ["conflict.criticism", "conflict.contempt", "conflict.defensiveness"]
    high = _scale_evidence(r, [*negative, "warning_signs.arguments"], bands=["high"], own=own)
    moderate = [k for k in negative if _band(r, k) == "moderate"]
    two_moderate = _scale_evidence(r, moderate, bands=["moderate"], own=own) if len(moderate) >= 2 else None
    low_repair = _scale_evidence(r, ["conflict.repair"], bands=["low"], own=own, invert=True)
    evidence = _merge(high, two_moderate, low_repair)
    if evidence and _band(r, "conflict.contempt") == "high":
        # contempt does the most damage, so it lifts this step
        evidence = _Evidence(min(100, evidence.strength + 10), evidence.reasons, evidence.triggers)
    return evidence


def _rule_break_when_flooded(r: CheckupResult, own: bool) -> _Evidence | None:
    high = _scale_evidence(r, ["conflict.flooding", "conflict.stonewalling"], bands=["high"], own=own)
    both_moderate = (
        _scale_evidence(r, ["conflict.flooding", "conflict.stonewalling"], bands=["moderate"], own=own)
        if _band(r, "conflict.flooding") == "moderate"
        and _band(r, "conflict.stonewalling") in ("moderate", "high")
        else None
    )
    return _merge(high, both_moderate)


_TRUST_BREAKS = {"secrecy": "secrets", "lies": "lies", "neglect": "being let down"}


def _rule_rebuild_trust(r: CheckupResult, own: bool) -> _Evidence | None:
    low = _scale_evidence(r, ["relationship.trust"], bands=["low"], own=own, invert=True)
    broken = [b for b in r.choice("relationship", "rl_broken_by") if b in _TRUST_BREAKS]
    cracked = None
    if broken and _band(r, "relationship.trust") in ("low", "moderate"):
        trust = _score(r, "relationship.trust") or 0
        words = ", ".join(_TRUST_BREAKS[b] for b in broken)
        cracked = _Evidence(
            max(50, 100 - trust),
            (f"trust was hurt by {words}" if own else "trust has been hurt",),
            ("relationship.rl_broken_by",),
        )
    betrayal = None
    tp = r.turning_point
    if tp and "betrayal" in tp.events:
        betrayal = _Evidence(
            60,
            ("things changed around a betrayal or broken promise" if own else "a betrayal",),
            ("turning_point.tp_events",),
        )
    return _merge(low, cracked, betrayal)


def _rule_small_acts(r: CheckupResult, own: bool) -> _Evidence | None:
    return _merge(
        _scale_evidence(r, ["warning_signs.distance"], bands=["moderate", "high"], own=own),
        _scale_evidence(r, ["relationship.satisfaction"], bands=["low"], own=own, invert=True),
    )


def _rule_appreciation(r: CheckupResult, own: bool) -> _Evidence | None:
    return _scale_evidence(r, ["warning_signs.appreciation"], bands=["moderate", "high"], own=own)


def _rule_own_patterns(r: CheckupResult, own: bool) -> _Evidence | None:
    attachment = r.attachment
    leaning = None
    if attachment and attachment.quadrant and attachment.quadrant != "secure_leaning":
        strength = max(attachment.anxiety.normalized or 0, attachment.avoidance.normalized or 0)
        text = (
            f"closeness and worry: {attachment.label.lower()}. {attachment.in_conflict}"
            if own
            else f"closeness and worry: {attachment.label.lower()}"
        )
        leaning = _Evidence(strength, (text,), ("attachment.anxiety", "attachment.avoidance"))
    return _merge(
        leaning,
        _scale_evidence(r, ["conflict.stonewalling", "conflict.defensiveness"], bands=["high"], own=own),
    )


def _rule_clarity(r: CheckupResult, own: bool) -> _Evidence | None:
    return _scale_evidence(r, ["relationship.commitment"], bands=["low"], own=own, invert=True)


def _rule_space_with_rules(r: CheckupResult, own: bool) -> _Evidence | None:
    if _band(r, "conflict.flooding") != "high":
        return None
    heated = _scale_evidence(r, ["warning_signs.arguments", "conflict.contempt"], bands=["high"], own=own)
    if heated is None:
        return None
    return _merge(heated, _scale_evidence(r, ["conflict.flooding"], bands=["high"], own=own))


# rule id -> (tier, check). Lower tiers come first; within a tier, stronger evidence first.
_CORE_RULES: tuple[tuple[str, int, RuleCheck], ...] = (
    ("honest_talk", 2, _rule_honest_talk),
    ("talk_without_blame", 2, _rule_talk_without_blame),
    ("break_when_flooded", 2, _rule_break_when_flooded),
    ("rebuild_trust", 2, _rule_rebuild_trust),
    ("small_acts", 3, _rule_small_acts),
    ("appreciation", 3, _rule_appreciation),
    ("own_patterns", 3, _rule_own_patterns),
    ("clarity", 3, _rule_clarity),
    ("space_with_rules", 4, _rule_space_with_rules),
)
# Rules that need the couple to take part, or contact with the partner.
_COUPLE_ONLY = {"space_with_rules", "weekly_checkin", "shared_goals", "keep_fresh"}
_NEEDS_CONTACT = {
    "honest_talk",
    "talk_without_blame",
    "break_when_flooded",
    "rebuild_trust",
    "small_acts",
    "appreciation",
    "space_with_rules",
    "weekly_checkin",
    "shared_goals",
    "keep_fresh",
    "invite_partner",
}
# After a breakup, these are about an ongoing relationship and step aside.
_NOT_AFTER_BREAKUP = {
    "honest_talk",
    "break_when_flooded",
    "small_acts",
    "appreciation",
    "space_with_rules",
    "weekly_checkin",
    "shared_goals",
    "keep_fresh",
}


def _why(lead: str, own: _Evidence | None, partner: _Evidence | None) -> str:
    parts = [lead]
    if own is not None:
        parts.append("Your answers: " + "; ".join(r.rstrip(".") for r in own.reasons) + ".")
    if partner is not None:
        who = "Your partner's answers point here too" if own else "Your partner's answers point here"
        parts.append(f"{who}: " + "; ".join(r.rstrip(".") for r in partner.reasons) + ".")
    return " ".join(_capitalise_sentences(parts))


def _capitalise_sentences(parts: Sequence[str]) -> list[str]:
    return [p[:1].upper() + p[1:] if p else p for p in parts]


def _distress_band(result: CheckupResult | None) -> str | None:
    if result is None or result.distress.band is None:
        return None
    return result.distress.band.id


def _help_first(ctx: _Context) -> _Candidate | None:
    own_band = _distress_band(ctx.result)
    reasons: list[str] = []
    rule = ""
    triggers: list[str] = []
    if own_band == "very_high":
        rule = "help_very_high_distress"
        reasons.append(f"your overall strain is very heavy ({ctx.result.distress.score}/100)")
        triggers.append("distress")
    if ctx.partner is not None:
        partner_band = _distress_band(ctx.partner)
        if own_band in ("high", "very_high") and partner_band in ("high", "very_high"):
            rule = rule or "help_both_high_distress"
            reasons.append("both of you describe heavy strain right now")
            triggers.append("distress (both)")
        if (
            _band(ctx.result, "relationship.commitment") == "low"
            and _band(ctx.partner, "relationship.commitment") == "low"
        ):
            rule = rule or "help_both_low_commitment"
            reasons.append("both of you are unsure you want to save the relationship")
            triggers.append("relationship.commitment (both)")
    if not rule:
        return None
    lead = _texts()["help_first"].why
    why = f"{lead} Chosen because {'; and '.join(reasons)}."
    return _Candidate(rule, 1, 100, why, tuple(triggers), text_key="help_first")


def _breakup_candidates(ctx: _Context) -> list[_Candidate]:
    s = ctx.situation
    if not s.broken_up:
        return []
    out: list[_Candidate] = []
    if ctx.no_contact:
        who = "your partner asked for it" if s.no_contact == "partner" else "you asked for it"
        out.append(
            _Candidate(
                "breakup_no_contact",
                1,
                95,
                f"{_texts()['breakup_no_contact'].why} You are apart and {who}.",
                ("situation.st_no_contact",),
            )
        )
    out.append(
        _Candidate(
            "breakup_reflect",
            2,
            90,
            f"{_texts()['breakup_reflect'].why} You said you have broken up or are apart.",
            ("situation.st_broken_up",),
        )
    )
    if not ctx.no_contact and _band(ctx.result, "relationship.commitment") != "low":
        out.append(
            _Candidate(
                "breakup_reach_out",
                2,
                70,
                f"{_texts()['breakup_reach_out'].why} You are apart, no one asked for no "
                "contact, and you still want to try.",
                ("situation.st_broken_up", "relationship.commitment"),
            )
        )
    return out


def _core_candidates(ctx: _Context) -> list[_Candidate]:
    out: list[_Candidate] = []
    for order, (rule, tier, check) in enumerate(_CORE_RULES):
        if not _allowed(rule, ctx):
            continue
        own = check(ctx.result, True)
        partner = check(ctx.partner, False) if ctx.partner is not None else None
        if rule == "own_patterns" and own is None and ctx.mode == "solo":
            # a solo plan leans on self-growth, so this step is always offered
            own = _Evidence(40, ("working alone, your own patterns are what you can change",), ())
        if rule == "clarity" and own is None:
            partner = None  # getting clear is personal: only your own answers count
        if own is None and partner is None:
            continue
        strength = max(e.strength for e in (own, partner) if e is not None)
        triggers = tuple(
            dict.fromkeys([*(own.triggers if own else ()), *(partner.triggers if partner else ())])
        )
        out.append(_Candidate(rule, tier, strength, _why(_texts()[rule].why, own, partner), triggers, order))
    return out


def _allowed(rule: str, ctx: _Context) -> bool:
    if ctx.mode == "solo" and rule in _COUPLE_ONLY:
        return False
    if ctx.no_contact and rule in _NEEDS_CONTACT:
        return False
    return not (ctx.situation.broken_up and rule in _NOT_AFTER_BREAKUP)


def _routine_candidates(ctx: _Context) -> list[_Candidate]:
    out: list[_Candidate] = []
    texts = _texts()
    if _allowed("weekly_checkin", ctx):
        why = texts["weekly_checkin"].why
        if ctx.situation.long_distance:
            tz = ctx.situation.tz_difference_hours
            why += (
                f" You live apart{f' with {tz:g} hours between you' if tz else ''}, so a fixed"
                " slot matters even more."
            )
            visit, days = ctx.situation.next_visit, ctx.situation.days_to_next_visit
            if visit is not None and days is not None and days >= 0:
                when = "today" if days == 0 else "tomorrow" if days == 1 else f"in {days} days"
                why += f" Your next visit is {when} ({visit:%d %B %Y})."
            elif visit is not None and days is None:
                why += f" Your next visit is planned for {visit:%d %B %Y}."
        out.append(_Candidate("weekly_checkin", 4, 50, why, ()))
    commitment = _band(ctx.result, "relationship.commitment")
    satisfaction = _band(ctx.result, "relationship.satisfaction")
    wish = ctx.result.choice("relationship", "rl_wish")
    if _allowed("shared_goals", ctx) and (
        (commitment == "high" and satisfaction in ("low", "moderate")) or wish == ("future",)
    ):
        reason = (
            "You want a shared plan for where you are going."
            if wish == ("future",)
            else "You clearly want to stay, and satisfaction has room to grow."
        )
        out.append(
            _Candidate(
                "shared_goals",
                4,
                45,
                f"{texts['shared_goals'].why} {reason}",
                ("relationship.commitment", "relationship.satisfaction"),
            )
        )
    status = ctx.situation.partner_status
    if ctx.mode == "solo" and _allowed("invite_partner", ctx):
        who = (
            "Your partner does not know you are using mend yet."
            if status == "unaware"
            else "Your partner is not ready to take part yet."
        )
        out.append(
            _Candidate(
                "invite_partner", 5, 30, f"{texts['invite_partner'].why} {who}", ("situation.st_partner",)
            )
        )
    return out


_FILLERS = ("keep_fresh", "journal_reflect")


def _filler_candidates(ctx: _Context, have: set[str]) -> list[_Candidate]:
    out = []
    for n, rule in enumerate(_FILLERS):
        if rule not in have and _allowed(rule, ctx):
            why = (
                f"{_texts()[rule].why} Your answers show no pressing problem here; this keeps things moving."
            )
            out.append(_Candidate(rule, 6, 20 - n, why, ()))
    return out


def _safety_steps(ctx: _Context, safety: SafetyResult) -> list[_Candidate]:
    rules = (
        ("safety_now", "safety_specialist", "safety_plan")
        if safety.band == "urgent"
        else ("safety_specialist", "safety_plan", "safety_support")
    )
    texts = _texts()
    out = []
    for n, rule in enumerate(rules):
        why = texts[rule].why
        if n == 0:
            why += " This plan sets couple exercises aside for now. It stays private to you."
        out.append(_Candidate(rule, 0, 100 - n, why, ("safety",), n))
    return out


def _to_step(candidate: _Candidate, rank: int, ctx: _Context) -> Step:
    text = _texts()[candidate.text]
    this_week = next(text.this_week[k] for k in ctx.variant_keys if k in text.this_week)
    tool = text.tool_solo if ctx.mode == "solo" and text.tool_solo else text.tool
    return Step(
        rank=rank,
        area=text.area,
        title=text.title,
        why=candidate.why,
        this_week=this_week,
        tool=tool,
        rule=candidate.rule,
        triggers=candidate.triggers,
    )


def _infer_mode(result: CheckupResult, partner: CheckupResult | None) -> Mode:
    if partner is not None:
        return "couple"
    situation = result.situation
    return "solo" if situation is not None and situation.solo else "couple"


def _snapshot(result: CheckupResult) -> tuple[ScoreNote, ...]:
    notes = [
        ScoreNote(key=s.key, name=s.name, score=s.normalized, direction=s.direction)
        for s in result.all_scales()
        if s.normalized is not None
    ]
    if result.distress.score is not None:
        notes.append(ScoreNote("distress", result.distress.name, result.distress.score, "concern"))
    return tuple(notes)


def build_plan(
    *,
    result: CheckupResult,
    safety: SafetyResult | None,
    mode: Mode | None = None,
    partner_result: CheckupResult | None = None,
) -> Plan:
    """Build a prioritised plan of 3–6 steps from the check-up (and safety check).

    ``mode`` is "couple" or "solo"; when ``None`` it follows the situation answers (solo if
    the partner is not yet willing or not told). ``partner_result`` holds what the partner
    chose to share and is only valid in couple mode; the plan then becomes a shared plan
    that names the partner's scales and bands but never their individual answers.
    """
    if mode is None:
        mode = _infer_mode(result, partner_result)
    if mode not in ("couple", "solo"):
        raise ValueError(f"mode must be 'couple' or 'solo', not {mode!r}")
    if mode == "solo" and partner_result is not None:
        raise ValueError("partner_result only makes sense in couple mode")
    ctx = _Context(
        result=result,
        partner=partner_result,
        mode=mode,
        situation=result.situation or _DEFAULT_SITUATION,
    )
    variants: list[str] = []
    if ctx.situation.long_distance:
        variants.append("long_distance")
    if ctx.situation.broken_up:
        variants.append("after_breakup")
    if ctx.no_contact:
        variants.append("no_contact")

    if safety is not None and safety.concern:
        candidates = _safety_steps(ctx, safety)
        steps = tuple(_to_step(c, n + 1, ctx) for n, c in enumerate(candidates))
        return Plan(
            mode=mode,
            variants=(*variants, "safety"),
            steps=steps,
            headline=(
                "Your safety comes first. This plan is about you, not about fixing the "
                "relationship right now."
            ),
            safety_band=safety.band,
            couple_exercises=False,
            opener=None,
            scores=_snapshot(result),
        )

    candidates = []
    help_first = _help_first(ctx)
    if help_first is not None:
        candidates.append(help_first)
    candidates += _breakup_candidates(ctx)
    candidates += _core_candidates(ctx)
    candidates += _routine_candidates(ctx)
    if len(candidates) < MIN_STEPS:
        candidates += _filler_candidates(ctx, {c.rule for c in candidates})
    candidates.sort(key=lambda c: (c.tier, -c.strength, c.order))
    chosen = candidates[:MAX_STEPS]
    steps = tuple(_to_step(c, n + 1, ctx) for n, c in enumerate(chosen))
    wants_talk = any(s.rule in ("honest_talk", "breakup_reach_out") for s in steps)
    return Plan(
        mode=mode,
        variants=tuple(variants),
        steps=steps,
        headline=_headline(ctx, steps),
        safety_band=safety.band if safety is not None else None,
        couple_exercises=not ctx.no_contact,
        opener=conversation_opener(result) if wants_talk else None,
        scores=_snapshot(result),
    )


def _headline(ctx: _Context, steps: Sequence[Step]) -> str:
    first = steps[0].title.lower() if steps else ""
    if ctx.no_contact:
        return f"A plan for you while you are apart. Start here: {first}."
    if ctx.situation.broken_up:
        return f"A plan for after a breakup, at your pace. Start here: {first}."
    if ctx.mode == "solo":
        return f"A plan for you, working on your own for now. Start here: {first}."
    if ctx.partner is not None:
        return f"Your shared plan, from both of your check-ups. Start here: {first}."
    return f"Your plan, made from your answers. Start here: {first}."


# --------------------------------------------------------------------------- opener

_SIGN_ORDER = ("avoidance", "distance", "arguments", "appreciation", "defensiveness")
_DEFAULT_WANT = {
    "arguments": "calm",
    "distance": "time",
    "appreciation": "appreciation",
    "defensiveness": "understanding",
    "avoidance": "understanding",
}


def conversation_opener(result: CheckupResult, *, name: str | None = None) -> str:
    """A calm first-person opener for the honest talk, built from the user's own answers.

    "I feel <strongest warning sign, in plain words>, and I want <what they most want to
    change>." It never blames and never uses "you always" or "you never". ``name`` (the
    partner's first name) is added to the closing question.
    """
    bank = load_bank("warning_signs")
    signs = result.bank("warning_signs")
    scored = [
        (s.normalized, -_SIGN_ORDER.index(s.scale_id), s.scale_id)
        for s in (signs.scales if signs else ())
        if s.normalized is not None and s.normalized > 0
    ]
    situation = result.situation or _DEFAULT_SITUATION
    if scored:
        sign = max(scored)[2]
        extra = bank.scale_spec(sign).extra
        feeling = (extra.get("opener_feeling_long_distance") if situation.long_distance else None) or extra[
            "opener_feeling"
        ]
    else:
        sign = "distance"
        feeling = "that we have drifted a little, and I miss us"
    wish = result.choice("relationship", "rl_wish")
    want_id = wish[0] if wish else _DEFAULT_WANT[sign]
    wish_item = load_bank("relationship").item("rl_wish")
    want = next(o.extra["opener_want"] for o in wish_item.options if o.value == want_id)
    start = "I have been thinking about us. " if situation.broken_up else ""
    if start:
        opener = f"{start}I feel {feeling}, and I want {want}."
    else:
        opener = f"I feel {feeling}, and I want {want}."
    opener += " This is not about blame; I care about us and want to work on this together."
    who = _safe_name(name)
    opener += (
        f" Could we find a calm time this week to talk, {who}?"
        if who
        else " Could we find a calm time this week to talk?"
    )
    return opener


def _safe_name(name: str | None) -> str:
    if not name:
        return ""
    cleaned = " ".join(name.split())[:40]
    return "".join(ch for ch in cleaned if ch.isalpha() or ch in " -'’.")


# --------------------------------------------------------------------------- changes


def _ordinal(n: int) -> str:
    return {1: "first", 2: "second", 3: "third", 4: "fourth", 5: "fifth", 6: "sixth"}.get(n, f"number {n}")


def _score_change(note_old: ScoreNote, note_new: ScoreNote) -> str | None:
    delta = note_new.score - note_old.score
    if abs(delta) < 10:
        return None
    better = delta < 0 if note_old.direction == "concern" else delta > 0
    word = "eased" if better and note_old.direction == "concern" else "improved" if better else "got harder"
    return f"{note_new.name} {word}, from {note_old.score} to {note_new.score}"


def plan_changes(old: Plan, new: Plan) -> list[str]:
    """What changed between two plans (e.g. four weeks apart), and why, in plain words."""
    changes: list[str] = []
    if old.safety_band != new.safety_band and ("safety" in new.variants or "safety" in old.variants):
        if "safety" in new.variants:
            changes.append(
                "The plan now puts your safety first, because of your latest private safety "
                "check. Couple exercises are set aside."
            )
        else:
            changes.append(
                "Your latest safety check raised no concerns, so the plan is back to working "
                "on the relationship. You can take the safety check again at any time."
            )
    if old.mode != new.mode:
        changes.append(
            "You are now working on this together, so the plan includes shared steps."
            if new.mode == "couple"
            else "You are working on this on your own for now, so the plan focuses on you."
        )
    labels = {
        "long_distance": "long-distance",
        "after_breakup": "after-a-breakup",
        "no_contact": "no-contact",
    }
    for variant, label in labels.items():
        if variant in new.variants and variant not in old.variants:
            changes.append(f"The plan now follows your {label} situation.")
        elif variant in old.variants and variant not in new.variants:
            changes.append(f"The {label} adjustments no longer apply.")

    old_scores = {n.key: n for n in old.scores}
    new_scores = {n.key: n for n in new.scores}

    def moved(triggers: Sequence[str]) -> list[str]:
        out = []
        for key in triggers:
            base = key.split(" ")[0]
            if base in old_scores and base in new_scores:
                text = _score_change(old_scores[base], new_scores[base])
                if text and text not in out:
                    out.append(text)
        return out

    old_rules, new_rules = old.rules, new.rules
    for step in new.steps:
        if step.rule not in old_rules:
            why = moved(step.triggers)
            because = f" ({'; '.join(why)})" if why else ""
            changes.append(f"New step: {step.title}{because}. {step.why}")
    for step in old.steps:
        if step.rule not in new_rules:
            why = moved(step.triggers)
            reason = (
                "; ".join(why)
                if why
                else "other steps now matter more for your answers"
                if not new.variants or "safety" not in new.variants
                else "safety comes first for now"
            )
            changes.append(f"Step dropped: {step.title}, because {reason}.")
    for step in new.steps:
        before = old.step_for(step.rule)
        if before is not None and before.rank != step.rank:
            direction = "up" if step.rank < before.rank else "down"
            # only name score changes that explain the move: harder -> up, eased -> down
            fits = "got harder" if direction == "up" else ("eased", "improved")
            why = [w for w in moved(step.triggers) if w.split(",")[0].endswith(fits)]
            because = (
                f", because {'; '.join(why)}"
                if why
                else ", as other steps made room"
                if direction == "up"
                else ", as other needs now come first"
            )
            changes.append(
                f"“{step.title}” moved {direction} from {_ordinal(before.rank)} to "
                f"{_ordinal(step.rank)}{because}."
            )
    # remaining notable score changes not already mentioned
    mentioned = " ".join(changes)
    for key, note in new_scores.items():
        if key in old_scores:
            text = _score_change(old_scores[key], note)
            if text and text not in mentioned:
                changes.append(text[:1].upper() + text[1:] + ".")
    if not changes:
        changes.append("No changes: the same steps still fit your answers.")
    return changes


__all__ = [
    "AREAS",
    "TOOLS",
    "Mode",
    "Plan",
    "ScoreNote",
    "Step",
    "build_plan",
    "conversation_opener",
    "plan_changes",
]
