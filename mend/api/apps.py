from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "mend.api"
    label = "api"
