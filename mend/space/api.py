"""JSON API for space, mounted under /api/v1/space/."""

from ninja import Router

router = Router(tags=["space"])
