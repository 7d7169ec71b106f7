"""Fetch award entries, their answers and feedback through their unit (organisation/access.py).

Reading an entry: any role covering its unit. Its answers: reporters and up on the unit
(`roles.ANSWER_WRITER`). Scoring an entry and writing its feedback report: the evaluators named
on the entry (if they can see the unit) and controllers of the unit (`roles.EVALUATOR`).
"""

from django.core.exceptions import PermissionDenied

from roder.organisation.access import Grants, check_unit, fetch_for_user
from roder.organisation.models import RoleKind
from roder.quality.models import Answer, AreaFeedback, Entry
from roder.quality.roles import EVALUATOR


def get_entry_for_user(grants: Grants, pk: int, *, need: RoleKind = RoleKind.READER) -> Entry:
    entries = Entry.objects.select_related("unit", "unit__organisation", "framework")
    return fetch_for_user(grants, entries, pk, need=need)


def get_answer_for_user(grants: Grants, pk: int, *, need: RoleKind = RoleKind.READER) -> Answer:
    answers = Answer.objects.select_related(
        "entry__unit__organisation", "entry__framework", "question__area"
    )
    return fetch_for_user(grants, answers, pk, unit="entry__unit", need=need)


def get_feedback_for_user(grants: Grants, pk: int) -> AreaFeedback:
    """An area's feedback row, for evaluators of its entry (404 unseen, 403 not an evaluator)."""
    rows = AreaFeedback.objects.select_related("entry__unit__organisation", "area")
    feedback = fetch_for_user(grants, rows, pk, unit="entry__unit")
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
