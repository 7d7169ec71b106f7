from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "roder.demo"
    verbose_name = "Demo data"
