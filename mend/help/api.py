"""JSON API for help, mounted under /api/v1/help/. Public content: no login needed."""

from __future__ import annotations

from datetime import date

from django.http import HttpRequest
from ninja import Query, Router, Schema
from pydantic import Field

from mend.api.schemas import ErrorOut
from mend.engine.content import (
    Line,
    Source,
    crisis_fallback_note,
    faq,
    help_directory,
    statistics,
    supported_countries,
)
from mend.safety.panel import lines_context

from .tools import tool_url

router = Router(tags=["help"])


class SourceOut(Schema):
    name: str
    url: str


class LineOut(Schema):
    name: str
    kind: str
    phone: str | None
    text: str | None
    url: str | None
    hours: str
    description: str
    source: str
    last_verified: date


class LinesOut(Schema):
    country: str
    known_country: bool
    urgent: bool
    fallback_note: str
    lines: list[LineOut]


class LinesQuery(Schema):
    country: str = Field(default="", max_length=2, pattern=r"^[A-Za-z]{0,2}$")
    urgent: bool = False


class CountriesOut(Schema):
    countries: list[str]
    fallback_note: str


class ApproachOut(Schema):
    id: str
    name: str
    description: str
    evidence: str
    sources: list[SourceOut]


class ResourceOut(Schema):
    id: str
    name: str
    kind: str
    description: str
    evidence: str
    self_guided: bool
    cost: str
    url: str
    sources: list[SourceOut]


class CoachingOut(Schema):
    summary: str
    what_it_is: list[str]
    what_it_is_not: list[str]
    when_to_prefer_therapy: list[str]


class DirectoryOut(Schema):
    intro: str
    choosing_tips: list[str]
    approaches: list[ApproachOut]
    therapist_questions: list[str]
    coaching: CoachingOut
    resources: list[ResourceOut]
    hard_to_reach_note: str
    safety_note: str


class FaqOut(Schema):
    id: str
    question: str
    answer: str
    tool: str
    tool_url: str


class PointOut(Schema):
    x: str | float
    y: float


class FigureOut(Schema):
    id: str
    title: str
    claim: str
    chart: str
    unit: str
    x_label: str
    y_label: str
    series: list[PointOut]
    caveats: list[str]
    sources: list[SourceOut]


def _sources(sources: tuple[Source, ...]) -> list[SourceOut]:
    return [SourceOut(name=s.name, url=s.url) for s in sources]


def _line(line: Line) -> LineOut:
    return LineOut(
        name=line.name,
        kind=line.kind,
        phone=line.phone,
        text=line.text,
        url=line.url,
        hours=line.hours,
        description=line.description,
        source=line.source,
        last_verified=line.last_verified,
    )


@router.get(
    "/lines",
    auth=None,
    response={200: LinesOut, 422: ErrorOut},
    summary="Crisis and domestic-violence lines for a country (emergency first when urgent)",
)
def lines(request: HttpRequest, query: Query[LinesQuery]) -> LinesOut:
    ctx = lines_context(query.country or None, urgent=query.urgent)
    return LinesOut(
        country=ctx["help_country"],
        known_country=ctx["help_country_known"],
        urgent=query.urgent,
        fallback_note=ctx["help_fallback_note"],
        lines=[_line(line) for line in ctx["help_lines"]],
    )


@router.get("/countries", auth=None, response=CountriesOut, summary="Countries with their own lines")
def countries(request: HttpRequest) -> CountriesOut:
    return CountriesOut(countries=list(supported_countries()), fallback_note=crisis_fallback_note())


@router.get("/directory", auth=None, response=DirectoryOut, summary="Choosing therapy, coaching, programs")
def directory(request: HttpRequest) -> DirectoryOut:
    d = help_directory()
    return DirectoryOut(
        intro=d.intro,
        choosing_tips=list(d.choosing_tips),
        approaches=[
            ApproachOut(
                id=a.id,
                name=a.name,
                description=a.description,
                evidence=a.evidence,
                sources=_sources(a.sources),
            )
            for a in d.approaches
        ],
        therapist_questions=list(d.therapist_questions),
        coaching=CoachingOut(
            summary=d.coaching.summary,
            what_it_is=list(d.coaching.what_it_is),
            what_it_is_not=list(d.coaching.what_it_is_not),
            when_to_prefer_therapy=list(d.coaching.when_to_prefer_therapy),
        ),
        resources=[
            ResourceOut(
                id=r.id,
                name=r.name,
                kind=r.kind,
                description=r.description,
                evidence=r.evidence,
                self_guided=r.self_guided,
                cost=r.cost,
                url=r.url,
                sources=_sources(r.sources),
            )
            for r in d.resources
        ],
        hard_to_reach_note=d.hard_to_reach_note,
        safety_note=d.safety_note,
    )


@router.get("/faq", auth=None, response=list[FaqOut], summary="Common questions, each linked to a tool")
def faq_list(request: HttpRequest) -> list[FaqOut]:
    return [
        FaqOut(id=e.id, question=e.question, answer=e.answer, tool=e.tool, tool_url=tool_url(e.tool))
        for e in faq()
    ]


@router.get("/statistics", auth=None, response=list[FigureOut], summary="Figures with sources and caveats")
def statistics_list(request: HttpRequest) -> list[FigureOut]:
    return [
        FigureOut(
            id=f.id,
            title=f.title,
            claim=f.claim,
            chart=f.chart,
            unit=f.unit,
            x_label=f.x_label,
            y_label=f.y_label,
            series=[PointOut(x=p.x, y=p.y) for p in f.series],
            caveats=list(f.caveats),
            sources=_sources(f.sources),
        )
        for f in statistics()
    ]
