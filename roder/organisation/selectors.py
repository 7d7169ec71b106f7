"""Reads across the organisation tree, each with a fixed number of queries."""

import datetime
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db.models import Prefetch

from roder.core.models import HistoryAction, HistoryEntry
from roder.organisation.access import Grants
from roder.organisation.models import Role, Unit


@dataclass
class TreeNode:
    unit: Unit
    children: list["TreeNode"] = field(default_factory=list)
    matches: bool = True


def unit_tree(
    *, grants: Grants, on_date: datetime.date | None = None, query: str = ""
) -> list[TreeNode]:
    """The units the person may see, as nested nodes (one query).

    `on_date` keeps only the units valid that day (last year's tree after a reorganisation).
    `query` keeps the units whose name or code contains it, with their ancestors for context.
    """
    units = grants.visible_units().order_by("depth", "name")
    if on_date is not None:
        units = units.valid_on(on_date)
    nodes = {unit.pk: TreeNode(unit) for unit in units}
    roots: list[TreeNode] = []
    for node in nodes.values():
        parent = nodes.get(node.unit.parent_id)
        (parent.children if parent else roots).append(node)
    needle = query.strip().casefold()
    if needle:
        roots = _filter(roots, needle)
    return roots


def _filter(nodes: list[TreeNode], needle: str) -> list[TreeNode]:
    kept = []
    for node in nodes:
        node.children = _filter(node.children, needle)
        node.matches = needle in node.unit.name.casefold() or needle in node.unit.code.casefold()
        if node.matches or node.children:
            kept.append(node)
    return kept


def count_nodes(nodes: list[TreeNode]) -> int:
    return sum(1 + count_nodes(node.children) for node in nodes)


def unit_ancestors(unit: Unit) -> list[Unit]:
    """Root first, parent last (one query)."""
    by_id = Unit.objects.in_bulk(unit.ancestor_ids)
    return [by_id[pk] for pk in unit.ancestor_ids if pk in by_id]


def unit_roles(unit: Unit) -> tuple[list[Role], list[Role]]:
    """Roles held on the unit itself, and roles inherited from units above it (one query)."""
    roles = (
        Role.objects.filter(unit_id__in=[*unit.ancestor_ids, unit.pk])
        .select_related("person", "unit")
        .order_by("unit__depth", "kind", "person__last_name", "person__first_name")
    )
    own: list[Role] = []
    inherited: list[Role] = []
    for role in roles:
        (own if role.unit_id == unit.pk else inherited).append(role)
    return own, inherited


def people_with_roles(*, grants: Grants, query: str = "") -> list:
    """The organisation's people with their roles in it (two queries), optionally those whose
    name, user name or e-mail contains `query`.

    The search runs in Python: SQLite's LIKE folds case only for A–Z, so "öberg" would miss
    "Öberg" there; an organisation's people fit in memory.
    """
    User = get_user_model()
    roles = Role.objects.filter(unit__organisation=grants.organisation).select_related("unit")
    people = (
        User.objects.filter(organisation=grants.organisation)
        .order_by("last_name", "first_name", "username")
        .prefetch_related(Prefetch("roles", queryset=roles.order_by("unit__path")))
    )
    needle = query.strip().casefold()
    if not needle:
        return list(people)
    return [
        person
        for person in people
        if any(
            needle in value.casefold()
            for value in (person.get_full_name(), person.username, person.email)
        )
    ]


def roles_of_person(user) -> list[Role]:
    """Every role a person holds, with unit and organisation (one query)."""
    return list(
        Role.objects.filter(person=user)
        .select_related("unit", "unit__organisation")
        .order_by("unit__organisation__name", "unit__path")
    )


def history_for_unit(unit: Unit, limit: int = 50):
    return HistoryEntry.objects.filter(unit=unit).newest_first()[:limit]


def history_for_person(person, limit: int = 50):
    return HistoryEntry.objects.filter(person=person).newest_first()[:limit]


def invitations(people) -> dict:
    """Person id → the latest invitation sent to them (its history entry: `at`, `actor`), in
    one query. The history is where an invitation is recorded (services.person_invite)."""
    entries = (
        HistoryEntry.objects.filter(person__in=people, action=HistoryAction.INVITE)
        .select_related("actor")
        .order_by("person_id", "at", "pk")
    )
    return {entry.person_id: entry for entry in entries}
