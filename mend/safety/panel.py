"""The help panel every tool routes to when crisis language appears or the safety check shows concern.

Contract used across apps (keep stable):
- `crisis_in(text)` -> bool: does this text contain self-harm, suicide or violence language?
- `panel_context(user, urgent=False)` -> dict for the `safety/_help_panel.html` include.
- `has_concern(user)` -> bool: the user's latest safety check shows some or urgent concern
  (then partner-visible notifications and couple exercises are held back).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from mend.accounts.models import User


def crisis_in(text: str) -> bool:
    from mend.engine.coach import analyze

    return bool(text.strip()) and analyze(text[:5000]).crisis


def has_concern(user: User) -> bool:
    try:
        from mend.safety.selectors import latest_band
    except ImportError:
        return False
    return latest_band(user) in {"some", "urgent"}


def panel_context(user: User, *, urgent: bool = False) -> dict[str, Any]:
    from mend.engine.content import crisis_lines

    return {"help_lines": crisis_lines(user.country or None, urgent=urgent), "help_urgent": urgent}
