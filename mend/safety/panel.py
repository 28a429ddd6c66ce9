"""The help panel every tool routes to when crisis language appears or the safety check shows concern.

Contract used across apps (keep stable):
- `crisis_in(text)` -> bool: does this text contain self-harm, suicide or violence language?
- `panel_context(user, urgent=False)` -> dict for the `safety/_help_panel.html` include.
- `has_concern(user)` -> bool: the user's latest safety check shows some or urgent concern
  (then partner-visible notifications and couple exercises are held back).
"""

from __future__ import annotations

import importlib
import logging
import re
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from mend.accounts.models import User

logger = logging.getLogger(__name__)

# A small safety net used only while the message coach's own crisis detection is unavailable.
_FALLBACK_CRISIS = re.compile(
    r"\b(?:kill(?:ing)? myself|end(?:ing)? (?:my|it) (?:life|all)|suicid\w*|want(?:ed)? to die|"
    r"self[- ]harm\w*|hurt(?:ing)? myself|cut(?:ting)? myself|no reason to live|"
    r"(?:he|she|they) (?:hit|hits|choked|chokes|strangled|beat|beats) me|"
    r"(?:going|threatened|threatens) to kill me|afraid (?:he|she|they)(?:'ll| will) hurt me)\b",
    re.IGNORECASE,
)


def crisis_in(text: str) -> bool:
    if not text or not text.strip():
        return False
    try:
        coach = importlib.import_module("mend.engine.coach")
    except ImportError:
        coach = None
    analyze = getattr(coach, "analyze", None)
    fallback = bool(_FALLBACK_CRISIS.search(text[:5000]))
    if analyze is None:
        return fallback
    try:
        return fallback or bool(analyze(text[:5000]).crisis)
    except Exception:  # saving someone's words must never fail because the detector did
        logger.exception("crisis detection failed; using the fallback word list")
        return fallback


def has_concern(user: User) -> bool:
    from mend.safety.selectors import latest_band

    return latest_band(user) in {"some", "urgent"}


def lines_context(country: str | None, *, urgent: bool = False) -> dict[str, Any]:
    """The panel's context for a country code (or None): works for anonymous visitors too."""
    from mend.engine.content import crisis_fallback_note, crisis_lines, supported_countries

    code = (country or "").strip().upper() or None
    known = code is not None and (code in supported_countries() or code == "UK")
    lines = crisis_lines(code, urgent=urgent)
    return {
        "help_lines": lines,
        "help_urgent": urgent,
        "help_country": code or "",
        "help_country_known": known,
        "help_fallback_note": "" if known else crisis_fallback_note(),
        "help_last_verified": max((line.last_verified for line in lines), default=None),
    }


def panel_context(user: User, *, urgent: bool = False) -> dict[str, Any]:
    country = getattr(user, "country", "") if getattr(user, "is_authenticated", False) else ""
    return lines_context(country or None, urgent=urgent)
