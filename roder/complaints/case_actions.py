"""What a case leads to (issue 15 part 3): actions (åtgärder) created in the action list from a
case, linked both ways, and the goals a case concerns.

The action is the unit's own, in the ordinary action list: its title and description say what
is to be done and name the case by its diary number only — never the submitter or the case's
text, which stay behind the case's secrecy and retention. The action page shows where it came
from through `actions.origins` (registered in apps.py), with a link only for those who may
open the case; the case page lists its actions. The goals a case concerns are chosen from the
plans of the case's unit and the units above it, for the case's year; an action created from
the case gets the same goals.
"""

import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext as _

from roder.actions.models import Action
from roder.actions.origins import Origin, OriginSource
from roder.actions.services import action_create
from roder.complaints.access import get_case_for_user
from roder.complaints.models import Case, CaseAction
from roder.core.models import HistoryAction
from roder.core.services import history_record, save_versioned
from roder.planning.models import Goal


def goal_choices(case: Case) -> list[Goal]:
    """The goals of the plans of the case's unit and the units above it, for the case's year
    (one query)."""
    chain = [int(part) for part in case.unit.path.strip("/").split("/")]
    return list(
        Goal.objects.filter(plan__unit__in=chain, plan__year=case.year)
        .select_related("plan__unit")
        .order_by("plan__unit__path", "pk")
    )


@transaction.atomic
def case_goals_set(*, case: Case, goals: list[Goal], expected_version: int, by: Any) -> Case:
    """The goals the case concerns (history: which were added and removed, by name)."""
    allowed = {goal.pk for goal in goal_choices(case)}
    if any(goal.pk not in allowed for goal in goals):
        raise ValidationError(_("Choose goals of the case's unit or the units above it."))
    current = list(case.goals.all())
    if {goal.pk for goal in current} == {goal.pk for goal in goals}:
        return case  # as it was: no new version, no history
    before = sorted(str(goal) for goal in current)
    save_versioned(case, expected_version=expected_version, fields=[])
    case.goals.set(goals)
    history_record(
        obj=case,
        action=HistoryAction.UPDATE,
        actor=by,
        organisation=case.organisation,
        unit=case.unit,
        before={"goals": ", ".join(before)},
        after={"goals": ", ".join(sorted(str(goal) for goal in goals))},
    )
    return case


@transaction.atomic
def case_action_create(
    *, case: Case, title: str, due: datetime.date | None = None, responsible: Any = None, by: Any
) -> Action:
    """An action in the case's unit's action list, linked to the case and to its goals."""
    title = title.strip()
    if not title:
        raise ValidationError(_("Say what is to be done."))
    action = action_create(
        unit=case.unit,
        title=title[:300],
        description=_("Follows up the case %(number)s (%(kind)s) in opinions and complaints.")
        % {"number": case.diary_number, "kind": case.get_kind_display().lower()},
        due=due,
        responsible=responsible,
        goals=case.goals.select_related("plan__unit"),
        by=by,
    )
    CaseAction.objects.create(case=case, action=action)
    history_record(
        obj=case,
        action=HistoryAction.LINK,
        actor=by,
        organisation=case.organisation,
        unit=case.unit,
        after={"action": str(action)},
    )
    return action


def case_actions(case: Case) -> list[Action]:
    return [
        link.action
        for link in CaseAction.objects.filter(case=case)
        .select_related("action__responsible")
        .order_by("pk")
    ]


def case_origins(actions: Any, grants: Any) -> dict[int, Origin]:
    """The case each action came from (one query, and one per case to check that the person
    may open it: a handful at most on an action page)."""
    links = CaseAction.objects.filter(action__in=actions).select_related("case").order_by("pk")
    found: dict[int, Origin] = {}
    for link in links:
        if link.action_id in found:
            continue
        try:
            get_case_for_user(grants, link.case_id)
        except (Http404, PermissionDenied):  # the person may not open the case
            continue
        url = reverse(
            "complaints:case_detail", kwargs={"org": grants.organisation.slug, "pk": link.case_id}
        )
        found[link.action_id] = Origin(
            label=_("The case %(number)s") % {"number": link.case.diary_number},
            url=url,
            link_text=_("opinions and complaints"),
        )
    return found


ORIGIN = OriginSource(key="complaints", order=30, of_actions=case_origins)
