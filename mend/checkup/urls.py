from django.urls import URLPattern, URLResolver

app_name = "checkup"
urlpatterns: list[URLPattern | URLResolver] = []
