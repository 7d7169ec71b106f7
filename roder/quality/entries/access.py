"""Fetch award entries, their answers and feedback through their unit (organisation/access.py).

Reading an entry: any role covering its unit. Its answers: reporters and up on the unit
(`roles.ANSWER_WRITER`). Scoring an entry and writing its feedback report: the evaluators named
on the entry (if they can see the unit) and controllers of the unit (`roles.EVALUATOR`).
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from roder.organisation.access import Grants, check_unit
from roder.organisation.models import RoleKind
from roder.quality.models import Answer, AreaFeedback, Entry
from roder.quality.roles import EVALUATOR


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
