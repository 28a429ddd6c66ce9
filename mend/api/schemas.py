from __future__ import annotations

from datetime import datetime

from ninja import Schema
from pydantic import Field


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
