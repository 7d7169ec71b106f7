"""Reads of actions across the tree, each with a fixed number of queries."""

import datetime

from django.contrib.contenttypes.models import ContentType
from django.db.models import OuterRef, Prefetch, Q, QuerySet, Subquery
from django.utils import timezone

from roder.actions.access import ACTION_EDITOR
from roder.actions.models import Action, ActionNote, ActionQuerySet
from roder.core.models import HistoryEntry
from roder.organisation.access import Grants
from roder.organisation.models import Unit
from roder.planning.models import Goal

# Pseudo-status for filters: everything not done or cancelled.
OPEN = "open"
MEETING_NOTES = 3


def actions_for(
    grants: Grants,
    *,
    unit: Unit | None = None,
    responsible=None,
    status: str | None = None,
    due_before: datetime.date | None = None,
    overdue_only: bool = False,
    open_only: bool = False,
    today: datetime.date | None = None,
) -> ActionQuerySet:
    """The actions of the units the person may see (of `unit` and everything below it when
    given), with unit, responsible person and the text of the latest note: one query.

    `status` is an ActionStatus value or "open"; `due_before` keeps actions due on or before
    that day; `overdue_only` keeps open actions whose due date has passed."""
    actions = Action.objects.filter(unit__in=grants.visible_units())
    if unit is not None:
        actions = actions.within(unit)
    if responsible is not None:
        actions = actions.filter(responsible=responsible)
    if status == OPEN or open_only:
        actions = actions.open()
    if status and status != OPEN:
        actions = actions.filter(status=status)
    if due_before is not None:
        actions = actions.filter(due__lte=due_before)
    if overdue_only:
        actions = actions.overdue(today or timezone.localdate())
    latest = ActionNote.objects.filter(action=OuterRef("pk")).order_by("-written_at", "-pk")
    return actions.select_related("unit", "responsible").annotate(
        latest_note=Subquery(latest.values("text")[:1])
    )


def with_latest_notes(actions: QuerySet, count: int = MEETING_NOTES) -> QuerySet:
    """Add `latest_notes`, each action's newest `count` notes with their writers (one query)."""
    notes = ActionNote.objects.select_related("written_by").order_by("-written_at", "-pk")
    return actions.prefetch_related(
        Prefetch("notes", queryset=notes[:count], to_attr="latest_notes")
    )


def actions_for_goal(goal: Goal, *, grants: Grants | None = None) -> ActionQuerySet:
    """The actions serving `goal`, for the goal's page; only visible units' when `grants`."""
    actions = Action.objects.filter(goals=goal).select_related("unit", "responsible")
    if grants is not None:
        actions = actions.filter(unit__in=grants.visible_units())
    return actions


def action_notes(action: Action) -> QuerySet:
    return action.notes.select_related("written_by")


def action_history(action: Action, limit: int = 50) -> QuerySet:
    """History of the action and of its notes, newest first (one query)."""
    types = ContentType.objects.get_for_models(Action, ActionNote)
    notes = ActionNote.objects.filter(action=action).values("pk")
    return HistoryEntry.objects.filter(
        Q(content_type=types[Action], object_id=action.pk)
        | Q(content_type=types[ActionNote], object_id__in=notes)
    ).newest_first()[:limit]


def goal_candidates(unit: Unit) -> QuerySet:
    """Goals an action of `unit` may serve: those of the unit and of the units above it."""
    return (
        Goal.objects.filter(plan__unit_id__in=[*unit.ancestor_ids, unit.pk])
        .select_related("plan__unit")
        .order_by("-plan__year", "plan__unit__depth", "order", "pk")
    )


def editable_units(grants: Grants, *, keep: Unit | None = None) -> list[Unit]:
    """Units, valid today, where the person may create and edit actions (one query), plus
    `keep` (an action's present unit) even if it has ended."""
    today = timezone.localdate()
    units = grants.visible_units().order_by("path")
    return [
        unit
        for unit in units
        if grants.has_role(unit, ACTION_EDITOR)
        and (unit.is_valid_on(today) or (keep is not None and unit.pk == keep.pk))
    ]


def actions_due_for(person, *, within_days: int = 14) -> list[Action]:
    """The person's open actions that are overdue or due within `within_days` (one query)."""
    soon = timezone.localdate() + datetime.timedelta(days=within_days)
    return list(
        Action.objects.open()
        .filter(responsible=person, due__lte=soon)
        .select_related("unit__organisation")
        .order_by("due", "pk")
    )
