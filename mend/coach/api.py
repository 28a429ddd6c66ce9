"""JSON API for coach, mounted under /api/v1/coach/."""

from ninja import Router

router = Router(tags=["coach"])
