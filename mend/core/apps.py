from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "mend.core"
    label = "core"
