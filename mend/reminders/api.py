"""JSON API for reminders, mounted under /api/v1/reminders/."""

from ninja import Router

router = Router(tags=["reminders"])
