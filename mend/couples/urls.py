from django.urls import path

from . import views

app_name = "couples"
urlpatterns = [
    path("", views.couple_home, name="home"),
    path("invite/", views.invite_new, name="invite_new"),
    path("join/", views.join_code, name="join_code"),
    path("join/<str:token>/", views.join, name="join"),
    path("leave/", views.leave, name="leave"),
]
