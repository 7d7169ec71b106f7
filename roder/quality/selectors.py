"""Reads of quality evaluations with a fixed number of queries: the evaluation with its areas,
narratives, findings and actions; totals and maxima (computed, never stored); comparisons
within one framework version; what became of the previous evaluation's improvement areas; the
figures an entry can quote from Roder's indicators."""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, F, Prefetch, Q
from django.utils.translation import gettext as _

from roder.actions.models import Action
from roder.economy.money import format_number
from roder.followup.models import Outcome, PeriodKind
from roder.indicators.models import Indicator
from roder.quality.access import frameworks_of
from roder.quality.models import (
    ACTIONABLE,
    Answer,
    Area,
    AreaFeedback,
    AreaScore,
    Entry,
    Evaluation,
    FindingAction,
    FindingKind,
    ReferenceSeries,
    SubAreaNarrative,
    total,
)


def format_score(value: Decimal | None) -> str:
    if value is None:
        return "–"
    return format_number(value, 0 if value == value.to_integral_value() else 1)


def format_step(part, value: Decimal | None) -> str:
    """The score with its step's label when the area or question has a scale
    ("4 – Stämmer i hög grad"), else the score alone ("68"; "–" when not scored)."""
    label = part.step_label(value)
    return f"{format_score(value)} – {label}" if label else format_score(value)


# --- frameworks ----------------------------------------------------------------------------


def framework_list(organisation):
    """Shipped and own framework versions, each with `uses` (evaluations + entries) and
    `area_count`."""
    return (
        frameworks_of(organisation)
        .annotate(
            uses=Count("evaluations", distinct=True) + Count("entries", distinct=True),
            area_count=Count("areas", distinct=True),
        )
        .select_related("organisation")
        .order_by("name", "year", "version_label", "pk")
    )


def framework_areas(version) -> list[Area]:
    return list(version.areas.prefetch_related("sub_areas", "questions"))


# --- evaluations ---------------------------------------------------------------------------


def evaluations_visible(grants):
    units = grants.visible_units()
    return (
        Evaluation.objects.filter(unit__in=units)
        .select_related("unit", "framework")
        .order_by("-starts", "-pk")
    )


def entries_visible(grants):
    units = grants.visible_units()
    return (
        Entry.objects.filter(unit__in=units)
        .select_related("unit", "framework")
        .order_by("-year", "-pk")
    )


@dataclass
class AreaView:
    area: Area
    row: AreaScore
    narratives: list = field(default_factory=list)  # (sub_area, SubAreaNarrative)
    findings: dict = field(default_factory=dict)  # kind -> [Finding]

    @property
    def score(self) -> Decimal | None:
        return self.row.score

    @property
    def score_text(self) -> str:
        return format_score(self.score)

    @property
    def step_text(self) -> str:
        """The score with its step's label when the area has a scale."""
        return format_step(self.area, self.score)

    @property
    def strengths(self) -> list:
        return self.findings.get(FindingKind.STRENGTH, [])

    @property
    def improvements(self) -> list:
        return self.findings.get(FindingKind.IMPROVEMENT, []) + self.findings.get(
            FindingKind.WEAKNESS, []
        )

    @property
    def good_examples(self) -> list:
        return self.findings.get(FindingKind.GOOD_EXAMPLE, [])


@dataclass
class EvaluationView:
    evaluation: Evaluation
    areas: list[AreaView]

    @property
    def total(self) -> Decimal | None:
        return total(view.score for view in self.areas)

    @property
    def maximum(self) -> int | None:
        maxima = [view.area.max_value for view in self.areas if view.area.max_value is not None]
        return sum(maxima) if maxima else None

    @property
    def total_text(self) -> str:
        return format_score(self.total)

    @property
    def is_scored(self) -> bool:
        return any(view.score is not None for view in self.areas)


def evaluation_view(evaluation: Evaluation) -> EvaluationView:
    """Every area with its score row, its sub-areas' narratives and its findings (with their
    actions). Five queries whatever the size."""
    areas = list(
        Area.objects.filter(framework_id=evaluation.framework_id).prefetch_related("sub_areas")
    )
    rows = {row.area_id: row for row in AreaScore.objects.filter(evaluation=evaluation)}
    narratives = {n.sub_area_id: n for n in SubAreaNarrative.objects.filter(evaluation=evaluation)}
    findings = defaultdict(lambda: defaultdict(list))
    for finding in evaluation.findings.select_related("sub_area").prefetch_related(
        Prefetch("action_links", FindingAction.objects.select_related("action", "action__unit"))
    ):
        findings[finding.area_id][finding.kind].append(finding)
    views = []
    for area in areas:
        row = rows.get(area.pk) or AreaScore(evaluation=evaluation, area=area)
        views.append(
            AreaView(
                area=area,
                row=row,
                narratives=[(sub, narratives.get(sub.pk)) for sub in area.sub_areas.all()],
                findings=dict(findings.get(area.pk, {})),
            )
        )
    return EvaluationView(evaluation=evaluation, areas=views)


def scores_by_area(evaluations) -> dict[int, dict[int, Decimal | None]]:
    """{evaluation pk: {area pk: score}} in one query."""
    result: dict = defaultdict(dict)
    for row in AreaScore.objects.filter(evaluation__in=list(evaluations)):
        result[row.evaluation_id][row.area_id] = row.score
    return result


def previous_same_version(evaluation: Evaluation) -> Evaluation | None:
    """The unit's latest earlier evaluation with the same framework version."""
    return _earlier(evaluation).filter(framework_id=evaluation.framework_id).first()


def previous_of_unit(evaluation: Evaluation) -> Evaluation | None:
    """The unit's latest earlier evaluation, with any framework."""
    return _earlier(evaluation).first()


def _earlier(evaluation: Evaluation):
    earlier = Evaluation.objects.filter(unit_id=evaluation.unit_id).exclude(pk=evaluation.pk)
    if evaluation.starts:
        earlier = earlier.filter(
            Q(starts__lt=evaluation.starts) | Q(starts=None, pk__lt=evaluation.pk)
        )
    else:
        earlier = earlier.filter(pk__lt=evaluation.pk)
    # Undated evaluations last on every database (PostgreSQL sorts NULL first when descending).
    return earlier.select_related("framework").order_by(F("starts").desc(nulls_last=True), "-pk")


def improvements_followed_up(evaluation: Evaluation):
    """The previous evaluation of the unit and its improvement areas and weaknesses, each with
    its actions (status, due date, when the action was last changed): what happened to them."""
    previous = previous_of_unit(evaluation)
    if previous is None:
        return None, []
    findings = list(
        previous.findings.filter(kind__in=ACTIONABLE)
        .select_related("area")
        .prefetch_related(
            Prefetch("action_links", FindingAction.objects.select_related("action", "action__unit"))
        )
    )
    return previous, findings


def finding_of(action: Action) -> FindingAction | None:
    """The finding an action came from, if any, for the action's page (one query)."""
    return (
        FindingAction.objects.filter(action=action)
        .select_related("finding__evaluation__unit", "finding__area")
        .first()
    )


# --- comparison ----------------------------------------------------------------------------


@dataclass
class Comparison:
    """Series over the same framework version's areas: (name, [score per area], total)."""

    areas: list[Area]
    series: list[tuple[str, list[Decimal | None], Decimal | None, str]]
    other_versions: list[Evaluation]


def comparison(evaluation: Evaluation, grants) -> Comparison:
    """The evaluation against its framework version's reference series, the unit's previous
    evaluation with the same version and other visible units' evaluations with the same version.
    Evaluations with other versions are only listed, never put side by side."""
    areas = list(Area.objects.filter(framework_id=evaluation.framework_id))
    peers = list(
        evaluations_visible(grants)
        .filter(framework_id=evaluation.framework_id)
        .exclude(pk=evaluation.pk)
    )
    previous = previous_same_version(evaluation)
    scores = scores_by_area([evaluation, *peers])

    def line(name, values, note=""):
        return (name, values, total(values), note)

    series = [line(str(evaluation), [scores[evaluation.pk].get(a.pk) for a in areas])]
    for reference in ReferenceSeries.objects.filter(
        organisation=grants.organisation, framework_id=evaluation.framework_id
    ).prefetch_related("values"):
        values = {v.area_id: v.value for v in reference.values.all()}
        series.append(line(reference.name, [values.get(a.pk) for a in areas], reference.source))
    for peer in peers:
        note = "previous" if previous and peer.pk == previous.pk else ""
        series.append(
            line(f"{peer.unit.name}: {peer}", [scores[peer.pk].get(a.pk) for a in areas], note)
        )
    others = list(
        evaluations_visible(grants)
        .filter(unit_id=evaluation.unit_id)
        .exclude(framework_id=evaluation.framework_id)
    )
    return Comparison(areas=areas, series=series, other_versions=others)


# --- entries -------------------------------------------------------------------------------


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
            f"{year}: {format_number(value, indicator.decimals)}"
            + (f" {indicator.get_measure_display()}" if indicator.measure == "percent" else "")
            for year, (value, _final) in years
        )
        lines.append(
            _("Indicator: %(name)s – %(figures)s")
            % {"name": indicator.name, "figures": figures or "–"}
        )
    return lines
