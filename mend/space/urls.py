from django.urls import URLPattern, URLResolver, path

from . import views

app_name = "space"
urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.home, name="home"),
    path("agreement/new/", views.agreement_new, name="agreement_new"),
    path("agreement/accept/", views.agreement_accept, name="agreement_accept"),
    path("agreement/withdraw/", views.agreement_withdraw, name="agreement_withdraw"),
    path("agreement/end/", views.agreement_end, name="agreement_end"),
    path("agreements/<int:pk>/", views.agreement_detail, name="agreement_detail"),
    path("pause/", views.pause, name="pause"),
    path("pause/start/", views.pause_start, name="pause_start"),
    path("pause/back/", views.pause_back, name="pause_back"),
]
