from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "roder.demo"
    verbose_name = "Demo data"

    def ready(self) -> None:
        # The login page lists the demo accounts in demo mode; accounts never imports demo.
        from roder.accounts import demo_accounts
        from roder.demo.personas import demo_accounts as personas

        demo_accounts.offer(personas)
