"""Deployment checks of mend's own (run by `manage.py check --deploy`)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Tags, Warning, register


@register(Tags.caches, deploy=True)
def cache_shared_between_workers(app_configs: Any, **kwargs: Any) -> list[CheckMessage]:
    """The double-submit guard and rate limits only hold when every worker sees the same cache."""
    backend = settings.CACHES.get("default", {}).get("BACKEND", "")
    if backend.endswith("LocMemCache") or backend.endswith("DummyCache"):
        return [
            Warning(
                "The default cache is private to each server process, so with several workers a "
                "double click can be saved twice and rate limits multiply by the worker count.",
                hint="Set CACHE_URL to a shared cache, e.g. dbcache://mend_cache (then run "
                "`mend createcachetable`) or a Redis URL.",
                id="mend.W001",
            )
        ]
    return []
