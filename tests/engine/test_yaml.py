"""The engine's YAML reader: parsed once per file, errors that name the file."""

from __future__ import annotations

from pathlib import Path

import pytest

from mend.engine import content
from mend.engine._yaml import DataFileError, load_mapping


def test_a_file_is_parsed_once_and_shared(tmp_path: Path) -> None:
    path = tmp_path / "once.yaml"
    path.write_text("items: [1, 2]\n", encoding="utf-8")
    first = load_mapping(path)
    path.write_text("items: [3]\n", encoding="utf-8")
    assert load_mapping(path) is first and first["items"] == [1, 2]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("a: [unclosed\n", r"broken\.yaml: invalid YAML"),
        ("- just\n- a list\n", r"broken\.yaml: expected a mapping"),
    ],
)
def test_errors_name_the_file(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "broken.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataFileError, match=message):
        load_mapping(path)


def test_content_reports_a_broken_catalogue_as_content_error(tmp_path: Path, monkeypatch) -> None:
    (tmp_path / "prompts.yaml").write_text("journal: [\n", encoding="utf-8")
    monkeypatch.setattr(content, "DATA_DIR", tmp_path)
    with pytest.raises(content.ContentError, match=r"prompts\.yaml: invalid YAML"):
        content._load("prompts.yaml")
