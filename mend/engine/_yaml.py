"""Reading the engine's YAML data files: each file is parsed once, and errors name the file.

The parsed documents are cached and shared, so callers read them and never change them.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Any

import yaml


class DataFileError(ValueError):
    """A data file that cannot be read, is not valid YAML, or has the wrong shape."""


@cache
def load_yaml(path: Path) -> Any:
    """The parsed document at ``path`` (cached per path)."""
    try:
        with path.open(encoding="utf-8") as fh:
            return yaml.safe_load(fh)
    except OSError as exc:  # pragma: no cover - packaging error
        raise DataFileError(f"{path.name}: cannot read ({exc})") from exc
    except yaml.YAMLError as exc:
        raise DataFileError(f"{path.name}: invalid YAML ({exc})") from exc


def load_mapping(path: Path) -> Mapping[str, Any]:
    """The parsed document at ``path``, which must be a mapping at the top level."""
    data = load_yaml(path)
    if not isinstance(data, dict):
        raise DataFileError(f"{path.name}: expected a mapping at the top level")
    return data
