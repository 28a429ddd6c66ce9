"""The access matrix: every URL and API route, as anonymous, outsider, partner and owner.

Each app lists its routes in `tests/access/cases_<app>.py`:

    ROUTES = [Route("journal/<int:pk>/", scope=PRIVATE_OBJECT, kwargs=lambda w: {"pk": w["journal_entry"]})]
    def build(world: World) -> None:  # create alice's objects (with SECRET markers) and store ids in world
        ...

Scopes:
- PUBLIC: anyone may open it (still no 5xx, and no private marker in the page).
- OWN: a page about the requester's own data; anonymous goes to login, everyone else gets a page
  that never contains alice's private markers.
- PRIVATE_OBJECT: alice's private object: outsider and partner get 404; alice gets it.
- SHARED_OBJECT: alice's shared object: outsider 404; partner and alice get it.
- ACTION: a POST-only state change; anonymous is sent to login (401 for the API), GET is refused.
Any route not listed makes the test fail, so new routes cannot skip the privacy check.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

PUBLIC = "public"
OWN = "own"
PRIVATE_OBJECT = "private_object"
SHARED_OBJECT = "shared_object"
ACTION = "action"

SECRET = "ALICE-PRIVATE-7f3a"  # put this into alice's private text; it must never reach anyone else

World = dict[str, Any]


@dataclass(frozen=True)
class Route:
    key: str  # web: the URL pattern (e.g. "couple/join/<str:token>/"); API: "GET /api/v1/me"
    scope: str
    kwargs: Callable[[World], dict[str, Any]] = field(default=lambda world: {})
    owner_status: tuple[int, ...] = (200,)
    note: str = ""

    @property
    def is_api(self) -> bool:
        return " " in self.key

    @property
    def method(self) -> str:
        return (
            self.key.split(" ", 1)[0].lower() if self.is_api else ("post" if self.scope == ACTION else "get")
        )

    def path(self, world: World) -> str:
        raw = self.key.split(" ", 1)[1] if self.is_api else "/" + self.key
        values = self.kwargs(world)
        out = raw
        for name, value in values.items():
            for converter in ("", "int:", "str:", "uuid:", "slug:", "path:"):
                out = out.replace(f"<{converter}{name}>", str(value))
            out = out.replace("{" + name + "}", str(value))
        return out
