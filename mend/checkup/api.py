"""JSON API for checkup, mounted under /api/v1/checkup/."""

from ninja import Router

router = Router(tags=["checkup"])
