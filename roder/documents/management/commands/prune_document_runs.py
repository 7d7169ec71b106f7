import datetime

from django.core.management.base import BaseCommand
from django.utils import timezone

from roder.documents.models import DocumentRun


class Command(BaseCommand):
    help = (
        "Delete produced document files older than --days (default 180). The documents can be "
        "produced again from the data at any time; run this from cron."
    )

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=180)

    def handle(self, *args, days: int, **options):
        cutoff = timezone.now() - datetime.timedelta(days=days)
        deleted, _ = DocumentRun.objects.filter(created_at__lt=cutoff).delete()
        self.stdout.write(f"Deleted {deleted} produced files older than {days} days.")
