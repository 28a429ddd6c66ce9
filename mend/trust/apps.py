from django.apps import AppConfig


class TrustConfig(AppConfig):
    name = "mend.trust"
    label = "trust"
