from django.core.management.base import BaseCommand

from roder.economy.services import staged_imports_prune


class Command(BaseCommand):
    help = (
        "Delete imported files that were never imported and are older than --days (default 30): "
        "staged ledger files and big outcome workbooks, with the raw rows they keep; and drop "
        "the raw rows still kept on imported ledger files. Run it daily from cron."
    )

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=30)

    def handle(self, *args, days: int, **options):
        ledger, outcomes, emptied = staged_imports_prune(days=days)
        self.stdout.write(
            f"Deleted {ledger} staged ledger files and {outcomes} outcome files older than "
            f"{days} days; dropped the rows of {emptied} imported ledger files."
        )
