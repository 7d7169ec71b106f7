"""Remove the personal data of closed complaint cases whose retention period has ended (for
cron, e.g. nightly). Idempotent: running it again removes nothing more."""

import datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from roder.complaints import services


class Command(BaseCommand):
    help = "Remove personal data of closed complaint cases past their retention period."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--today", help="the day to count from, YYYY-MM-DD (tests)")

    def handle(self, *args: Any, **options: Any) -> None:
        today = None
        if options["today"]:
            try:
                today = datetime.date.fromisoformat(options["today"])
            except ValueError:
                raise CommandError("--today must be a date, YYYY-MM-DD") from None
        logs = services.retention_run(today=today)
        for log in logs:
            self.stdout.write(f"{log.diary_number}: {log.removed}")
        self.stdout.write(f"{len(logs)} cases had personal data removed.")
