"""Remind units of reports due: meant to run from cron once a day (README, "Running it")."""

import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from roder.followup.notices import send_reminders
from roder.wheel.reminders import send_event_reminders


class Command(BaseCommand):
    help = (
        "Remind the reporters and unit managers of units whose report for an open period is "
        "not submitted, before and after its due date, and the people of the annual wheel's "
        "events that ask for reminders. Sending twice sends nothing new."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--today", help="The day to remind for, YYYY-MM-DD (default: today)", default=None
        )

    def handle(self, *args, today=None, **options):
        try:
            day = datetime.date.fromisoformat(today) if today else timezone.localdate()
        except ValueError as error:
            raise CommandError(f"--today: {error}") from error
        made = send_reminders(today=day) + send_event_reminders(today=day)
        self.stdout.write(f"{made} reminder(s) made for {day.isoformat()}.")
