from django.apps import AppConfig


class CheckupConfig(AppConfig):
    name = "mend.checkup"
    label = "checkup"
