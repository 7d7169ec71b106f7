"""Fetch evaluations, findings, entries and frameworks through their unit
(organisation/access.py).

Reading an evaluation or entry: any role covering its unit. Creating and editing an evaluation,
its scores, findings and actions: controllers of the unit (controller rank and up). An entry's
answers: reporters and up on the unit. Scoring an entry and writing its feedback report: the
evaluators named on the entry (if they can see the unit) and controllers of the unit.
Frameworks: everyone in the organisation reads them (shipped and the organisation's own);
administrators of the organisation's top unit edit, copy and import them.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404

from roder.organisation.access import Grants, check_unit
from roder.organisation.models import RoleKind
from roder.quality.models import (
    Answer,
    AreaFeedback,
    Entry,
    Evaluation,
    Finding,
    FrameworkVersion,
    ReferenceSeries,
)

EVALUATOR = RoleKind.CONTROLLER
ANSWER_WRITER = RoleKind.REPORTER


def frameworks_of(organisation):
    """The shipped framework versions and the organisation's own."""
    return FrameworkVersion.objects.filter(Q(organisation=None) | Q(organisation=organisation))


def get_framework_for_user(grants: Grants, pk: int) -> FrameworkVersion:
    version = frameworks_of(grants.organisation).filter(pk=pk).first()
    if version is None:
        raise Http404
    return version


def get_evaluation_for_user(
    grants: Grants, pk: int, *, need: RoleKind = RoleKind.READER
) -> Evaluation:
    evaluation = (
        Evaluation.objects.select_related("unit", "unit__organisation", "framework")
        .filter(unit__organisation=grants.organisation, pk=pk)
        .first()
    )
    if evaluation is None:
        raise Http404
    check_unit(grants, evaluation.unit, need=need)
    return evaluation


def get_finding_for_user(grants: Grants, pk: int, *, need: RoleKind = RoleKind.READER) -> Finding:
    finding = (
        Finding.objects.select_related(
            "evaluation", "evaluation__unit", "evaluation__unit__organisation", "area", "sub_area"
        )
        .filter(evaluation__unit__organisation=grants.organisation, pk=pk)
        .first()
    )
    if finding is None:
        raise Http404
    check_unit(grants, finding.evaluation.unit, need=need)
    return finding


def get_entry_for_user(grants: Grants, pk: int, *, need: RoleKind = RoleKind.READER) -> Entry:
    entry = (
        Entry.objects.select_related("unit", "unit__organisation", "framework")
        .filter(unit__organisation=grants.organisation, pk=pk)
        .first()
    )
    if entry is None:
        raise Http404
    check_unit(grants, entry.unit, need=need)
    return entry


def get_answer_for_user(grants: Grants, pk: int, *, need: RoleKind = RoleKind.READER) -> Answer:
    answer = (
        Answer.objects.select_related(
            "entry__unit__organisation", "entry__framework", "question__area"
        )
        .filter(entry__unit__organisation=grants.organisation, pk=pk)
        .first()
    )
    if answer is None:
        raise Http404
    check_unit(grants, answer.entry.unit, need=need)
    return answer


def get_feedback_for_user(grants: Grants, pk: int) -> AreaFeedback:
    """An area's feedback row, for evaluators of its entry (404 unseen, 403 not an evaluator)."""
    feedback = (
        AreaFeedback.objects.select_related("entry__unit__organisation", "area")
        .filter(entry__unit__organisation=grants.organisation, pk=pk)
        .first()
    )
    if feedback is None:
        raise Http404
    require_entry_evaluator(grants, feedback.entry)
    return feedback


def get_series_for_user(grants: Grants, pk: int) -> ReferenceSeries:
    series = (
        ReferenceSeries.objects.select_related("framework")
        .filter(organisation=grants.organisation, pk=pk)
        .first()
    )
    if series is None:
        raise Http404
    return series


def may_evaluate_entry(grants: Grants, entry: Entry) -> bool:
    if not grants.can_see(entry.unit):
        return False
    if grants.has_role(entry.unit, EVALUATOR):
        return True
    user_pk = getattr(grants.user, "pk", None)
    return any(person.pk == user_pk for person in entry.evaluators.all())


def require_entry_evaluator(grants: Grants, entry: Entry) -> None:
    """404 if the person cannot see the entry's unit, 403 unless they evaluate it."""
    check_unit(grants, entry.unit)
    if not may_evaluate_entry(grants, entry):
        raise PermissionDenied
