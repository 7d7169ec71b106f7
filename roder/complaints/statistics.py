"""Complaint statistics people can trust: counts, the share acknowledged and answered within
the deadline and the median handling time in working days, per unit (a branch rolled up over
the unit tree), service, type and year.

The database counts: one grouped query returns, per unit, service, type and year, how many
cases there are for each handling time and each state of the two deadlines (met, missed, not
yet due). Every figure is summed from those cells in Python, so a unit's figures cover its
branch, and a median is read from the counted handling times; the number of queries does not
grow with the cases or the units.

A share or median stands only on at least the organisation's minimum number of cases
(`ComplaintSettings.statistics_minimum`, default 5): the cases whose deadline has come for a
share, the answered cases for a median. Fewer, and the figure is "too few cases". Counts are
always shown. No case's contents ever reach these figures.
"""

import datetime
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, cast

from django.db.models import Case as CaseWhen
from django.db.models import Count, F, IntegerField, Q, QuerySet, Value, When
from django.utils import timezone
from django.utils.translation import gettext_lazy

from roder.complaints.models import Case, CaseKind, CaseStatus
from roder.core import formatting
from roder.organisation.models import Organisation, Unit

MET, MISSED, PENDING = 0, 1, 2
Cell = dict[str, Any]  # one grouped row of `cells`


def _deadline_state(done: Q, due: str) -> CaseWhen:
    """MET when the step was done by the deadline, MISSED when it was done late, the deadline
    passed without it or the case was closed without it, PENDING while there is still time."""
    today = timezone.localdate()
    return CaseWhen(
        When(done, then=Value(MET)),
        When(
            Q(acknowledged_on__isnull=False)
            | Q(answered_on__isnull=False)
            | Q(**{f"{due}__lt": today})
            | Q(status=CaseStatus.CLOSED),
            then=Value(MISSED),
        ),
        default=Value(PENDING),
        output_field=IntegerField(),
    )


def _answer_state() -> CaseWhen:
    today = timezone.localdate()
    return CaseWhen(
        When(Q(answered_on__lte=F("answer_by")), then=Value(MET)),
        When(
            Q(answered_on__isnull=False) | Q(answer_by__lt=today) | Q(status=CaseStatus.CLOSED),
            then=Value(MISSED),
        ),
        default=Value(PENDING),
        output_field=IntegerField(),
    )


ACKNOWLEDGED_IN_TIME = Q(acknowledged_on__lte=F("acknowledge_by")) | Q(
    answered_on__lte=F("acknowledge_by")
)


GROUPS = ("unit__path", "service_id", "kind", "year")


def cells(cases: QuerySet[Case], groups: tuple[str, ...] = GROUPS) -> list[Cell]:
    """The grouped counts of `cases` (one query): the unit's path, service, kind, year,
    handling days, the acknowledgement's and the answer's state, and `n`."""
    rows = (
        cases.annotate(
            ack=_deadline_state(ACKNOWLEDGED_IN_TIME, "acknowledge_by"), ans=_answer_state()
        )
        .values(*groups, "handling_days", "ack", "ans")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return cast(list[Cell], list(rows))


@dataclass
class Tally:
    """The counted cases of one group."""

    cases: int = 0
    acknowledged: int = 0  # in time
    acknowledge_due: int = 0  # in time, late, or due without it
    answered: int = 0  # in time
    answer_due: int = 0
    days: Counter[int] = field(default_factory=Counter)  # handling days → answered cases

    def add(self, cell: Cell) -> None:
        n = cell["n"]
        self.cases += n
        if cell["ack"] != PENDING:
            self.acknowledge_due += n
            self.acknowledged += n if cell["ack"] == MET else 0
        if cell["ans"] != PENDING:
            self.answer_due += n
            self.answered += n if cell["ans"] == MET else 0
        if cell["handling_days"] is not None:
            self.days[cell["handling_days"]] += n

    def merge(self, other: "Tally") -> None:
        self.cases += other.cases
        self.acknowledged += other.acknowledged
        self.acknowledge_due += other.acknowledge_due
        self.answered += other.answered
        self.answer_due += other.answer_due
        self.days.update(other.days)


def _share(part: int, whole: int) -> Decimal:
    return Decimal(100 * part) / Decimal(whole)


def median(days: Counter[int]) -> Decimal | None:
    """The median of the counted handling times (the mean of the two middle ones when even)."""
    total = sum(days.values())
    if not total:
        return None
    wanted = {(total - 1) // 2, total // 2}
    found: list[int] = []
    seen = 0
    for value in sorted(days):
        count = days[value]
        found += [value for position in wanted if seen <= position < seen + count]
        seen += count
    return Decimal(sum(found)) / Decimal(len(found))


@dataclass(frozen=True)
class Figures:
    """One group's figures as they may be shown: a share or median is None with `too_few`
    set when fewer cases than the minimum stand behind it."""

    label: str
    cases: int
    acknowledged_share: Decimal | None
    answered_share: Decimal | None
    median_days: Decimal | None
    too_few_acknowledged: bool
    too_few_answered: bool
    too_few_median: bool
    depth: int = 0
    key: object = None

    @property
    def too_few(self) -> bool:
        return self.too_few_acknowledged or self.too_few_answered or self.too_few_median

    @property
    def acknowledged_text(self) -> str:
        return _shown(formatting.percent(self.acknowledged_share, 0), self.too_few_acknowledged)

    @property
    def answered_text(self) -> str:
        return _shown(formatting.percent(self.answered_share, 0), self.too_few_answered)

    @property
    def median_text(self) -> str:
        return _shown(
            formatting.number(self.median_days, 1 if self._half() else 0), self.too_few_median
        )

    @property
    def indent(self) -> str:
        return "\u2003" * self.depth

    def _half(self) -> bool:
        return self.median_days is not None and self.median_days % 1 != 0


TOO_FEW = gettext_lazy("too few cases")


def _shown(text: str, too_few: bool) -> str:
    return str(TOO_FEW) if too_few else text


def figures(tally: Tally, minimum: int, label: str = "", **extra: object) -> Figures:
    answered_cases = sum(tally.days.values())
    ack_ok = tally.acknowledge_due >= minimum
    ans_ok = tally.answer_due >= minimum
    med_ok = answered_cases >= minimum
    return Figures(
        label=label,
        cases=tally.cases,
        acknowledged_share=_share(tally.acknowledged, tally.acknowledge_due) if ack_ok else None,
        answered_share=_share(tally.answered, tally.answer_due) if ans_ok else None,
        median_days=median(tally.days) if med_ok else None,
        too_few_acknowledged=not ack_ok,
        too_few_answered=not ans_ok,
        too_few_median=not med_ok,
        **extra,  # type: ignore[arg-type]
    )


def _ids(path: str) -> list[int]:
    return [int(part) for part in path.strip("/").split("/") if part]


def by_path(found: Iterable[Cell]) -> dict[str, Tally]:
    """The cells summed per unit (by its path)."""
    tallies: dict[str, Tally] = {}
    for cell in found:
        path = cell["unit__path"]
        tally = tallies.get(path)
        if tally is None:
            tally = tallies[path] = Tally()
        tally.add(cell)
    return tallies


def roll_up_paths(per_path: dict[str, Tally], units: Iterable[Unit]) -> dict[int, Tally]:
    """Each unit's tally over its branch: a unit's cases count for it and every unit above it
    among `units` (roles and figures inherit downwards, sums roll up)."""
    wanted = {unit.pk for unit in units}
    tallies = {pk: Tally() for pk in wanted}
    for path, tally in per_path.items():
        for pk in _ids(path):
            if pk in wanted:
                tallies[pk].merge(tally)
    return tallies


def roll_up(found: Iterable[Cell], units: Iterable[Unit]) -> dict[int, Tally]:
    return roll_up_paths(by_path(found), units)


@dataclass(frozen=True)
class Statistics:
    """The statistics page's figures for one unit's branch and date range."""

    unit: Unit
    minimum: int
    total: Figures
    units: list[Figures]
    services: list[Figures]
    kinds: list[Figures]
    years: list[Figures]


def scope(organisation: Organisation, unit: Unit) -> QuerySet[Case]:
    return Case.objects.filter(organisation=organisation, unit__path__startswith=unit.path)


def branch_statistics(
    *,
    unit: Unit,
    units: list[Unit],
    starts: datetime.date,
    ends: datetime.date,
    minimum: int,
    service_names: dict[int, str],
) -> Statistics:
    """The figures of `unit`'s branch for cases received from `starts` to `ends`: in total,
    per unit of the branch (`units`, each rolled up over its own branch), per service and per
    type; and per year over every year, for the trend. Two queries."""
    in_branch = scope(unit.organisation, unit)
    found = cells(in_branch.filter(received_on__gte=starts, received_on__lte=ends))
    trend = cells(in_branch, ("year",))
    branch = [u for u in units if u.path.startswith(unit.path)]
    per_path: dict[str, Tally] = {}
    by_service: dict[int | None, Tally] = {}
    by_kind: dict[str, Tally] = {kind: Tally() for kind in CaseKind.values}
    for cell in found:
        path = cell["unit__path"]
        if path not in per_path:
            per_path[path] = Tally()
        per_path[path].add(cell)
        service = cell["service_id"]
        if service not in by_service:
            by_service[service] = Tally()
        by_service[service].add(cell)
        by_kind[cell["kind"]].add(cell)
    tallies = roll_up_paths(per_path, branch)
    total = Tally()
    for tally in by_kind.values():
        total.merge(tally)
    by_year: dict[int, Tally] = {}
    for cell in trend:
        by_year.setdefault(cell["year"], Tally()).add(cell)
    top = unit.depth
    return Statistics(
        unit=unit,
        minimum=minimum,
        total=figures(total, minimum, unit.name),
        units=[
            figures(tallies[u.pk], minimum, u.name, depth=u.depth - top, key=u.pk) for u in branch
        ],
        services=sorted(
            (
                figures(tally, minimum, service_names.get(pk, "") if pk else "", key=pk)
                for pk, tally in by_service.items()
            ),
            key=lambda f: (f.key is None, f.label),
        ),
        kinds=[
            figures(by_kind[kind], minimum, str(label), key=kind)
            for kind, label in CaseKind.choices
        ],
        years=[figures(by_year[year], minimum, str(year), key=year) for year in sorted(by_year)],
    )
