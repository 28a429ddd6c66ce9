"""JSON API for help, mounted under /api/v1/help/."""

from ninja import Router

router = Router(tags=["help"])
