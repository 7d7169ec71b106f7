from django.core.management.base import BaseCommand
from django.utils import timezone

from roder.surveys.services import rounds_close_ended


class Command(BaseCommand):
    help = (
        "Close every survey round whose last day has passed and delete the answers saved to "
        "continue later. Idempotent: run it daily from cron, e.g. "
        "'5 0 * * * manage.py surveys_close_ended'."
    )

    def handle(self, *args, **options):
        closed = rounds_close_ended(timezone.localdate())
        self.stdout.write(f"Closed {closed} survey rounds past their last day.")
