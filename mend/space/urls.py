from django.urls import URLPattern, URLResolver

app_name = "space"
urlpatterns: list[URLPattern | URLResolver] = []
