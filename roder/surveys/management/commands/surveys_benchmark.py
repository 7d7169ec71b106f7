from django.core.management.base import BaseCommand

from roder.surveys.benchmark import run


class Command(BaseCommand):
    help = (
        "Time every index of one survey round over many answers and units through "
        "selectors.rounds_groups against the bare SQL aggregation of the same answers "
        "(GROUP BY unit, question: count, sum). Generated in a transaction that is rolled back."
    )

    def add_arguments(self, parser):
        parser.add_argument("--answers", type=int, default=100_000, help="respondents")
        parser.add_argument("--questions", type=int, default=20)
        parser.add_argument("--units", type=int, default=1000)
        parser.add_argument("--repeat", type=int, default=2, help="timings: the best of these")

    def handle(self, *args, **options):
        figures = run(
            answers=options["answers"],
            questions=options["questions"],
            units=options["units"],
            repeat=options["repeat"],
            progress=self.stdout.write,
        )
        self.stdout.write(
            f"{figures.answers} respondents × {figures.questions} questions "
            f"({figures.rows} answer rows) over {figures.units} units; "
            f"{figures.indices} indices in {figures.groups} groups (built in "
            f"{figures.build_seconds:.1f} s, rolled back)\n"
            f"rounds_groups: {figures.computed_seconds:.3f} s\n"
            f"bare SQL (GROUP BY unit, question: count, sum): {figures.sql_seconds:.3f} s\n"
            f"ratio: {figures.ratio:.1f}×"
        )
