from django.apps import AppConfig


class RemindersConfig(AppConfig):
    name = "mend.reminders"
    label = "reminders"
