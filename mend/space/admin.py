"""Admin lists show that agreements and pauses exist, never what anyone wrote in them."""

from __future__ import annotations

from django.contrib import admin

from .models import BreakAgreement, TimeOut


@admin.register(BreakAgreement)
class BreakAgreementAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("id", "owner", "couple", "status", "starts_on", "length_days", "created_at")
    list_filter = ("status",)
    fields = ("owner", "couple", "visibility", "status", "starts_on", "length_days", "rhythm", "created_at")
    readonly_fields = fields


@admin.register(TimeOut)
class TimeOutAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("id", "owner", "started_at", "return_at", "returned_at", "visibility")
    readonly_fields = (
        "owner",
        "couple",
        "visibility",
        "message_id",
        "minutes",
        "started_at",
        "return_at",
        "returned_at",
    )
    fields = readonly_fields
