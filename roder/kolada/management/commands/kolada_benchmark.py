from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from roder.kolada.benchmark import Size, run


class Command(BaseCommand):
    help = (
        "Import generated demo values (290 municipalities × 10 years × 50 KPIs by default) from "
        "a local Kolada test server through Roder's client into the database DATABASE_URL names "
        "(use a scratch one), and compare the rows per second with PostgreSQL's COPY of the "
        "same rows. Nothing reaches the internet; the benchmark's rows are removed afterwards."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--municipalities", type=int, default=290)
        parser.add_argument("--years", type=int, default=10)
        parser.add_argument("--kpis", type=int, default=50)

    def handle(self, *args: object, **options: Any) -> None:
        size = Size(options["municipalities"], options["years"], options["kpis"])
        report = run(size, say=self.stdout.write)
        self.stdout.write(
            f"Roder: {report['rows']} rows in {report['roder_seconds']:.1f} s, "
            f"{report['roder_rows_per_second']:.0f} rows/s"
        )
        if "copy_rows_per_second" in report:
            self.stdout.write(
                f"COPY:  {report['rows']} rows in {report['copy_seconds']:.1f} s, "
                f"{report['copy_rows_per_second']:.0f} rows/s"
            )
            self.stdout.write(f"Roder / COPY: {report['ratio']:.2f}")
        else:
            self.stdout.write(
                f"COPY needs PostgreSQL (this database is {report['vendor']}): no comparison."
            )
