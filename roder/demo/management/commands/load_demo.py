from django.core.management.base import BaseCommand

from roder.demo.services import build_demo, demo_is_loaded


class Command(BaseCommand):
    help = "Load the demo organisations (Upplands Väsby kommun, Stockholms stad) and accounts."

    def handle(self, *args, **options):
        if demo_is_loaded():
            self.stdout.write("The demo data is already loaded; nothing changed.")
            return
        counts = build_demo()
        self.stdout.write(
            self.style.SUCCESS(
                "Demo loaded: {organisations} organisations, {units} units, {people} people, "
                "{goals} goals, {indicators} indicators, {outcomes} outcomes, "
                "{actions} actions.".format(**counts)
            )
        )
