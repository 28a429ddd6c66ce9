"""Admin for journal entries shows only that an entry exists: never its title, prompt or text."""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from .models import JournalEntry


@admin.register(JournalEntry)
class JournalEntryAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("id", "owner", "created_at", "updated_at")
    list_filter = ("created_at",)
    fields = ("owner", "created_at", "updated_at")
    readonly_fields = ("owner", "created_at", "updated_at")
    search_fields = ()

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: JournalEntry | None = None) -> bool:
        return False
