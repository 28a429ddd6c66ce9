"""The message coach over JSON: one message, a batch, a conversation, a reflection.

Nothing sent here is stored.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest
from ninja import Router, Schema
from pydantic import Field

from mend.engine.coach import escalation_risk, reflect

from .services import coach_view

router = Router(tags=["coach"])
MAX = settings.MEND_MAX_TEXT


class MessageIn(Schema):
    text: str = Field(max_length=MAX, description=f"The message, up to {MAX} characters.")


class BatchIn(Schema):
    texts: list[str] = Field(min_length=1, max_length=100)


class ConversationIn(Schema):
    messages: list[str] = Field(min_length=1, max_length=200, description="Oldest first.")


class FindingOut(Schema):
    kind: str
    start: int
    end: int
    words: str
    explanation: str
    suggestion: str | None


class AnalysisOut(Schema):
    scores: dict[str, float]
    findings: list[FindingOut]
    rewrite: str | None
    rewrites: list[str]
    crisis: bool
    help_url: str | None = Field(description="Where to send the person when crisis is true.")


class BatchOut(Schema):
    results: list[AnalysisOut]


class RiskOut(Schema):
    risk: float = Field(ge=0, le=1, description="Probability that the next turn becomes personal or hostile.")


class ReflectOut(Schema):
    reflection: str


class ErrorOut(Schema):
    detail: str | list[dict[str, object]]


def _analysis(text: str) -> AnalysisOut:
    view = coach_view(text)
    a = view.analysis
    return AnalysisOut(
        scores=dict(a.scores),
        findings=[
            FindingOut(
                kind=f.kind,
                start=f.start,
                end=f.end,
                words=text[f.start : f.end],
                explanation=f.explanation,
                suggestion=f.suggestion,
            )
            for f in a.findings
        ],
        rewrite=None if a.crisis else a.rewrite,
        rewrites=list(view.alternatives),
        crisis=a.crisis,
        help_url="/help/" if a.crisis else None,
    )


def _check_lengths(texts: list[str]) -> None:
    from ninja.errors import HttpError

    for index, text in enumerate(texts):
        if len(text) > MAX:
            raise HttpError(422, f"Message {index} is {len(text)} characters; the limit is {MAX}.")


@router.post(
    "/analyze", response={200: AnalysisOut, 401: ErrorOut, 422: ErrorOut}, summary="Analyse one message"
)
def analyze_one(request: HttpRequest, payload: MessageIn) -> AnalysisOut:
    return _analysis(payload.text)


@router.post(
    "/analyze-batch",
    response={200: BatchOut, 401: ErrorOut, 422: ErrorOut},
    summary="Analyse up to 100 messages",
)
def analyze_batch(request: HttpRequest, payload: BatchIn) -> BatchOut:
    _check_lengths(payload.texts)
    return BatchOut(results=[_analysis(text) for text in payload.texts])


@router.post(
    "/escalation",
    response={200: RiskOut, 401: ErrorOut, 422: ErrorOut},
    summary="Escalation risk of a conversation",
)
def escalation(request: HttpRequest, payload: ConversationIn) -> RiskOut:
    _check_lengths(payload.messages)
    return RiskOut(risk=escalation_risk(payload.messages))


@router.post(
    "/reflect",
    response={200: ReflectOut, 401: ErrorOut, 422: ErrorOut},
    summary="An active-listening reflection",
)
def reflect_back(request: HttpRequest, payload: MessageIn) -> ReflectOut:
    return ReflectOut(reflection=reflect(payload.text))
