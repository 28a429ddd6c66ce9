"""URL map: one include per app, the JSON API under /api/v1/."""

from django.contrib import admin
from django.urls import include, path

from mend.api.api import api

urlpatterns = [
    path("", include("mend.core.urls")),
    path("accounts/", include("mend.accounts.urls")),
    path("couple/", include("mend.couples.urls")),
    path("checkup/", include("mend.checkup.urls")),
    path("coach/", include("mend.coach.urls")),
    path("rituals/", include("mend.rituals.urls")),
    path("trust/", include("mend.trust.urls")),
    path("space/", include("mend.space.urls")),
    path("journal/", include("mend.journal.urls")),
    path("safety/", include("mend.safety.urls")),
    path("help/", include("mend.help.urls")),
    path("reminders/", include("mend.reminders.urls")),
    path("api/v1/", api.urls),
    path("admin/", admin.site.urls),
]

handler400 = "mend.core.views.bad_request"
handler403 = "mend.core.views.permission_denied"
handler404 = "mend.core.views.page_not_found"
handler500 = "mend.core.views.server_error"
