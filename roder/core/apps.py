from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "roder.core"
    verbose_name = "Roder core"
