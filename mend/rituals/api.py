"""JSON API for rituals, mounted under /api/v1/rituals/."""

from ninja import Router

router = Router(tags=["rituals"])
