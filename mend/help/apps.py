from django.apps import AppConfig


class HelpConfig(AppConfig):
    name = "mend.help"
    label = "help"
