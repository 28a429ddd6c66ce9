from django.urls import URLPattern, URLResolver

app_name = "rituals"
urlpatterns: list[URLPattern | URLResolver] = []
