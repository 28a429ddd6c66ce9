"""Content catalogues: acts, crisis lines, help directory, FAQ, statistics, prompts.

Every catalogue lives in a YAML file under ``mend/engine/data/`` and is read once, lazily,
the first time it is asked for. Loaders validate each record and return frozen dataclasses,
so a broken data file fails loudly (``ContentError`` naming the file and the record) instead
of showing a half-empty page. Nothing here imports Django.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any, Literal, Protocol, TypeVar, cast, get_args

from mend.engine._yaml import DataFileError, load_yaml

DATA_DIR = Path(__file__).resolve().parent / "data"

ActKind = Literal["small_act", "shared_experience", "date", "long_distance"]
Cost = Literal["free", "low", "medium"]
Energy = Literal["low", "medium", "high"]
LineKind = Literal["emergency", "crisis", "suicide", "domestic_violence", "directory"]
Tool = Literal[
    "coach",
    "checkin",
    "acts",
    "appreciation",
    "promises",
    "apology",
    "journal",
    "attachment",
    "break",
    "space",
    "help",
    "goals",
    "safety",
    "invite",
]
"""A tool in the app that a plan step or an answer can point to."""
ToolKey = Literal[Tool, "checkup"]
"""Any tool an answer can point to, the check-up included."""
ResourceKind = Literal["book", "online_program", "directory", "app"]
ChartKind = Literal["bar", "line", "none"]

ACT_KINDS: tuple[str, ...] = get_args(ActKind)
COSTS: tuple[str, ...] = get_args(Cost)
ENERGIES: tuple[str, ...] = get_args(Energy)
LINE_KINDS: tuple[str, ...] = get_args(LineKind)
TOOL_KEYS: tuple[str, ...] = get_args(ToolKey)
RESOURCE_KINDS: tuple[str, ...] = get_args(ResourceKind)
CHART_KINDS: tuple[str, ...] = get_args(ChartKind)

INTERNATIONAL = "INTL"
"""Pseudo-country key in ``crisis_lines.yaml`` for worldwide directories."""

COUNTRY_ALIASES: Mapping[str, str] = {"UK": "GB"}
"""Common non-ISO spellings mapped to ISO 3166-1 alpha-2."""

_T = TypeVar("_T")
_DIALABLE = re.compile(r"\+?[0-9][0-9 -]*[0-9]")


class ContentError(ValueError):
    """A data file is missing, malformed, or breaks the schema."""


# --------------------------------------------------------------------------- records


@dataclass(frozen=True, slots=True)
class Source:
    """Where a fact comes from: a human-readable name and a URL."""

    name: str
    url: str


@dataclass(frozen=True, slots=True)
class Act:
    """One small act, shared experience, date idea or long-distance idea."""

    id: str
    text: str
    kind: ActKind
    minutes: int
    cost: Cost
    at_home: bool
    long_distance_ok: bool
    energy: Energy


@dataclass(frozen=True, slots=True)
class Line:
    """A phone, text or web line that helps in a crisis, for one country."""

    country: str
    name: str
    kind: LineKind
    hours: str
    source: str
    last_verified: date
    phone: str | None = None
    text: str | None = None
    url: str | None = None
    description: str = ""
    audience: str = ""
    verify_note: str = ""
    checked_against: str = ""
    other_phones: tuple[str, ...] = ()

    @property
    def tel_href(self) -> str | None:
        """A ``tel:`` link for the main phone number, or ``None`` if there is none."""
        if not self.phone:
            return None
        return "tel:" + "".join(c for c in self.phone if c.isdigit() or c == "+")


@dataclass(frozen=True, slots=True)
class Approach:
    """An evidence-based form of couples therapy."""

    id: str
    name: str
    description: str
    evidence: str
    sources: tuple[Source, ...]


@dataclass(frozen=True, slots=True)
class Resource:
    """A book, online program or directory, with a one-line evidence note."""

    id: str
    name: str
    kind: ResourceKind
    description: str
    evidence: str
    self_guided: bool
    cost: str
    url: str
    sources: tuple[Source, ...]


@dataclass(frozen=True, slots=True)
class Coaching:
    """What relationship coaching is, what it is not, and how to pick a coach."""

    summary: str
    what_it_is: tuple[str, ...]
    what_it_is_not: tuple[str, ...]
    when_to_prefer_therapy: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class HelpDirectory:
    """Everything the "seek help" pages show."""

    intro: str
    choosing_tips: tuple[str, ...]
    approaches: tuple[Approach, ...]
    therapist_questions: tuple[str, ...]
    coaching: Coaching
    resources: tuple[Resource, ...]
    hard_to_reach_note: str
    safety_note: str

    def self_guided(self) -> tuple[Resource, ...]:
        """Resources a couple can use without a professional (for when therapy is out of reach)."""
        return tuple(r for r in self.resources if r.self_guided)


@dataclass(frozen=True, slots=True)
class FaqEntry:
    """One question with a short answer and the in-app tool that helps."""

    id: str
    question: str
    answer: str
    tool: ToolKey


@dataclass(frozen=True, slots=True)
class Point:
    """One data point of a chart; ``x`` is a category label or a number."""

    x: str | float
    y: float


@dataclass(frozen=True, slots=True)
class Figure:
    """A statistic with its sources, caveats and (optionally) chart data."""

    id: str
    title: str
    claim: str
    sources: tuple[Source, ...]
    caveats: tuple[str, ...]
    chart: ChartKind
    series: tuple[Point, ...]
    x_label: str
    y_label: str
    unit: str


@dataclass(frozen=True, slots=True)
class PromptGroup:
    """A themed group of journal prompts."""

    id: str
    title: str
    prompts: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class CheckinQuestion:
    """One of the weekly check-in questions."""

    id: str
    text: str
    hint: str


@dataclass(frozen=True, slots=True)
class GoalSuggestion:
    """A shared goal a couple might pick, with first small steps."""

    id: str
    title: str
    why: str
    first_steps: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class TimeoutMessage:
    """A neutral message sent when one partner needs a pause; contains ``{time}``."""

    id: str
    text: str

    def render(self, time: str) -> str:
        """The message with the return time filled in (e.g. ``"18:40"``)."""
        return self.text.replace("{time}", time)


@dataclass(frozen=True, slots=True)
class CallIdea:
    """An idea for a planned call between long-distance partners."""

    id: str
    text: str
    minutes: int


# --------------------------------------------------------------------------- low-level reading


def _load(name: str) -> Any:
    try:
        return load_yaml(DATA_DIR / name)
    except DataFileError as exc:
        raise ContentError(str(exc)) from exc


def _where(ctx: str, key: str) -> str:
    return f"{ctx}.{key}" if ctx else key


def _mapping(value: Any, ctx: str) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise ContentError(f"{ctx}: expected a mapping")
    return cast(Mapping[str, Any], value)


def _list(value: Any, ctx: str) -> list[Any]:
    if not isinstance(value, list):
        raise ContentError(f"{ctx}: expected a list")
    return value


def _str(m: Mapping[str, Any], key: str, ctx: str, *, default: str | None = None) -> str:
    value = m.get(key, default)
    if not isinstance(value, str) or (default is None and not value.strip()):
        raise ContentError(f"{_where(ctx, key)}: expected a non-empty string")
    return value.strip()


def _opt_str(m: Mapping[str, Any], key: str, ctx: str) -> str | None:
    value = m.get(key)
    if value is None:
        return None
    # Numbers must be quoted in YAML: an unquoted 000 would load as the integer 0.
    if not isinstance(value, str) or not value.strip():
        raise ContentError(f"{_where(ctx, key)}: expected a quoted string")
    return value.strip()


def _int(m: Mapping[str, Any], key: str, ctx: str) -> int:
    value = m.get(key)
    if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
        raise ContentError(f"{_where(ctx, key)}: expected a positive integer")
    return value


def _bool(m: Mapping[str, Any], key: str, ctx: str) -> bool:
    value = m.get(key)
    if not isinstance(value, bool):
        raise ContentError(f"{_where(ctx, key)}: expected true or false")
    return value


def _enum(m: Mapping[str, Any], key: str, ctx: str, allowed: tuple[str, ...]) -> str:
    value = m.get(key)
    if value not in allowed:
        raise ContentError(f"{_where(ctx, key)}: {value!r} is not one of {', '.join(allowed)}")
    return cast(str, value)


def _date(m: Mapping[str, Any], key: str, ctx: str) -> date:
    value = m.get(key)
    if not isinstance(value, date):
        raise ContentError(f"{_where(ctx, key)}: expected a date (YYYY-MM-DD)")
    return value


def _strs(m: Mapping[str, Any], key: str, ctx: str) -> tuple[str, ...]:
    items = _list(m.get(key), _where(ctx, key))
    out: list[str] = []
    for i, item in enumerate(items):
        if not isinstance(item, str) or not item.strip():
            raise ContentError(f"{_where(ctx, key)}[{i}]: expected a non-empty string")
        out.append(item.strip())
    if not out:
        raise ContentError(f"{_where(ctx, key)}: must not be empty")
    return tuple(out)


def _sources(m: Mapping[str, Any], key: str, ctx: str) -> tuple[Source, ...]:
    items = _list(m.get(key), _where(ctx, key))
    out: list[Source] = []
    for i, item in enumerate(items):
        sctx = f"{_where(ctx, key)}[{i}]"
        sm = _mapping(item, sctx)
        url = _str(sm, "url", sctx)
        if not url.startswith("https://") and not url.startswith("http://"):
            raise ContentError(f"{sctx}.url: expected an http(s) URL")
        out.append(Source(name=_str(sm, "name", sctx), url=url))
    if not out:
        raise ContentError(f"{_where(ctx, key)}: at least one source is required")
    return tuple(out)


def _unique_ids(records: Sequence[_T], ids: Sequence[str], ctx: str) -> tuple[_T, ...]:
    seen: set[str] = set()
    for ident in ids:
        if ident in seen:
            raise ContentError(f"{ctx}: duplicate id {ident!r}")
        seen.add(ident)
    return tuple(records)


def _slug(m: Mapping[str, Any], ctx: str) -> str:
    ident = _str(m, "id", ctx)
    if not all(c.islower() or c.isdigit() or c == "_" for c in ident):
        raise ContentError(f"{ctx}.id: {ident!r} must be lower_snake_case")
    return ident


# --------------------------------------------------------------------------- acts


@cache
def _all_acts() -> tuple[Act, ...]:
    root = _mapping(_load("acts.yaml"), "acts.yaml")
    records: list[Act] = []
    for i, raw in enumerate(_list(root.get("acts"), "acts.yaml:acts")):
        ctx = f"acts.yaml:acts[{i}]"
        m = _mapping(raw, ctx)
        records.append(
            Act(
                id=_slug(m, ctx),
                text=_str(m, "text", ctx),
                kind=cast(ActKind, _enum(m, "kind", ctx, ACT_KINDS)),
                minutes=_int(m, "minutes", ctx),
                cost=cast(Cost, _enum(m, "cost", ctx, COSTS)),
                at_home=_bool(m, "at_home", ctx),
                long_distance_ok=_bool(m, "long_distance_ok", ctx),
                energy=cast(Energy, _enum(m, "energy", ctx, ENERGIES)),
            )
        )
    return _unique_ids(records, [a.id for a in records], "acts.yaml")


def acts(
    *,
    kind: ActKind | None = None,
    cost: Cost | None = None,
    max_cost: Cost | None = None,
    max_minutes: int | None = None,
    at_home: bool | None = None,
    long_distance_ok: bool | None = None,
    energy: Energy | None = None,
) -> tuple[Act, ...]:
    """The act catalogue, filtered; every filter left as ``None`` is ignored.

    ``max_cost`` keeps acts that cost at most that much (free < low < medium).
    """
    out = _all_acts()
    if kind is not None:
        out = tuple(a for a in out if a.kind == kind)
    if cost is not None:
        out = tuple(a for a in out if a.cost == cost)
    if max_cost is not None:
        limit = COSTS.index(max_cost)
        out = tuple(a for a in out if COSTS.index(a.cost) <= limit)
    if max_minutes is not None:
        out = tuple(a for a in out if a.minutes <= max_minutes)
    if at_home is not None:
        out = tuple(a for a in out if a.at_home == at_home)
    if long_distance_ok is not None:
        out = tuple(a for a in out if a.long_distance_ok == long_distance_ok)
    if energy is not None:
        out = tuple(a for a in out if a.energy == energy)
    return out


def act_by_id(act_id: str) -> Act | None:
    """The act with this id, or ``None`` if the catalogue no longer has it."""
    for act in _all_acts():
        if act.id == act_id:
            return act
    return None


def _rank(seed: str, day: date, act_id: str) -> bytes:
    return hashlib.sha256(f"{seed}\x1f{day.isoformat()}\x1f{act_id}".encode()).digest()


def suggest_act(*, day: date, seen_ids: Collection[str], long_distance: bool = False, seed: str) -> Act:
    """The suggestion of the day: the same for the same ``(seed, day, seen_ids)``.

    Acts in ``seen_ids`` are skipped until every eligible act has been seen; then the
    cycle starts again. Long-distance couples only get acts that work apart; couples
    who live near each other do not get the acts written specifically for distance.
    ``seed`` should be stable per couple (or per solo user), e.g. a couple's public id.
    """
    if long_distance:
        pool = tuple(a for a in _all_acts() if a.long_distance_ok)
    else:
        pool = tuple(a for a in _all_acts() if a.kind != "long_distance")
    if not pool:  # pragma: no cover - guarded by the schema tests
        raise ContentError("acts.yaml: no act fits this couple")
    seen = set(seen_ids)
    fresh = tuple(a for a in pool if a.id not in seen) or pool
    return min(fresh, key=lambda a: _rank(seed, day, a.id))


# --------------------------------------------------------------------------- crisis lines


def _normalise_country(country: str | None) -> str | None:
    if country is None:
        return None
    code = country.strip().upper()
    return COUNTRY_ALIASES.get(code, code) or None


@cache
def _crisis_data() -> tuple[Mapping[str, tuple[Line, ...]], str]:
    root = _mapping(_load("crisis_lines.yaml"), "crisis_lines.yaml")
    fallback_note = _str(root, "fallback_note", "crisis_lines.yaml")
    countries = _mapping(root.get("countries"), "crisis_lines.yaml:countries")
    table: dict[str, tuple[Line, ...]] = {}
    for code, raw_lines in countries.items():
        cctx = f"crisis_lines.yaml:countries.{code}"
        if not isinstance(code, str) or not (
            code == INTERNATIONAL or (len(code) == 2 and code.isalpha() and code.isupper())
        ):
            raise ContentError(f"{cctx}: key must be an ISO 3166-1 alpha-2 code or INTL")
        lines: list[Line] = []
        for i, raw in enumerate(_list(raw_lines, cctx)):
            ctx = f"{cctx}[{i}]"
            m = _mapping(raw, ctx)
            line = Line(
                country=code,
                name=_str(m, "name", ctx),
                kind=cast(LineKind, _enum(m, "kind", ctx, LINE_KINDS)),
                hours=_str(m, "hours", ctx),
                source=_str(m, "source", ctx),
                last_verified=_date(m, "last_verified", ctx),
                phone=_opt_str(m, "phone", ctx),
                text=_opt_str(m, "text", ctx),
                url=_opt_str(m, "url", ctx),
                description=_str(m, "description", ctx, default=""),
                audience=_str(m, "audience", ctx, default=""),
                verify_note=_str(m, "verify_note", ctx, default=""),
                checked_against=_str(m, "checked_against", ctx, default=""),
                other_phones=_strs(m, "other_phones", ctx) if "other_phones" in m else (),
            )
            if not (line.phone or line.text or line.url):
                raise ContentError(f"{ctx}: needs a phone, a text line or a url")
            for number in (line.phone, *line.other_phones):
                if number is not None and not _DIALABLE.fullmatch(number):
                    raise ContentError(f"{ctx}: {number!r} is not one dialable number")
            if not line.source.startswith("https://"):
                raise ContentError(f"{ctx}.source: expected an https URL")
            if not (line.checked_against or line.verify_note):
                raise ContentError(f"{ctx}: say where it was checked, or add a verify_note")
            lines.append(line)
        if not lines:
            raise ContentError(f"{cctx}: no lines")
        table[code] = tuple(lines)
    if INTERNATIONAL not in table:
        raise ContentError("crisis_lines.yaml: the INTL directories are required")
    return table, fallback_note


def supported_countries() -> tuple[str, ...]:
    """ISO 3166-1 alpha-2 codes with their own lines, sorted."""
    table, _ = _crisis_data()
    return tuple(sorted(code for code in table if code != INTERNATIONAL))


def international_directories() -> tuple[Line, ...]:
    """Worldwide directories of helplines, for any country."""
    table, _ = _crisis_data()
    return table[INTERNATIONAL]


def crisis_fallback_note() -> str:
    """What to tell someone whose country has no lines in our data."""
    _, note = _crisis_data()
    return note


_CALM_ORDER: Mapping[str, int] = {
    "domestic_violence": 0,
    "crisis": 0,
    "suicide": 0,
    "emergency": 1,
    "directory": 2,
}
_URGENT_ORDER: Mapping[str, int] = {
    "emergency": 0,
    "domestic_violence": 1,
    "crisis": 1,
    "suicide": 1,
    "directory": 2,
}


def crisis_lines(
    country: str | None, *, urgent: bool = False, include_directories: bool = True
) -> tuple[Line, ...]:
    """Lines to show someone in ``country`` (ISO alpha-2, case-insensitive; "UK" → GB).

    Known country: its own lines in data-file order; with ``urgent`` the emergency
    number comes first, otherwise the talking lines come first and the emergency
    number after them. International directories follow (unless turned off).
    Unknown or missing country: the international directories only — pair them with
    :func:`crisis_fallback_note`.
    """
    table, _ = _crisis_data()
    code = _normalise_country(country)
    directories = table[INTERNATIONAL]
    if code is None or code == INTERNATIONAL or code not in table:
        return directories
    order = _URGENT_ORDER if urgent else _CALM_ORDER
    own = sorted(table[code], key=lambda line: order[line.kind])  # stable: keeps file order
    return tuple(own) + (directories if include_directories else ())


# --------------------------------------------------------------------------- help directory


@cache
def help_directory() -> HelpDirectory:
    """How to choose couples therapy, what to ask, coaching, books and programs."""
    ctx = "help_directory.yaml"
    root = _mapping(_load(ctx), ctx)
    approaches: list[Approach] = []
    for i, raw in enumerate(_list(root.get("approaches"), f"{ctx}:approaches")):
        actx = f"{ctx}:approaches[{i}]"
        m = _mapping(raw, actx)
        approaches.append(
            Approach(
                id=_slug(m, actx),
                name=_str(m, "name", actx),
                description=_str(m, "description", actx),
                evidence=_str(m, "evidence", actx),
                sources=_sources(m, "sources", actx),
            )
        )
    resources: list[Resource] = []
    for i, raw in enumerate(_list(root.get("resources"), f"{ctx}:resources")):
        rctx = f"{ctx}:resources[{i}]"
        m = _mapping(raw, rctx)
        resources.append(
            Resource(
                id=_slug(m, rctx),
                name=_str(m, "name", rctx),
                kind=cast(ResourceKind, _enum(m, "kind", rctx, RESOURCE_KINDS)),
                description=_str(m, "description", rctx),
                evidence=_str(m, "evidence", rctx),
                self_guided=_bool(m, "self_guided", rctx),
                cost=_str(m, "cost", rctx),
                url=_str(m, "url", rctx),
                sources=_sources(m, "sources", rctx),
            )
        )
    cm = _mapping(root.get("coaching"), f"{ctx}:coaching")
    coaching = Coaching(
        summary=_str(cm, "summary", f"{ctx}:coaching"),
        what_it_is=_strs(cm, "what_it_is", f"{ctx}:coaching"),
        what_it_is_not=_strs(cm, "what_it_is_not", f"{ctx}:coaching"),
        when_to_prefer_therapy=_strs(cm, "when_to_prefer_therapy", f"{ctx}:coaching"),
    )
    return HelpDirectory(
        intro=_str(root, "intro", ctx),
        choosing_tips=_strs(root, "choosing_tips", ctx),
        approaches=_unique_ids(approaches, [a.id for a in approaches], f"{ctx}:approaches"),
        therapist_questions=_strs(root, "therapist_questions", ctx),
        coaching=coaching,
        resources=_unique_ids(resources, [r.id for r in resources], f"{ctx}:resources"),
        hard_to_reach_note=_str(root, "hard_to_reach_note", ctx),
        safety_note=_str(root, "safety_note", ctx),
    )


# --------------------------------------------------------------------------- FAQ


@cache
def faq() -> tuple[FaqEntry, ...]:
    """Common questions, answered in our own words, each linked to a tool."""
    ctx = "faq.yaml"
    root = _mapping(_load(ctx), ctx)
    entries: list[FaqEntry] = []
    for i, raw in enumerate(_list(root.get("faq"), f"{ctx}:faq")):
        ectx = f"{ctx}:faq[{i}]"
        m = _mapping(raw, ectx)
        entries.append(
            FaqEntry(
                id=_slug(m, ectx),
                question=_str(m, "question", ectx),
                answer=_str(m, "answer", ectx),
                tool=cast(ToolKey, _enum(m, "tool", ectx, TOOL_KEYS)),
            )
        )
    return _unique_ids(entries, [e.id for e in entries], ctx)


# --------------------------------------------------------------------------- statistics


def _point(raw: Any, ctx: str) -> Point:
    m = _mapping(raw, ctx)
    x = m.get("x")
    y = m.get("y")
    if isinstance(x, bool) or not isinstance(x, str | int | float):
        raise ContentError(f"{ctx}.x: expected a label or a number")
    if isinstance(y, bool) or not isinstance(y, int | float):
        raise ContentError(f"{ctx}.y: expected a number")
    return Point(x=x if isinstance(x, str) else float(x), y=float(y))


@cache
def statistics() -> tuple[Figure, ...]:
    """Figures with sources, caveats and chart-ready points."""
    ctx = "statistics.yaml"
    root = _mapping(_load(ctx), ctx)
    figures: list[Figure] = []
    for i, raw in enumerate(_list(root.get("figures"), f"{ctx}:figures")):
        fctx = f"{ctx}:figures[{i}]"
        m = _mapping(raw, fctx)
        chart = cast(ChartKind, _enum(m, "chart", fctx, CHART_KINDS))
        raw_series = m.get("series") or []
        series = tuple(
            _point(p, f"{fctx}.series[{j}]") for j, p in enumerate(_list(raw_series, f"{fctx}.series"))
        )
        if chart != "none" and len(series) < 2:
            raise ContentError(f"{fctx}.series: a chart needs at least two points")
        figures.append(
            Figure(
                id=_slug(m, fctx),
                title=_str(m, "title", fctx),
                claim=_str(m, "claim", fctx),
                sources=_sources(m, "sources", fctx),
                caveats=_strs(m, "caveats", fctx),
                chart=chart,
                series=series,
                x_label=_str(m, "x_label", fctx, default=""),
                y_label=_str(m, "y_label", fctx, default=""),
                unit=_str(m, "unit", fctx, default=""),
            )
        )
    return _unique_ids(figures, [f.id for f in figures], ctx)


# --------------------------------------------------------------------------- prompts


@cache
def _prompts_root() -> Mapping[str, Any]:
    return _mapping(_load("prompts.yaml"), "prompts.yaml")


class _HasId(Protocol):
    @property
    def id(self) -> str: ...


_R = TypeVar("_R", bound=_HasId)


def _prompt_records(section: str, build: Callable[[Mapping[str, Any], str], _R]) -> tuple[_R, ...]:
    """Each record of a list in ``prompts.yaml``, built by ``build(mapping, where)``; ids unique."""
    ctx = f"prompts.yaml:{section}"
    out = [
        build(_mapping(raw, f"{ctx}[{i}]"), f"{ctx}[{i}]")
        for i, raw in enumerate(_list(_prompts_root().get(section), ctx))
    ]
    return _unique_ids(out, [record.id for record in out], ctx)


def _prompt_group(m: Mapping[str, Any], ctx: str) -> PromptGroup:
    return PromptGroup(id=_slug(m, ctx), title=_str(m, "title", ctx), prompts=_strs(m, "prompts", ctx))


def _checkin_question(m: Mapping[str, Any], ctx: str) -> CheckinQuestion:
    return CheckinQuestion(id=_slug(m, ctx), text=_str(m, "text", ctx), hint=_str(m, "hint", ctx))


def _goal_suggestion(m: Mapping[str, Any], ctx: str) -> GoalSuggestion:
    return GoalSuggestion(
        id=_slug(m, ctx),
        title=_str(m, "title", ctx),
        why=_str(m, "why", ctx),
        first_steps=_strs(m, "first_steps", ctx),
    )


def _timeout_message(m: Mapping[str, Any], ctx: str) -> TimeoutMessage:
    message = TimeoutMessage(id=_slug(m, ctx), text=_str(m, "text", ctx))
    if "{time}" not in message.text:
        raise ContentError(f"{ctx}.text: must contain {{time}}")
    return message


def _call_idea(m: Mapping[str, Any], ctx: str) -> CallIdea:
    return CallIdea(id=_slug(m, ctx), text=_str(m, "text", ctx), minutes=_int(m, "minutes", ctx))


@cache
def journal_prompts() -> tuple[PromptGroup, ...]:
    """Journal prompts grouped by theme (patterns, attachment, what I want, …)."""
    return _prompt_records("journal", _prompt_group)


@cache
def checkin_questions() -> tuple[CheckinQuestion, ...]:
    """The weekly check-in questions, in the order they are asked."""
    return _prompt_records("checkin", _checkin_question)


@cache
def goal_suggestions() -> tuple[GoalSuggestion, ...]:
    """Shared goals a couple can start from."""
    return _prompt_records("goals", _goal_suggestion)


@cache
def break_reflection_prompts() -> tuple[str, ...]:
    """Questions to reflect on during an agreed break."""
    return _strs(_prompts_root(), "break_reflection", "prompts.yaml")


@cache
def timeout_messages() -> tuple[TimeoutMessage, ...]:
    """Neutral "I need a pause" messages; each contains ``{time}`` for the return time."""
    return _prompt_records("timeout_messages", _timeout_message)


@cache
def readiness_questions() -> tuple[str, ...]:
    """Questions to answer honestly before reaching out after a breakup."""
    return _strs(_prompts_root(), "readiness", "prompts.yaml")


@cache
def call_ideas() -> tuple[CallIdea, ...]:
    """Ideas for planned calls between long-distance partners."""
    return _prompt_records("call_ideas", _call_idea)
