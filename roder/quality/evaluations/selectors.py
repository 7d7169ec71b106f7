"""Reads of evaluations with a fixed number of queries: the evaluation with its areas,
narratives, findings and actions; totals and maxima (computed, never stored); comparisons
within one framework version; what became of the previous evaluation's improvement areas; the
finding an action came from."""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import F, Prefetch, Q

from roder.actions.models import Action
from roder.quality.models import (
    ACTIONABLE,
    Area,
    AreaScore,
    Evaluation,
    Finding,
    FindingAction,
    FindingKind,
    ReferenceSeries,
    SubAreaNarrative,
    total,
)
from roder.quality.scores import (
    coverage_text,
    format_score,
    format_step,
    not_given,
    not_scored,
    score_or_not_scored,
)


def evaluations_visible(grants):
    units = grants.visible_units()
    return (
        Evaluation.objects.filter(unit__in=units)
        .select_related("unit", "framework")
        .order_by("-starts", "-pk")
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
        """The score, or "ej bedömt" for an area without one (never a dash that reads as 0)."""
        return score_or_not_scored(self.score)

    @property
    def step_text(self) -> str:
        """The score with its step's label when the area has a scale; "ej bedömt" without."""
        return self.score_text if self.score is None else format_step(self.area, self.score)

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

    @property
    def not_scored(self) -> list[Area]:
        """The areas without a score: the total leaves them out, so it is not complete."""
        return [view.area for view in self.areas if view.score is None]

    @property
    def is_complete(self) -> bool:
        return bool(self.areas) and not self.not_scored

    @property
    def coverage_text(self) -> str:
        """ "7 av 8 områden bedömda"."""
        return coverage_text(len(self.areas) - len(self.not_scored), len(self.areas))


def evaluation_view(evaluation: Evaluation) -> EvaluationView:
    """Every area with its score row, its sub-areas' narratives and its findings (with their
    actions). Five queries whatever the size."""
    areas = list(
        Area.objects.filter(framework_id=evaluation.framework_id).prefetch_related("sub_areas")
    )
    rows = {row.area_id: row for row in AreaScore.objects.filter(evaluation=evaluation)}
    narratives = {n.sub_area_id: n for n in SubAreaNarrative.objects.filter(evaluation=evaluation)}
    findings: defaultdict[int, defaultdict[str, list[Finding]]] = defaultdict(
        lambda: defaultdict(list)
    )
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


def area_narratives(evaluation: Evaluation, area: Area) -> list:
    """(sub-area, its SubAreaNarrative or None) for each sub-area of the area, for the score
    form. Two queries."""
    stored = {
        n.sub_area_id: n
        for n in evaluation.narratives.filter(sub_area__area=area).select_related("sub_area")
    }
    return [(sub, stored.get(sub.pk)) for sub in area.sub_areas.all()]


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

PREVIOUS = "previous"


@dataclass
class Series:
    """One line of a comparison over a framework version's areas: a value per area (None where
    the evaluation has no score or the reference series gives none), a note (a reference's
    source, or PREVIOUS for the unit's previous evaluation) and, for a reference series, the
    total as published. The total is the published one, else the sum of the values given;
    `missing` names the areas it leaves out, so it is never read as complete when it is not."""

    name: str
    values: list[Decimal | None]
    areas: list[Area]
    note: str = ""
    published: Decimal | None = None
    is_reference: bool = False

    @property
    def total(self) -> Decimal | None:
        return self.published if self.published is not None else total(self.values)

    @property
    def missing(self) -> list[Area]:
        return [area for area, value in zip(self.areas, self.values, strict=True) if value is None]

    @property
    def is_complete(self) -> bool:
        return not self.missing

    @property
    def is_empty(self) -> bool:
        """No value for any area and no published total: nothing to compare with yet."""
        return self.published is None and all(value is None for value in self.values)

    @property
    def coverage_text(self) -> str:
        return coverage_text(len(self.areas) - len(self.missing), len(self.areas))

    @property
    def value_texts(self) -> list[str]:
        """Each value as the pages write it: "68"; "ej bedömt" where an evaluation has no
        score, "saknas" where a reference series gives no value."""
        absent = not_given() if self.is_reference else not_scored()
        return [absent if value is None else format_score(value) for value in self.values]

    @property
    def total_text(self) -> str:
        return format_score(self.total)

    @property
    def missing_text(self) -> str:
        """The numbers of the areas left out: "3, 5"."""
        return ", ".join(str(area.number) for area in self.missing)


@dataclass
class Comparison:
    """Series over the same framework version's areas, the evaluation's own first."""

    areas: list[Area]
    series: list[Series]
    other_versions: list[Evaluation]

    @property
    def previous(self) -> Series | None:
        return next((line for line in self.series if line.note == PREVIOUS), None)


def reference_series(organisation, framework_id: int, areas: list[Area]) -> list[Series]:
    """The organisation's reference series of the version, each with the areas it gives (two
    queries)."""
    series = []
    for reference in ReferenceSeries.objects.filter(
        organisation=organisation, framework_id=framework_id
    ).prefetch_related("values"):
        values = {v.area_id: v.value for v in reference.values.all()}
        series.append(
            Series(
                name=reference.name,
                values=[values.get(a.pk) for a in areas],
                areas=areas,
                note=reference.source,
                published=reference.published_total,
                is_reference=True,
            )
        )
    return series


def profile(evaluation: Evaluation, grants, areas: list[Area]) -> list[Series]:
    """For the evaluation's page and report: the evaluation, the version's reference series
    and the unit's previous evaluation with the same version (never one with another version:
    its scores are not comparable). Four queries."""
    previous = previous_same_version(evaluation)
    scores = scores_by_area([evaluation] + ([previous] if previous else []))
    series = [Series(str(evaluation), [scores[evaluation.pk].get(a.pk) for a in areas], areas)]
    series += reference_series(grants.organisation, evaluation.framework_id, areas)
    if previous is not None:
        values = [scores[previous.pk].get(a.pk) for a in areas]
        series.append(Series(str(previous), values, areas, note=PREVIOUS))
    return series


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
    series = [Series(str(evaluation), [scores[evaluation.pk].get(a.pk) for a in areas], areas)]
    series += reference_series(grants.organisation, evaluation.framework_id, areas)
    for peer in peers:
        note = PREVIOUS if previous and peer.pk == previous.pk else ""
        values = [scores[peer.pk].get(a.pk) for a in areas]
        series.append(Series(f"{peer.unit.name}: {peer}", values, areas, note=note))
    others = list(
        evaluations_visible(grants)
        .filter(unit_id=evaluation.unit_id)
        .exclude(framework_id=evaluation.framework_id)
    )
    return Comparison(areas=areas, series=series, other_versions=others)
