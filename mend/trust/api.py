"""JSON API for trust, mounted under /api/v1/trust/."""

from ninja import Router

router = Router(tags=["trust"])
