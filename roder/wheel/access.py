"""Who may see and edit the wheel's events (organisation.access rules: a role applies to its
unit and the units below).

- Everyone in the organisation opens the wheel; they see the events of the units they see and
  of the units above theirs (an event applies below its unit), and the organisation's dates.
- Controllers (and administrators) of an event's unit edit it and the unit's public feed."""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from roder.organisation.access import Grants
from roder.organisation.models import ROLE_RANK, RoleKind
from roder.wheel.models import WheelEvent
from roder.wheel.selectors import may_see

EDITOR = RoleKind.CONTROLLER


def editable_units(grants: Grants):
    """The units whose events the person edits (one query when evaluated)."""
    units = grants.visible_units().select_related("organisation")
    return units.filter(pk__in=[u.pk for u in units if grants.has_role(u, EDITOR)]).order_by("path")


def may_edit_somewhere(grants: Grants) -> bool:
    return grants.is_superuser or any(
        ROLE_RANK[RoleKind(kind)] >= ROLE_RANK[EDITOR] for _path, kind in grants.roles
    )


def require_editor_somewhere(grants: Grants) -> None:
    if not may_edit_somewhere(grants):
        raise PermissionDenied


def get_event_for_user(grants: Grants, pk: int, *, edit: bool = False) -> WheelEvent:
    """404 unless the person sees the event; with `edit`, 403 unless they edit its unit."""
    event = (
        WheelEvent.objects.filter(organisation=grants.organisation, pk=pk)
        .select_related("unit", "organisation")
        .first()
    )
    if event is None or not may_see(grants, event.unit):
        raise Http404
    if edit and not grants.has_role(event.unit, EDITOR):
        raise PermissionDenied
    return event


def may_edit(grants: Grants, event: WheelEvent) -> bool:
    return grants.has_role(event.unit, EDITOR)
