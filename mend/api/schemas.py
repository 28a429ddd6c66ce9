from __future__ import annotations

from datetime import datetime, time
from typing import Annotated

from ninja import Schema
from pydantic import AfterValidator, Field


class ErrorOut(Schema):
    detail: str | list[dict[str, object]]


class MeOut(Schema):
    id: int
    email: str
    display_name: str
    time_zone: str
    country: str


class MeIn(Schema):
    display_name: str | None = Field(default=None, min_length=1, max_length=60)
    time_zone: str | None = Field(default=None, max_length=64)
    country: str | None = Field(default=None, max_length=2)


class PartnerOut(Schema):
    display_name: str


class CoupleOut(Schema):
    status: str = Field(description="solo, waiting or linked")
    since: datetime | None = None
    partner: PartnerOut | None = None


class InviteOut(Schema):
    link: str
    code: str
    expires_at: datetime


class InviteAcceptIn(Schema):
    token: str | None = Field(default=None, max_length=100)
    code: str | None = Field(default=None, max_length=20)


def _naive_time(value: time) -> time:
    if value.tzinfo is not None:
        raise ValueError(
            "Give a wall-clock time without a zone or offset, like 20:30; the time zone is set separately."
        )
    return value


# Wall-clock times: accepted as "HH:MM[:SS]" without an offset, returned as "HH:MM".
LocalTimeIn = Annotated[time, AfterValidator(_naive_time)]
LocalTimeOut = Annotated[str, Field(pattern=r"^[0-2][0-9]:[0-5][0-9]$", examples=["20:30"])]


def local_time_out(value: time) -> str:
    return value.strftime("%H:%M")
