"""Admin: the send ledger (failed sends first to look at) and reminder choices.

Rows carry generic wording and an error kind only, never anything a person wrote, so staff can
see what failed without seeing anyone's private content. Feed digests are never shown.
"""

from __future__ import annotations

from django.contrib import admin

from .models import CalendarFeed, ReminderPreference, ReminderSent


@admin.register(ReminderSent)
class ReminderSentAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = (
        "id",
        "user_id",
        "kind",
        "occurrence",
        "status",
        "attempts",
        "next_attempt_at",
        "last_error",
    )
    list_filter = ("status", "kind")
    date_hierarchy = "due_at"
    fields = (
        "user",
        "kind",
        "ref",
        "occurrence",
        "due_at",
        "subject",
        "body",
        "status",
        "attempts",
        "claimed_at",
        "next_attempt_at",
        "last_error",
        "sent_at",
        "created_at",
    )
    readonly_fields = fields
    ordering = ("-due_at",)

    def has_add_permission(self, request: object) -> bool:
        return False


@admin.register(ReminderPreference)
class ReminderPreferenceAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("user_id", "checkin", "promises", "breaks", "checkup", "daily", "calendar_enabled")


@admin.register(CalendarFeed)
class CalendarFeedAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("user_id", "hint", "created_at", "last_used_at", "revoked_at")
    fields = ("user", "hint", "created_at", "last_used_at", "revoked_at")
    readonly_fields = fields

    def has_add_permission(self, request: object) -> bool:
        return False
