"""Fetch evaluations and their findings through their unit (organisation/access.py).

Reading an evaluation: any role covering its unit (a sibling unit: 404). Creating and editing an
evaluation, its scores, findings and actions: controllers of the unit (controller rank and up,
`roles.EVALUATOR`).
"""

from django.http import Http404

from roder.organisation.access import Grants, fetch_for_user
from roder.organisation.models import RoleKind
from roder.quality.models import AreaScore, Evaluation, Finding


def get_evaluation_for_user(
    grants: Grants, pk: int, *, need: RoleKind = RoleKind.READER
) -> Evaluation:
    evaluations = Evaluation.objects.select_related("unit", "unit__organisation", "framework")
    return fetch_for_user(grants, evaluations, pk, need=need)


def get_finding_for_user(grants: Grants, pk: int, *, need: RoleKind = RoleKind.READER) -> Finding:
    findings = Finding.objects.select_related(
        "evaluation", "evaluation__unit", "evaluation__unit__organisation", "area", "sub_area"
    )
    return fetch_for_user(grants, findings, pk, unit="evaluation__unit", need=need)


def get_score_row(evaluation: Evaluation, area_pk: int) -> AreaScore:
    """The evaluation's score row for an area (fetched for the person already), or 404."""
    row = (
        AreaScore.objects.select_related("area", "evaluation__unit__organisation")
        .filter(evaluation=evaluation, area_id=area_pk)
        .first()
    )
    if row is None:
        raise Http404
    return row
