"""JSON API for journal, mounted under /api/v1/journal/."""

from ninja import Router

router = Router(tags=["journal"])
