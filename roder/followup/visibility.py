"""Who sees what of the follow-up: which outcomes and assessments a reader is shown.

A unit's figures and assessments for a period are as far as its report for the period has come
(`UnitReport`; no report is a draft). Everyone who may read the unit sees what was submitted
or approved; a draft (or a returned report) is seen only by people with a reporter role or
higher on the unit (roles inherit downwards, so controllers above it too) and by superusers,
unless the organisation lets readers see drafts (`Organisation.readers_see_drafts`). Documents
for adoption use approved reports only; services (the proposal stored with an assessment) see
everything.

`Seen` is that rule as a value: each selector takes one and filters its Outcome and Assessment
query sets with it, inside the same query (an `Exists` subquery on the reports, or the unit
paths where the person sees drafts), so no page issues more queries for it.
"""

from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q, QuerySet, Subquery

from roder.followup.models import ReportStatus, UnitReport
from roder.organisation.access import Grants
from roder.organisation.models import ROLE_RANK, RoleKind

PUBLISHED = (ReportStatus.SUBMITTED, ReportStatus.APPROVED)
DRAFT_READER = RoleKind.REPORTER  # the lowest role that sees a unit's drafts


@dataclass(frozen=True)
class Seen:
    """Which reports' figures are shown: those whose status is in `statuses`, and every report
    of the units under `draft_paths` (the person's reporter roles and above); `all_reports`
    shows all."""

    statuses: tuple[str, ...] = PUBLISHED
    draft_paths: tuple[str, ...] = ()
    all_reports: bool = False

    @classmethod
    def for_grants(cls, grants: Grants) -> "Seen":
        if grants.is_superuser or grants.organisation.readers_see_drafts:
            return cls.everything()
        rank = ROLE_RANK[DRAFT_READER]
        paths = tuple(
            sorted(path for path, kind in grants.roles if ROLE_RANK[RoleKind(kind)] >= rank)
        )
        return cls(statuses=PUBLISHED, draft_paths=paths)

    @classmethod
    def approved_only(cls) -> "Seen":
        """For documents put before a committee for adoption."""
        return cls(statuses=(ReportStatus.APPROVED,))

    @classmethod
    def everything(cls) -> "Seen":
        """For services (the proposal stored at assessment time) and people who see all."""
        return cls(all_reports=True)

    @property
    def is_everything(self) -> bool:
        return self.all_reports

    def condition(self, *, unit: str = "unit", period: str = "period") -> Q:
        """The filter for rows that have a unit and a period at the given lookups."""
        if self.all_reports:
            return Q()
        reported = UnitReport.objects.filter(
            unit=OuterRef(unit), period=OuterRef(period), status__in=self.statuses
        )
        condition = Q(Exists(reported))
        for path in self.draft_paths:
            condition |= Q(**{f"{unit}__path__startswith": path})
        return condition

    def sees_drafts_of(self, unit) -> bool:
        return self.all_reports or any(unit.path.startswith(path) for path in self.draft_paths)

    def outcomes(self, queryset: QuerySet) -> QuerySet:
        """Outcomes (or revisions) as this person sees them, each with `report_status`."""
        return with_report_status(queryset.filter(self.condition()))

    def assessments(self, queryset: QuerySet) -> QuerySet:
        """Assessments as this person sees them, each with `report_status`."""
        return with_report_status(
            queryset.filter(self.condition(unit="goal__plan__unit")), unit="goal__plan__unit"
        )


def with_report_status(queryset: QuerySet, *, unit: str = "unit") -> QuerySet:
    """Annotate each row with its unit's report status for its period ("" for none: a draft),
    in the same query, for the marks "utkast" and "inlämnad" beside a figure."""
    report = UnitReport.objects.filter(unit=OuterRef(unit), period=OuterRef("period"))
    return queryset.annotate(report_status=Subquery(report.values("status")[:1]))


def status_mark(status: str | None) -> str:
    """What a figure from a report in `status` is marked with: "" when approved, else the
    report's status ("draft" when there is no report)."""
    if status == ReportStatus.APPROVED:
        return ""
    return status or ReportStatus.DRAFT


def mark_label(status: str | None) -> str:
    """The mark as people read it: "utkast", "inskickad", "återsänd" ("" when approved)."""
    mark = status_mark(status)
    return str(ReportStatus(mark).label).lower() if mark else ""
