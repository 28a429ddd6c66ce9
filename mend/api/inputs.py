"""One check for every API input, after the schemas have parsed it: values the database cannot store
are refused with a 422 and a reason, instead of failing on one database and passing on another.

- text with a NUL character (PostgreSQL refuses it in text columns; forms refuse it too);
- whole numbers outside the signed 64-bit range (the widest column we have);
- numbers that are not finite (NaN, Infinity: JSON columns refuse them);
- date-times whose UTC offset is outside -12:00 … +14:00 (the offsets in use on Earth; PostgreSQL
  refuses offsets of 16 hours and more) or that fall outside the calendar once turned into UTC.

It walks the parsed values, so it covers bodies, query strings and path parameters of every
operation, including those added later, without each schema having to remember it.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

from django.http import HttpRequest
from ninja.errors import ValidationError
from pydantic import BaseModel

INT_MIN = -(2**63)
INT_MAX = 2**63 - 1
OFFSET_MIN = timedelta(hours=-12)
OFFSET_MAX = timedelta(hours=14)

Location = tuple[str | int, ...]


def input_problems(value: Any, loc: Location = ()) -> Iterator[dict[str, Any]]:
    """Every value inside `value` that cannot be stored, as pydantic-style error entries."""
    if isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from input_problems(getattr(value, name), (*loc, name))
    elif isinstance(value, dict):
        for key, item in value.items():
            if isinstance(key, str) and "\x00" in key:
                yield _problem(loc, "Names may not contain the NUL character (\\u0000).", "nul_character")
            yield from input_problems(item, (*loc, str(key)))
    elif isinstance(value, list | tuple | set | frozenset):
        for index, item in enumerate(value):
            yield from input_problems(item, (*loc, index))
    elif isinstance(value, str):
        if "\x00" in value:
            yield _problem(loc, "Text may not contain the NUL character (\\u0000).", "nul_character")
    elif isinstance(value, bool):
        return
    elif isinstance(value, int):
        if not INT_MIN <= value <= INT_MAX:
            yield _problem(loc, "Whole numbers must fit in 64 bits (about ±9.2 × 10^18).", "int_range")
    elif isinstance(value, float):
        if not math.isfinite(value):
            yield _problem(loc, "Numbers must be finite (no NaN or Infinity).", "float_finite")
    elif isinstance(value, datetime):
        yield from _datetime_problems(value, loc)


def _datetime_problems(value: datetime, loc: Location) -> Iterator[dict[str, Any]]:
    offset = value.utcoffset()
    if offset is None:
        return
    if not OFFSET_MIN <= offset <= OFFSET_MAX:
        yield _problem(
            loc, "Give a time zone offset between -12:00 and +14:00, or a time in UTC (Z).", "tz_offset"
        )
        return
    try:
        value.astimezone(UTC)
    except OverflowError:
        yield _problem(
            loc, "This date-time falls outside the calendar once turned into UTC.", "datetime_range"
        )


def _problem(loc: Location, msg: str, kind: str) -> dict[str, Any]:
    return {"type": kind, "loc": list(loc), "msg": msg}


def refuse_unstorable_input(view_func: Callable[..., Any]) -> Callable[..., Any]:
    """Operation decorator: runs after the schemas parsed the request, before the view."""

    @functools.wraps(view_func)
    def checked(request: HttpRequest, *args: Any, **values: Any) -> Any:
        problems = [problem for name, value in values.items() for problem in input_problems(value, (name,))]
        if problems:
            raise ValidationError(problems)
        return view_func(request, *args, **values)

    return checked
