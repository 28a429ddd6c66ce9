from django.urls import URLPattern, URLResolver, path

from . import views

app_name = "safety"
urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.home, name="home"),
    path("check/", views.check, name="check"),
    path("result/", views.result, name="result"),
    path("dismiss/", views.dismiss, name="dismiss"),
    path("forget/", views.forget, name="forget"),
]
