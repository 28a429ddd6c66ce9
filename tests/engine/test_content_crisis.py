"""Crisis lines: coverage per country, schema, urgent ordering and fallback."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
import yaml

from mend.engine import content
from mend.engine.content import (
    LINE_KINDS,
    crisis_fallback_note,
    crisis_lines,
    international_directories,
    supported_countries,
)

REQUIRED_COUNTRIES = ("US", "GB", "CA", "AU", "IE", "NZ", "IN", "DE", "FR", "ES")
RAW = yaml.safe_load((Path(content.DATA_DIR) / "crisis_lines.yaml").read_text(encoding="utf-8"))


def all_lines() -> list[content.Line]:
    return [line for code in (*supported_countries(), "INTL") for line in _own(code)]


def _own(code: str) -> tuple[content.Line, ...]:
    if code == "INTL":
        return international_directories()
    return crisis_lines(code, include_directories=False)


def test_every_required_country_is_supported() -> None:
    assert set(REQUIRED_COUNTRIES) <= set(supported_countries())
    assert supported_countries() == tuple(sorted(supported_countries()))


@pytest.mark.parametrize("country", REQUIRED_COUNTRIES)
def test_country_has_emergency_and_a_dv_or_crisis_line(country: str) -> None:
    kinds = {line.kind for line in _own(country)}
    assert "emergency" in kinds
    assert kinds & {"domestic_violence", "crisis", "suicide"}
    assert "domestic_violence" in kinds, f"{country} needs a domestic-violence line"


def test_raw_records_have_required_fields() -> None:
    for code, lines in RAW["countries"].items():
        assert code == "INTL" or re.fullmatch(r"[A-Z]{2}", code)
        for line in lines:
            for field in ("name", "kind", "hours", "source", "last_verified", "description"):
                assert line.get(field), (code, line.get("name"), field)
            assert line["kind"] in LINE_KINDS
            assert any(line.get(k) for k in ("phone", "text", "url")), line["name"]
            # Numbers must be quoted in YAML: an unquoted 000 would load as the integer 0.
            assert isinstance(line.get("phone", ""), str), line["name"]


def test_every_line_has_a_source_and_an_honest_verification_record() -> None:
    for line in all_lines():
        assert line.source.startswith("https://")
        assert line.last_verified <= date.today()
        assert line.checked_against or line.verify_note, line.name
        if not line.checked_against:
            assert line.verify_note


def test_every_number_is_one_dialable_number_with_a_tel_link() -> None:
    for line in all_lines():
        for number in (line.phone, *line.other_phones):
            if number is not None:
                assert re.fullmatch(r"\+?[0-9][0-9 -]*[0-9]", number), (line.name, number)
        if line.phone:
            assert line.tel_href == "tel:" + re.sub(r"[^0-9+]", "", line.phone)
        else:
            assert line.tel_href is None


def test_text_lines_read_as_instructions() -> None:
    for line in all_lines():
        if line.text:
            assert line.text.startswith("Text "), line.text


def test_some_countries_list_alternative_numbers() -> None:
    ie = next(line for line in _own("IE") if line.kind == "emergency")
    assert ie.phone == "112" and ie.other_phones == ("999",)


def test_directories_are_only_under_intl() -> None:
    for code in supported_countries():
        assert all(line.kind != "directory" for line in _own(code))
    assert international_directories()
    assert all(line.kind == "directory" and line.url for line in international_directories())


def test_urgent_puts_emergency_first() -> None:
    for code in REQUIRED_COUNTRIES:
        lines = crisis_lines(code, urgent=True)
        assert lines[0].kind == "emergency", code
        assert lines[-1].kind == "directory"


def test_not_urgent_puts_talking_lines_before_emergency() -> None:
    lines = crisis_lines("GB")
    kinds = [line.kind for line in lines]
    first_emergency = kinds.index("emergency")
    assert all(k in ("crisis", "suicide", "domestic_violence") for k in kinds[:first_emergency])
    assert first_emergency > 0


def test_ordering_keeps_data_file_order_within_a_group() -> None:
    names = [line.name for line in crisis_lines("NZ") if line.kind == "domestic_violence"]
    raw = [line["name"] for line in RAW["countries"]["NZ"] if line["kind"] == "domestic_violence"]
    assert names == raw


@pytest.mark.parametrize("country", [None, "", "ZZ", "XK", "INTL", "  "])
def test_unknown_country_falls_back_to_directories(country: str | None) -> None:
    assert crisis_lines(country) == international_directories()
    assert crisis_lines(country, urgent=True) == international_directories()
    assert "emergency number" in crisis_fallback_note()


def test_country_codes_are_case_insensitive_and_uk_means_gb() -> None:
    assert crisis_lines("gb") == crisis_lines("GB") == crisis_lines("uk") == crisis_lines(" UK ")


def test_directories_can_be_left_out() -> None:
    lines = crisis_lines("FR", include_directories=False)
    assert lines and all(line.country == "FR" for line in lines)


def test_line_without_contact_is_rejected(monkeypatch: pytest.MonkeyPatch) -> None:
    broken = {
        "fallback_note": "x",
        "countries": {
            "INTL": RAW["countries"]["INTL"],
            "US": [
                {
                    "name": "Nothing",
                    "kind": "crisis",
                    "hours": "24/7",
                    "source": "https://example.org/",
                    "last_verified": date(2026, 1, 1),
                    "checked_against": "https://example.org/",
                }
            ],
        },
    }
    monkeypatch.setattr(content, "_load", lambda name: broken)
    content._crisis_data.cache_clear()
    try:
        with pytest.raises(content.ContentError, match="needs a phone"):
            supported_countries()
    finally:
        monkeypatch.undo()
        content._crisis_data.cache_clear()
