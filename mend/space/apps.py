from django.apps import AppConfig


class SpaceConfig(AppConfig):
    name = "mend.space"
    label = "space"
