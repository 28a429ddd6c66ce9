"""Admin for trust: metadata only. What people wrote is never shown here, not even to staff."""

from django.contrib import admin

from .models import ActLog, Agreement, Apology, Appreciation, Moment, Promise


class MetadataOnlyAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display: tuple[str, ...] = ("id", "owner", "visibility", "created_at")
    hidden: tuple[str, ...] = ()

    def get_exclude(self, request, obj=None):  # type: ignore[no-untyped-def]
        return self.hidden

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False


@admin.register(Promise)
class PromiseAdmin(MetadataOnlyAdmin):
    list_display = ("id", "owner", "visibility", "to_partner", "due_at", "status", "response")
    hidden = ("text", "response_note")


@admin.register(Agreement)
class AgreementAdmin(MetadataOnlyAdmin):
    list_display = ("id", "owner", "visibility", "updated_at", "revisit_on")
    hidden = ("text",)


@admin.register(Apology)
class ApologyAdmin(MetadataOnlyAdmin):
    list_display = ("id", "owner", "visibility", "created_at", "sent_at")
    hidden = ("did", "impact", "responsibility", "change", "response")


@admin.register(Appreciation)
class AppreciationAdmin(MetadataOnlyAdmin):
    list_display = ("id", "owner", "visibility", "created_at", "sent_at")
    hidden = ("text",)


@admin.register(Moment)
class MomentAdmin(MetadataOnlyAdmin):
    list_display = ("id", "owner", "created_at")  # the kind is private too
    hidden = ("kind", "note")


@admin.register(ActLog)
class ActLogAdmin(MetadataOnlyAdmin):
    list_display = ("id", "owner", "day")
    hidden = ("act_id", "outcome")
