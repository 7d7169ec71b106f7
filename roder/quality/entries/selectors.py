"""Reads of award entries with a fixed number of queries: the entry's areas with their answers
and feedback, and the figures an answer can quote from Roder's indicators."""

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from roder.core.formatting import number
from roder.followup.models import Outcome
from roder.indicators.models import Indicator
from roder.periods.models import PeriodKind
from roder.quality.models import Answer, Area, AreaFeedback, Entry, total
from roder.quality.scores import format_step


def entries_visible(grants):
    units = grants.visible_units()
    return (
        Entry.objects.filter(unit__in=units)
        .select_related("unit", "framework")
        .order_by("-year", "-pk")
    )


@dataclass
class EntryArea:
    area: Area
    feedback: AreaFeedback | None
    answers: list[Answer]

    @property
    def question_total(self) -> Decimal | None:
        return total(answer.score for answer in self.answers)

    @property
    def feedback_text(self) -> str:
        """The feedback's score with its step's label when the area has a scale."""
        return format_step(self.area, self.feedback.score if self.feedback else None)


def entry_view(entry: Entry) -> list[EntryArea]:
    """Every area with its answers (in question order) and feedback row. Three queries."""
    areas = list(Area.objects.filter(framework_id=entry.framework_id))
    answers = defaultdict(list)
    for answer in entry.answers.select_related("question").order_by("question__number"):
        answers[answer.question.area_id].append(answer)
    feedback = {row.area_id: row for row in entry.feedback.all()}
    return [EntryArea(area, feedback.get(area.pk), answers.get(area.pk, [])) for area in areas]


def area_answers(entry: Entry, area: Area) -> list[Answer]:
    """The entry's answers to the area's questions, in question order (one query)."""
    return list(
        entry.answers.filter(question__area=area)
        .select_related("question")
        .order_by("question__number")
    )


def indicator_choices(unit):
    """Indicators with an outcome for the unit, by name."""
    return (
        Indicator.objects.filter(outcomes__unit=unit, outcomes__value__isnull=False)
        .distinct()
        .order_by("name")
    )


def figure_lines(unit, indicators) -> list[str]:
    """ "Nyckeltal: name – 2011: 67, 2010: 67" per indicator: the unit's latest outcome of each
    year (a year-end period wins), newest year first. Two queries."""
    indicators = list(indicators)
    outcomes = (
        Outcome.objects.filter(indicator__in=indicators, unit=unit, value__isnull=False)
        .select_related("period")
        .order_by("period__year", "period__ends")
    )
    by_year: dict = defaultdict(dict)
    for outcome in outcomes:
        year_end = outcome.period.kind == PeriodKind.YEAR_END
        current = by_year[outcome.indicator_id].get(outcome.period.year)
        if current is None or year_end or current[1] is False:
            by_year[outcome.indicator_id][outcome.period.year] = (outcome.value, year_end)
    lines = []
    for indicator in indicators:
        years = sorted(by_year[indicator.pk].items(), reverse=True)
        figures = ", ".join(
            f"{year}: {number(value, indicator.decimals)}"
            + (f" {indicator.get_measure_display()}" if indicator.measure == "percent" else "")
            for year, (value, _final) in years
        )
        lines.append(
            _("Indicator: %(name)s – %(figures)s")
            % {"name": indicator.name, "figures": figures or "–"}
        )
    return lines
