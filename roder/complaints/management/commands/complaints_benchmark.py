"""Time the complaint statistics for a large organisation against their bare SQL (in the
database DATABASE_URL names: use a scratch one; --keep leaves the generated data there)."""

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import transaction

from roder.complaints.benchmark import build, time_statistics
from roder.organisation.models import Organisation


class Rollback(Exception):
    pass


class Command(BaseCommand):
    help = "Time the complaint statistics for 100,000 cases over 1,000 units against bare SQL."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--units", type=int, default=1000)
        parser.add_argument("--cases", type=int, default=100_000)
        parser.add_argument("--years", type=int, default=5)
        parser.add_argument("--runs", type=int, default=5)
        parser.add_argument("--slug", default="complaints-benchmark")
        parser.add_argument("--keep", action="store_true", help="keep the generated data")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            with transaction.atomic():
                self._run(options)
                if not options["keep"]:
                    raise Rollback
        except Rollback:
            self.stdout.write("The generated data was rolled back.")

    def _run(self, options: dict[str, Any]) -> None:
        organisation = Organisation.objects.filter(slug=options["slug"]).first()
        if organisation is None:
            organisation = build(
                slug=options["slug"],
                units=options["units"],
                cases=options["cases"],
                years=options["years"],
                progress=self.stdout.write,
            )
        row = time_statistics(organisation, runs=options["runs"])
        ratio = row["statistics_ms"] / row["sql_ms"] if row["sql_ms"] else 0.0
        self.stdout.write(
            f"{row['units']} units, {row['cases']} cases in the year, {row['queries']} queries: "
            f"statistics {row['statistics_ms']:.1f} ms, bare SQL {row['sql_ms']:.1f} ms, "
            f"ratio {ratio:.2f}"
        )
