"""Writes to actions and their notes. Transactional, validated, with history on the unit."""

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from roder.actions import notices
from roder.actions.models import Action, ActionNote, ActionStatus
from roder.core.models import HistoryAction
from roder.core.services import (
    create_with_history,
    history_record,
    save_versioned,
    snapshot,
    update_with_history,
)
from roder.organisation.models import Unit

ACTION_FIELDS = ("unit", "title", "description", "responsible", "starts", "due", "status")


def _goals_snapshot(goals: Iterable) -> dict[str, str]:
    return {"goals": "; ".join(sorted(str(goal) for goal in goals))}


def _action_checks(*, unit: Unit, organisation_id: int, values: dict, goals) -> None:
    """Raise ValidationError for bad input; `values` holds every field of ACTION_FIELDS."""
    if unit.organisation_id != organisation_id:
        raise ValidationError({"unit": _("The unit belongs to another organisation.")})
    if not (values["title"] or "").strip():
        raise ValidationError({"title": _("Give the action a title.")})
    if values["status"] not in ActionStatus.values:
        raise ValidationError({"status": _("Choose one of the statuses.")})
    starts, due = values["starts"], values["due"]
    if starts and due and due < starts:
        raise ValidationError({"due": _("The due date cannot be before the start date.")})
    responsible = values["responsible"]
    if responsible is not None and responsible.organisation_id != unit.organisation_id:
        raise ValidationError(
            {"responsible": _("The responsible person belongs to another organisation.")}
        )
    for goal in goals or ():
        _check_goal(unit, goal)


def _check_goal(unit: Unit, goal) -> None:
    goal_unit = goal.plan.unit
    if goal_unit.organisation_id != unit.organisation_id:
        raise ValidationError(
            {"goals": _("The goal %(goal)s belongs to another organisation.") % {"goal": goal}}
        )
    if not goal_unit.contains(unit):
        raise ValidationError(
            {
                "goals": _(
                    "An action can only serve goals of its own unit or of the units above it; "
                    "%(goal)s belongs to %(unit)s."
                )
                % {"goal": goal, "unit": goal_unit}
            }
        )


@transaction.atomic
def action_create(
    *,
    unit: Unit,
    title: str,
    by,
    description: str = "",
    responsible=None,
    starts=None,
    due=None,
    status: str = ActionStatus.NOT_STARTED,
    goals: Iterable = (),
) -> Action:
    goals = list(goals)
    values = {
        "unit": unit,
        "title": title.strip(),
        "description": description,
        "responsible": responsible,
        "starts": starts,
        "due": due,
        "status": status,
    }
    _action_checks(unit=unit, organisation_id=unit.organisation_id, values=values, goals=goals)
    action = Action.objects.create(**values)
    action.goals.set(goals)
    history_record(
        obj=action,
        action=HistoryAction.CREATE,
        actor=by,
        organisation=unit.organisation,
        unit=unit,
        after={**snapshot(action, ACTION_FIELDS), **(_goals_snapshot(goals) if goals else {})},
    )
    notices.responsible_set(action, before_id=None, by=by)
    return action


@transaction.atomic
def action_update(*, action: Action, expected_version: int, by, **values) -> Action:
    """Change any of ACTION_FIELDS and, when given, the linked `goals`. The unit may change
    within the organisation; the caller checks the person may edit the new unit."""
    unknown = set(values) - {*ACTION_FIELDS, "goals"}
    if unknown:
        raise TypeError(f"action_update() got unexpected fields: {sorted(unknown)}")
    goals = list(values.pop("goals")) if "goals" in values else None
    merged = {name: values.get(name, getattr(action, name)) for name in ACTION_FIELDS}
    merged["title"] = (merged["title"] or "").strip()
    organisation_id = action.unit.organisation_id
    _action_checks(unit=merged["unit"], organisation_id=organisation_id, values=merged, goals=goals)
    old_goals = list(action.goals.all()) if goals is not None else []
    before = snapshot(action, ACTION_FIELDS)
    responsible_before = action.responsible_id
    for name, value in merged.items():
        setattr(action, name, value)
    save_versioned(action, expected_version=expected_version, fields=ACTION_FIELDS)
    after = snapshot(action, ACTION_FIELDS)
    if goals is not None:
        action.goals.set(goals)
        before.update(_goals_snapshot(old_goals))
        after.update(_goals_snapshot(goals))
    history_record(
        obj=action,
        action=HistoryAction.UPDATE,
        actor=by,
        organisation=action.unit.organisation,
        unit=action.unit,
        before=before,
        after=after,
    )
    notices.responsible_set(action, before_id=responsible_before, by=by)
    return action


@transaction.atomic
def action_set_status(*, action: Action, status: str, expected_version: int, by) -> Action:
    """The quick change from the list or the workplace meeting. The status it already has
    writes nothing: there is nothing to overwrite."""
    if status not in ActionStatus.values:
        raise ValidationError({"status": _("Choose one of the statuses.")})
    if status == action.status:
        return action
    return update_with_history(
        action,
        fields=("status",),
        values={"status": status},
        expected_version=expected_version,
        by=by,
        organisation=action.unit.organisation,
        unit=action.unit,
    )


@transaction.atomic
def action_add_note(*, action: Action, text: str, by) -> ActionNote:
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": _("Write something in the note.")})
    written_by = by if getattr(by, "pk", None) else None
    return create_with_history(
        ActionNote,
        values={"action": action, "text": text, "written_by": written_by},
        fields=("text",),
        by=by,
        organisation=action.unit.organisation,
        unit=action.unit,
    )
