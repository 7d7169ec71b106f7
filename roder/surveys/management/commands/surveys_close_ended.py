from django.core.management.base import BaseCommand
from django.utils import timezone

from roder.surveys.nyckeltal import results_write_recent
from roder.surveys.services import rounds_close_ended


class Command(BaseCommand):
    help = (
        "Close every survey round whose last day has passed and delete the answers saved to "
        "continue later; write the indices of rounds closed in the last year to the linked "
        "nyckeltal where a period has opened since. Idempotent: run it daily from cron, e.g. "
        "'5 0 * * * manage.py surveys_close_ended'."
    )

    def handle(self, *args, **options):
        today = timezone.localdate()
        closed = rounds_close_ended(today)
        self.stdout.write(f"Closed {closed} survey rounds past their last day.")
        written = results_write_recent(today)
        self.stdout.write(f"Wrote {written} outcomes from closed rounds to their nyckeltal.")
