"""Reads of complaint cases, each with a fixed number of queries."""

import re
from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db.models import Prefetch, Q, QuerySet, Sum
from django.db.models.functions import ExtractMonth

from roder.complaints.access import visible_cases
from roder.complaints.models import (
    Attachment,
    Case,
    CaseAnswer,
    CaseNote,
    CaseOpening,
    CaseQuerySet,
    CaseStatus,
    ComplaintSettings,
    ContactKind,
    CustomerContact,
    RemovalLog,
    Service,
)
from roder.core.models import HistoryEntry
from roder.organisation.access import Grants
from roder.organisation.models import ROLE_RANK, Organisation, Role, RoleKind, Unit

OPEN = "open"


def cases_for(
    grants: Grants, *, unit: Unit | None = None, status: str | None = None
) -> CaseQuerySet:
    """The cases the person handles (of `unit` and below it when given), with unit, service
    and handler: one query. `status` is a CaseStatus value or "open" (not closed)."""
    cases = Case.objects.filter(visible_cases(grants))
    if unit is not None:
        cases = cases.within(unit)
    if status == OPEN:
        cases = cases.exclude(status=CaseStatus.CLOSED)
    elif status:
        cases = cases.filter(status=status)
    return cases.select_related("unit", "service", "handler")


def handler_candidates(unit: Unit) -> list[Any]:
    """The people who may handle the unit's cases: the reporter role or higher on the unit or
    above it (one query)."""
    kinds = [kind for kind in RoleKind if ROLE_RANK[kind] >= ROLE_RANK[RoleKind.REPORTER]]
    people = Role.objects.filter(unit_id__in=[*unit.ancestor_ids, unit.pk], kind__in=kinds)
    User = get_user_model()
    return list(
        User.objects.filter(pk__in=people.values("person"), is_active=True).order_by(
            "first_name", "last_name", "pk"
        )
    )


def services_of(organisation: Organisation, *, active_only: bool = False) -> QuerySet[Service]:
    services = Service.objects.filter(organisation=organisation).select_related("unit")
    return services.filter(active=True) if active_only else services


def open_form(slug: str) -> ComplaintSettings | None:
    """The settings of the organisation whose public form is open at `slug` (one query)."""
    return (
        ComplaintSettings.objects.select_related("organisation")
        .filter(organisation__slug=slug, form_open=True)
        .first()
    )


def case_attachments(case: Case) -> QuerySet[Attachment]:
    """The case's attachments without their content."""
    return case.attachments.defer("content")


def case_notes(case: Case) -> QuerySet[CaseNote]:
    return case.notes.select_related("written_by")


def case_answers(case: Case) -> QuerySet[CaseAnswer]:
    return case.answers.select_related("written_by")


def case_openings(case: Case, limit: int = 20) -> QuerySet[CaseOpening]:
    return case.openings.select_related("person")[:limit]


def case_history(case: Case, limit: int = 50) -> QuerySet[HistoryEntry]:
    """The case's history and its notes' (one query)."""
    types = ContentType.objects.get_for_models(Case, CaseNote)
    notes = CaseNote.objects.filter(case=case).values("pk")
    return HistoryEntry.objects.filter(
        Q(content_type=types[Case], object_id=case.pk)
        | Q(content_type=types[CaseNote], object_id__in=notes)
    ).newest_first()[:limit]


def handling_units(grants: Grants) -> list[Unit]:
    """Units where the person may register and handle cases (one query)."""
    units = Unit.objects.filter(grants.sees("")).order_by("path")
    return [unit for unit in units if grants.has_role(unit, RoleKind.REPORTER)]


def handler_candidates_in(organisation: Organisation) -> list[Any]:
    """Everyone with the reporter role or higher somewhere in the organisation (one query);
    the service checks the role on the case's unit."""
    kinds = [kind for kind in RoleKind if ROLE_RANK[kind] >= ROLE_RANK[RoleKind.REPORTER]]
    people = Role.objects.filter(unit__organisation=organisation, kind__in=kinds)
    User = get_user_model()
    return list(User.objects.filter(pk__in=people.values("person"), is_active=True))


def statistics_units(grants: Grants) -> list[Unit]:
    """The units whose statistics the person may read: every unit they see, readers included
    (one query)."""
    return list(Unit.objects.filter(grants.sees("")).order_by("path"))


def case_years(organisation: Organisation) -> list[int]:
    """The years the organisation has cases in, newest first (one query)."""
    years = Case.objects.filter(organisation=organisation).values_list("year", flat=True)
    return sorted(set(years.distinct().order_by()), reverse=True)


def removal_log(organisation: Organisation, limit: int = 50) -> QuerySet[RemovalLog]:
    """The latest removals of personal data, without the data (one query)."""
    return RemovalLog.objects.filter(organisation=organisation).select_related("by")[:limit]


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text or "")


def person_cases(organisation: Organisation, term: str) -> list[Case]:
    """The organisation's cases whose submitter has the e-mail address or phone number `term`
    (the address in any case, the number by its digits), with their answers, notes and
    attachments (five queries at most). Empty for a term that is neither."""
    term = (term or "").strip()
    cases = Case.objects.filter(organisation=organisation)
    if "@" in term:
        found = cases.filter(submitter_email__iexact=term)
    else:
        digits = _digits(term)
        if len(digits) < 6:
            return []
        phones = cases.exclude(submitter_phone="").values_list("pk", "submitter_phone")
        found = cases.filter(pk__in=[pk for pk, phone in phones if _digits(phone) == digits])
    return list(
        found.select_related("unit", "service").prefetch_related(
            "answers", "notes", Prefetch("attachments", Attachment.objects.defer("content"))
        )
    )


@dataclass(frozen=True)
class ContactCounts:
    """The kundlogg's counts of a unit's branch in a year, each row's counts in the order of
    `ContactKind`: per month, per tertial, per kind, and in total."""

    months: list[tuple[int, list[int], int]]  # (month, counts per kind, all)
    tertials: list[tuple[int, list[int], int]]
    kinds: list[tuple[str, int]]  # (label, count)
    total: int


def contact_counts(unit: Unit, year: int) -> ContactCounts:
    """Summed in the database per month and kind (one query)."""
    rows = (
        CustomerContact.objects.filter(unit__path__startswith=unit.path, day__year=year)
        .annotate(month=ExtractMonth("day"))
        .values("month", "kind")
        .annotate(n=Sum("count"))
        .order_by()
    )
    kinds = ContactKind.values
    grid = {month: [0] * len(kinds) for month in range(1, 13)}
    for row in rows:
        grid[row["month"]][kinds.index(row["kind"])] = row["n"]
    tertials = []
    for tertial in (1, 2, 3):
        months = range(4 * tertial - 3, 4 * tertial + 1)
        counts = [sum(grid[m][k] for m in months) for k in range(len(kinds))]
        tertials.append((tertial, counts, sum(counts)))
    per_kind = [sum(grid[m][k] for m in grid) for k in range(len(kinds))]
    return ContactCounts(
        months=[(m, counts, sum(counts)) for m, counts in grid.items()],
        tertials=tertials,
        kinds=[
            (str(label), n) for (_v, label), n in zip(ContactKind.choices, per_kind, strict=True)
        ],
        total=sum(per_kind),
    )


def contacts_of(unit: Unit, year: int, limit: int = 200) -> QuerySet[CustomerContact]:
    """The latest logged contacts of the unit's branch in the year (one query)."""
    return (
        CustomerContact.objects.filter(unit__path__startswith=unit.path, day__year=year)
        .select_related("unit", "written_by")
        .order_by("-day", "-pk")[:limit]
    )
