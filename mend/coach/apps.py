from django.apps import AppConfig


class CoachConfig(AppConfig):
    name = "mend.coach"
    label = "coach"
