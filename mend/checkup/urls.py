from django.urls import URLPattern, URLResolver, path

from . import views

app_name = "checkup"
urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.home, name="home"),
    path("start/", views.start, name="start"),
    path("section/<str:bank_id>/", views.section, name="section"),
    path("results/", views.results, name="results"),
    path("results/<int:pk>/", views.attempt_results, name="attempt_results"),
    path("plan/", views.plan, name="plan"),
    path("couple/", views.couple, name="couple"),
    path("share/", views.share, name="share"),
    path("share/retract/", views.share_retract, name="share_retract"),
    path("history/", views.history, name="history"),
]
