"""JSON API for safety, mounted under /api/v1/safety/."""

from ninja import Router

router = Router(tags=["safety"])
