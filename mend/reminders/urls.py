from django.urls import URLPattern, URLResolver, path

from . import views

app_name = "reminders"
urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.home, name="home"),
    path("calendar/new/", views.feed_new, name="feed_new"),
    path("calendar/revoke/", views.feed_revoke, name="feed_revoke"),
    path("calendar/<str:token>.ics", views.calendar, name="calendar"),
]
