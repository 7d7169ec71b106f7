"""Fetch evaluations and their findings through their unit (organisation/access.py).

Reading an evaluation: any role covering its unit (a sibling unit: 404). Creating and editing an
evaluation, its scores, findings and actions: controllers of the unit (controller rank and up,
`roles.EVALUATOR`).
"""

from django.http import Http404

from roder.organisation.access import Grants, check_unit
from roder.organisation.models import RoleKind
from roder.quality.models import Evaluation, Finding


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
