"""`manage.py kolada_refresh [--organisation SLUG] [--kpi ID] [--force]`: fetch the values of
every indicator linked to a Kolada KPI from RODER_KOLADA_URL and write them as outcomes, the
länssnitt and riket as comparison values (kolada.values.refresh). Meant for cron, e.g. nightly:
`30 4 * * * manage.py kolada_refresh`. A KPI whose publication date has not changed is skipped
(`--force` fetches it anyway); a failing KPI is reported, left as it was, and makes the command
end with an error (cron mails it) after the others are done."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from roder.kolada import client as kolada
from roder.kolada import values
from roder.organisation.models import Organisation


class Command(BaseCommand):
    help = "Fetch the values of the indicators linked to Kolada KPIs and write their outcomes."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--organisation", help="Only this organisation (its slug).")
        parser.add_argument("--kpi", help="Only this KPI (e.g. N00945).")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Fetch even KPIs whose publication date has not changed.",
        )

    def handle(self, *args: object, **options: object) -> None:
        organisations = Organisation.objects.order_by("slug")
        if options["organisation"]:
            organisations = organisations.filter(slug=options["organisation"])
            if not organisations.exists():
                raise CommandError(f"No organisation {options['organisation']!r}.")
        self.stdout.write(f"Refreshing Kolada's values from {settings.RODER_KOLADA_URL} …")
        try:
            with kolada.Client() as client:
                report = values.refresh(
                    client,
                    organisations=list(organisations),
                    kpi=str(options["kpi"]) if options["kpi"] else None,
                    force=bool(options["force"]),
                )
        except kolada.KoladaError as error:
            raise CommandError(str(error)) from error
        if not report:
            self.stdout.write("No indicator is linked to a Kolada KPI.")
            return
        for line in report:
            where = f"{line.organisation} {line.kpi}"
            if line.state == "updated":
                self.stdout.write(
                    f"{where}: {line.values} values, {line.written} outcomes written, "
                    f"{line.pending} pending revisions"
                )
            elif line.state == "unchanged":
                self.stdout.write(f"{where}: publication date unchanged, skipped")
            else:
                self.stderr.write(f"{where}: failed, left as it was: {line.error}")
        failed = [line for line in report if line.state == "failed"]
        if failed:
            raise CommandError(f"{len(failed)} of {len(report)} KPIs failed.")
        self.stdout.write(self.style.SUCCESS(f"Done: {len(report)} KPIs."))
