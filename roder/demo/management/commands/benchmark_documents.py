from django.core.management.base import BaseCommand
from django.utils import translation

from roder.control.documents import CONTROL
from roder.demo.services import build_demo, demo_is_loaded
from roder.organisation.models import Unit
from roder.periods.models import PeriodKind, ReportingPeriod
from roder.reports.benchmark import generated_administration, time_document
from roder.reports.documents import PLAN, TERTIAL


class Command(BaseCommand):
    help = (
        "Time the production of each document format for the demo's Stöd & process and for a "
        "generated administration (in the database DATABASE_URL names: use a scratch one)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--units", type=int, default=200)
        parser.add_argument("--runs", type=int, default=3)
        parser.add_argument("--slug", default="benchmark-documents")

    def handle(self, *args, **options):
        translation.activate("sv")
        if not demo_is_loaded():
            build_demo()
        office = Unit.objects.get(organisation__slug="upplands-vasby", code="SP")
        tertial = ReportingPeriod.objects.get(
            organisation=office.organisation, kind=PeriodKind.TERTIAL, year=2026
        )
        root, period = generated_administration(
            options["units"], slug=options["slug"], progress=self.stdout.write
        )
        below = Unit.objects.filter(path__startswith=root.path).count() - 1
        cases = [
            (PLAN, office, 2026, None),
            (TERTIAL, office, 2026, tertial),
            (CONTROL, office, 2026, None),
            (PLAN, root, period.year, None),
            (TERTIAL, root, period.year, period),
        ]
        self.stdout.write(f"Generated administration: {root.name} with {below} units below.")
        header = f"{'document':34} {'unit':22} {'format':6} {'queries':>7} {'build ms':>9}"
        self.stdout.write(f"{header} {'render ms':>10} {'KB':>7}")
        for kind, unit, year, chosen in cases:
            for row in time_document(
                kind=kind, unit=unit, year=year, period=chosen, runs=options["runs"]
            ):
                self.stdout.write(
                    f"{row['document'][:34]:34} {row['unit'][:22]:22} {row['format']:6} "
                    f"{row['queries']:>7} {row['build_ms']:>9.0f} {row['render_ms']:>10.0f} "
                    f"{row['kb']:>7.0f}"
                )
