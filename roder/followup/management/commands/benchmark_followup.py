from django.core.management.base import BaseCommand

from roder.followup.benchmark import Size, build, time_pages
from roder.organisation.models import Organisation


class Command(BaseCommand):
    help = (
        "Generate a large municipality (in the database DATABASE_URL names: use a scratch one) "
        "and time the scorecard, strategy map and roll-up against replaying their SQL alone."
    )

    def add_arguments(self, parser):
        parser.add_argument("--units", type=int, default=1000)
        parser.add_argument("--goals-per-unit", type=int, default=10)
        parser.add_argument("--series-per-unit", type=int, default=30)
        parser.add_argument("--years", type=int, default=5)
        parser.add_argument("--runs", type=int, default=5)
        parser.add_argument("--slug", default="benchmark")

    def handle(self, *args, **options):
        organisation = Organisation.objects.filter(slug=options["slug"]).first()
        if organisation is None:
            size = Size(
                options["units"],
                options["goals_per_unit"],
                options["series_per_unit"],
                options["years"],
            )
            built = build(size, slug=options["slug"], progress=self.stdout.write)
            organisation, period = built["organisation"], built["period"]
            self.stdout.write(
                "Built {units} units, {goals} goals, {series} indicator series, "
                "{outcomes} outcomes.".format(**built)
            )
        else:
            period = organisation.periods.order_by("-ends").first()
            self.stdout.write(f"Reusing {organisation} (delete it for a fresh build).")
        self.stdout.write(f"{'page':38} {'queries':>7} {'page ms':>9} {'SQL ms':>9} {'KB':>7}")
        for row in time_pages(organisation, period, runs=options["runs"]):
            self.stdout.write(
                f"{row['page']:38} {row['queries']:>7} {row['page_ms']:>9.1f} "
                f"{row['sql_ms']:>9.1f} {row['bytes'] / 1024:>7.0f}"
            )
