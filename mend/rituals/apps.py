from django.apps import AppConfig


class RitualsConfig(AppConfig):
    name = "mend.rituals"
    label = "rituals"
