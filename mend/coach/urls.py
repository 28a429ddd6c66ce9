from django.urls import URLPattern, URLResolver

app_name = "coach"
urlpatterns: list[URLPattern | URLResolver] = []
