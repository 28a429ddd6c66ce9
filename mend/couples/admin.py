from django.contrib import admin

from .models import Couple, Invite, Membership


@admin.register(Couple)
class CoupleAdmin(admin.ModelAdmin):
    list_display = ("id", "created_at", "ended_at")


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ("couple", "user", "joined_at", "left_at")


@admin.register(Invite)
class InviteAdmin(admin.ModelAdmin):
    list_display = ("couple", "inviter", "created_at", "expires_at", "accepted_at", "revoked_at")
    exclude = ("token_digest", "code_digest")
