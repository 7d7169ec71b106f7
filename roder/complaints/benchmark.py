"""A generated organisation with many complaint cases and the statistics' time against their
bare SQL. Used by `manage.py complaints_benchmark`; never by tests (speed is measured, not
asserted)."""

import datetime
import statistics as stats
import time
from collections.abc import Callable
from typing import Any

from django.db import connection
from django.test.utils import CaptureQueriesContext

from roder.complaints import statistics
from roder.complaints.models import Case, CaseKind, CaseStatus, Service
from roder.core.db import analyse
from roder.followup.benchmark import _tree
from roder.organisation import services as org_services
from roder.organisation.models import Organisation, Unit

BATCH = 5000
KINDS = CaseKind.values


def build(
    *, slug: str, units: int, cases: int, years: int, progress: Callable[[str], Any] = print
) -> Organisation:
    """Organisation `slug` with ~`units` units in four levels, a service per ten units and
    `cases` closed, answered cases spread over the units, types and `years` years (bulk)."""
    organisation = org_services.organisation_create(
        name=f"Benchmark {slug}", slug=slug, root_code="B", by=None
    )
    root = Unit.objects.get(organisation=organisation, parent=None)
    tree = _tree(root, units)
    progress(f"units: {len(tree)}")
    leaves = [unit for unit in tree if unit.depth == max(u.depth for u in tree)]
    services = Service.objects.bulk_create(
        Service(organisation=organisation, name=f"Tjänst {n}", unit=leaves[n])
        for n in range(0, len(leaves), 10)
    )
    first = datetime.date.today().year - years + 1
    rows = []
    for n in range(cases):
        unit = leaves[n % len(leaves)]
        year = first + n % years
        received = datetime.date(year, 1 + n % 12, 1 + n % 28)
        days = n % 17
        answered = received + datetime.timedelta(days=days + 2 * (days // 5))
        rows.append(
            Case(
                organisation=organisation,
                year=year,
                number=n + 1,
                diary_number=f"B {year}/{n + 1}",
                kind=KINDS[n % len(KINDS)],
                service=services[(n // len(leaves)) % len(services)] if n % 3 else None,
                unit=unit,
                status=CaseStatus.CLOSED,
                description="Benchmark",
                anonymous=True,
                received_on=received,
                acknowledge_by=received + datetime.timedelta(days=2),
                answer_by=received + datetime.timedelta(days=14),
                acknowledged_on=received + datetime.timedelta(days=1 + n % 4),
                answered_on=answered,
                closed_on=answered,
                handling_days=days,
            )
        )
        if len(rows) == BATCH:
            Case.objects.bulk_create(rows)
            rows = []
    Case.objects.bulk_create(rows)
    analyse()  # as autovacuum would before anyone reads the statistics
    progress(f"cases: {cases}")
    return organisation


def _replay(queries: list[dict[str, Any]]) -> float:
    start = time.perf_counter()
    with connection.cursor() as cursor:
        for query in queries:
            cursor.execute(query["sql"])
            cursor.fetchall()
    return time.perf_counter() - start


def time_statistics(organisation: Organisation, *, runs: int = 5) -> dict[str, float]:
    """The median time of the top unit's statistics for the latest year (every unit rolled up,
    every service, type and year) and of replaying its SQL alone."""
    units = list(Unit.objects.filter(organisation=organisation).order_by("path"))
    root = next(unit for unit in units if unit.parent_id is None)
    year = Case.objects.filter(organisation=organisation).order_by("-year").first()
    assert year is not None
    starts, ends = datetime.date(year.year, 1, 1), datetime.date(year.year, 12, 31)
    names = dict(Service.objects.filter(organisation=organisation).values_list("pk", "name"))
    full, bare, queries = [], [], 0
    for _run in range(runs):
        with CaptureQueriesContext(connection) as captured:
            start = time.perf_counter()
            result = statistics.branch_statistics(
                unit=root, units=units, starts=starts, ends=ends, minimum=5, service_names=names
            )
            full.append(time.perf_counter() - start)
        queries = len(captured.captured_queries)
        bare.append(_replay(captured.captured_queries))
    return {
        "cases": result.total.cases,
        "units": len(units),
        "queries": queries,
        "statistics_ms": stats.median(full) * 1000,
        "sql_ms": stats.median(bare) * 1000,
    }
