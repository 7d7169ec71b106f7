"""`manage.py kolada_metadata [--full]`: load Kolada's catalogue (KPIs, municipalities and
regions, municipality groups) from RODER_KOLADA_URL, with a progress bar on the terminal. After
the first full load it asks only for changes since the last successful one; `--full` reads all."""

import sys

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from roder.core.models import TaskState
from roder.kolada import services
from roder.kolada.models import CatalogueLoad

WIDTH = 30
STEPS = {
    "kpi": "KPIs",
    "municipality": "municipalities and regions",
    "municipality_groups": "municipality groups",
    "save": "saving",
}


class Command(BaseCommand):
    help = "Load Kolada's catalogue of KPIs, municipalities and groups (incrementally)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--full", action="store_true", help="Read the whole catalogue, not only changes."
        )

    def handle(self, *args: object, **options: object) -> None:
        # Queued for this process: the command runs the load itself, no worker needed.
        load = CatalogueLoad.objects.create(
            from_date=None if options["full"] else services.changes_since(),
            task_step=services.LOAD_STEP,
            task_state=TaskState.QUEUED,
        )
        since = f" (changes since {load.from_date:%Y-%m-%d})" if load.from_date else ""
        self.stdout.write(f"Loading Kolada's catalogue from {settings.RODER_KOLADA_URL}{since} …")
        services.run_load(load, progress=self._bar)
        load.refresh_from_db()
        if sys.stderr.isatty():
            sys.stderr.write("\n")
        if "error" in load.task_result:
            raise CommandError(load.task_result["error"])
        counts = load.task_result
        self.stdout.write(
            self.style.SUCCESS(
                f"Done: {counts['kpis']} KPIs, {counts['municipalities']} municipalities and "
                f"regions, {counts['groups']} municipality groups."
            )
        )

    def _bar(self, what: str, share: float) -> None:
        label = STEPS.get(what, what)
        if not sys.stderr.isatty():
            self.stderr.write(f"{round(share * 100):3d} % {label}")
            return
        filled = round(share * WIDTH)
        sys.stderr.write(
            f"\r[{'#' * filled}{'-' * (WIDTH - filled)}] {round(share * 100):3d} % {label:<24}"
        )
        sys.stderr.flush()
